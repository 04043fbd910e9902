import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { Principal, Role } from '@ksbb/core';
import { ApiProblems } from './openapi.decorators';

export const IS_PUBLIC = 'ksbb:public';
export const ROLES = 'ksbb:roles';

/** No credentials needed. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Only these roles (any authenticated role when none are given). Documents the security schemes and 401/403. */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  const decorators = [SetMetadata(ROLES, roles), ApiBearerAuth('bearer'), ApiProblems(401, 403)];
  if (roles.length === 0 || roles.includes('aggregator')) decorators.push(ApiSecurity('apiKey'));
  return applyDecorators(...decorators);
}

export const STAFF: Role[] = ['admin', 'operator'];
export const INTERNAL: Role[] = ['admin', 'operator', 'viewer'];

/** The authenticated caller. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().principal;
});
