import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiKeysService, ForbiddenError, Principal, RequestContext, Role, TokenService, UnauthenticatedError } from '@ksbb/core';
import { IS_PUBLIC, ROLES } from './auth.decorators';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/**
 * Global guard: a route is closed unless marked @Public. Accepts `Authorization: Bearer <JWT>` for users and
 * `X-API-Key` for aggregator systems, then checks the route's roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    const principal = await this.authenticate(request, isPublic);
    if (principal) {
      request.principal = principal;
      RequestContext.setPrincipal(principal);
    }
    if (isPublic) return true;
    if (!principal) throw new UnauthenticatedError('authentication is required');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets) ?? [];
    if (roles.length > 0 && !roles.includes(principal.role as Role)) {
      throw new ForbiddenError('your role may not do this');
    }
    return true;
  }

  /** On public routes bad credentials are ignored rather than refused. */
  private async authenticate(request: FastifyRequest, lenient: boolean): Promise<Principal | null> {
    try {
      const auth = request.headers.authorization;
      if (auth) {
        const m = /^Bearer\s+(\S+)$/i.exec(auth);
        if (!m) throw new UnauthenticatedError('the Authorization header must be "Bearer <token>"');
        return this.tokens.verifyAccess(m[1]);
      }
      const key = request.headers['x-api-key'];
      if (typeof key === 'string' && key) return await this.apiKeys.authenticate(key);
      return null;
    } catch (e) {
      if (lenient) return null;
      throw e;
    }
  }
}
