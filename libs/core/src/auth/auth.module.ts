import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AggregatorsModule } from '../aggregators/aggregators.module';
import { UsersModule } from '../users/users.module';
import { ApiKey } from './api-key.entity';
import { ApiKeysRepository } from './api-keys.repository';
import { RegistrationsRepository } from './registrations.repository';
import { EmailVerificationToken } from './email-verification-token.entity';
import { EmailVerificationsRepository } from './email-verifications.repository';
import { EmailVerificationService } from './email-verification.service';
import { ApiKeysService } from './api-keys.service';
import { AuthService } from './auth.service';
import { RefreshToken } from './refresh-token.entity';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { LoginThrottle } from './login-throttle';
import { TokenService } from './token.service';

/** Sign-up (with email verification), sign-in, token rotation and the aggregators' API keys. */
@Module({
  imports: [TypeOrmModule.forFeature([RefreshToken, ApiKey, EmailVerificationToken]), UsersModule, AggregatorsModule],
  providers: [RefreshTokensRepository, RegistrationsRepository, ApiKeysRepository, TokenService, LoginThrottle, AuthService, ApiKeysService, EmailVerificationsRepository, EmailVerificationService],
  exports: [TokenService, AuthService, ApiKeysService, EmailVerificationService],
})
export class AuthModule {}
