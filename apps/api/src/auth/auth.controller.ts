import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { AuthService, EmailVerificationService, Principal } from '@ksbb/core';
import { CurrentPrincipal, Public, Roles } from '../platform/auth.decorators';
import { NoIdempotency } from '../platform/idempotency.interceptor';
import { ApiProblems } from '../platform/openapi.decorators';
import { UserResponse } from '../users/dto/user.response';
import {
  EmailVerifiedResponse,
  LoginRequest,
  LoginResponse,
  MeResponse,
  RefreshRequest,
  RegisterRequest,
  RegisterResponse,
  TokenPairResponse,
  VerifyEmailRequest,
} from './dto/auth.dto';
import { MeService } from './me.service';

/** Idempotency-Key is ignored on every route here: their answers are credentials (see IdempotencyInterceptor). */
@ApiTags('auth')
@Controller('auth')
@NoIdempotency()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly me: MeService,
    private readonly emailVerification: EmailVerificationService,
  ) {}

  @Post('register')
  @Public()
  @ApiCreatedResponse({ type: RegisterResponse, description: 'A collaborator user and its organisation, pending verification' })
  @ApiProblems(400, 409, 429)
  @ApiOperation({
    operationId: 'authRegister',
    summary: 'Register as a collaborator',
    description:
      'Creates a collaborator user and its organisation, pending verification by an officer, and emails a single-use link (valid EMAIL_VERIFICATION_TTL_HOURS) that verifies the address: the account cannot sign a commitment before. No tokens: sign in with /auth/login. 409 when the email is taken, 429 when too many registrations come from one address.',
  })
  async register(@Body() body: RegisterRequest): Promise<RegisterResponse> {
    const { user, collaboratorId } = await this.auth.register(body);
    return { user: UserResponse.of(user), collaboratorId, collaboratorStatus: 'pending' };
  }

  @Post('verify-email')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: EmailVerifiedResponse, description: 'The address is verified; the link is spent' })
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'authVerifyEmail',
    summary: 'Verify an email address with the link of the verification email',
    description:
      'Spends the single-use token of the link sent at sign-up (or by /auth/resend-verification). 400 with the field error code `verification_token_invalid`, `verification_token_used` or `verification_token_expired`.',
  })
  async verifyEmail(@Body() body: VerifyEmailRequest): Promise<EmailVerifiedResponse> {
    await this.emailVerification.verify(body.token);
    return { emailVerified: true };
  }

  @Post('resend-verification')
  @Roles('collaborator')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'A new link is on its way; earlier links stop working' })
  @ApiProblems(403, 409, 429)
  @ApiOperation({
    operationId: 'authResendVerification',
    summary: 'Send a new email verification link',
    description:
      'For a signed-in, self-registered user whose address is not verified yet. 409 (`email_already_verified`) when it is; 429 when asked again within a minute or more than 5 times an hour.',
  })
  async resendVerification(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.emailVerification.resend(principal.id as string);
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  @ApiProblems(400, 401, 429)
  @ApiOperation({
    operationId: 'authLogin',
    summary: 'Sign in with email and password',
    description: 'Returns an access token (bearer JWT) and a refresh token. 401 on wrong credentials or an inactive account, 429 after too many failed attempts.',
  })
  async login(@Body() body: LoginRequest): Promise<LoginResponse> {
    const { user, tokens } = await this.auth.login(body.email, body.password);
    return { ...tokens, user: UserResponse.of(user) };
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairResponse, description: 'A new pair; the presented refresh token is spent' })
  @ApiProblems(400, 401)
  @ApiOperation({
    operationId: 'authRefresh',
    summary: 'Exchange a refresh token for a new pair',
    description: 'The presented refresh token is spent; presenting it again revokes its whole family (401).',
  })
  refresh(@Body() body: RefreshRequest): Promise<TokenPairResponse> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @Roles()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session (the refresh token family) is revoked' })
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'authLogout',
    summary: 'Sign out',
    description: 'Revokes the session (the refresh token family). 400 when the body has no refresh token.',
  })
  async logout(@Body() body: RefreshRequest): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }

  @Get('me')
  @Roles()
  @ApiOkResponse({ type: MeResponse })
  @ApiOperation({
    operationId: 'authWhoAmI',
    summary: 'Describe the caller',
    description: 'The signed-in user (or the API key and its aggregator) with role and memberships. 401 without valid credentials.',
  })
  whoAmI(@CurrentPrincipal() principal: Principal): Promise<MeResponse> {
    return this.me.describe(principal);
  }
}
