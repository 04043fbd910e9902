import { Module } from '@nestjs/common';
import { AuthModule, UsersModule } from '@ksbb/core';
import { AuthController } from './auth.controller';
import { MeService } from './me.service';

/** `/auth`: sign-up, sign-in, refresh, sign-out and who am I. */
@Module({
  imports: [AuthModule, UsersModule],
  controllers: [AuthController],
  providers: [MeService],
})
export class AuthHttpModule {}
