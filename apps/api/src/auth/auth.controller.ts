import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthService, Principal } from '@ksbb/core';
import { CurrentPrincipal, Public, Roles } from '../platform/auth.decorators';
import { NoIdempotency } from '../platform/idempotency.interceptor';
import { ApiProblems } from '../platform/openapi.decorators';
import { UserResponse } from '../users/dto/user.response';
import { LoginRequest, LoginResponse, MeResponse, RefreshRequest, RegisterRequest, RegisterResponse, TokenPairResponse } from './dto/auth.dto';
import { MeService } from './me.service';

/** Idempotency-Key is ignored on every route here: their answers are credentials (see IdempotencyInterceptor). */
@ApiTags('auth')
@Controller('auth')
@NoIdempotency()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly me: MeService,
  ) {}

  @Post('register')
  @Public()
  @ApiCreatedResponse({ type: RegisterResponse, description: 'A collaborator user and its organisation, pending verification' })
  @ApiProblems(400, 409, 429)
  async register(@Body() body: RegisterRequest): Promise<RegisterResponse> {
    const { user, collaboratorId } = await this.auth.register(body);
    return { user: UserResponse.of(user), collaboratorId, collaboratorStatus: 'pending' };
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  @ApiProblems(400, 401, 429)
  async login(@Body() body: LoginRequest): Promise<LoginResponse> {
    const { user, tokens } = await this.auth.login(body.email, body.password);
    return { ...tokens, user: UserResponse.of(user) };
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairResponse, description: 'A new pair; the presented refresh token is spent' })
  @ApiProblems(400, 401)
  refresh(@Body() body: RefreshRequest): Promise<TokenPairResponse> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @Roles()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session (the refresh token family) is revoked' })
  @ApiProblems(400)
  async logout(@Body() body: RefreshRequest): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }

  @Get('me')
  @Roles()
  @ApiOkResponse({ type: MeResponse })
  whoAmI(@CurrentPrincipal() principal: Principal): Promise<MeResponse> {
    return this.me.describe(principal);
  }
}
