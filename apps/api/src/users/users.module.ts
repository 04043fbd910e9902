import { Module } from '@nestjs/common';
import { UsersModule } from '@ksbb/core';
import { UsersController } from './users.controller';

/** `/users`: accounts, for admins. */
@Module({ imports: [UsersModule], controllers: [UsersController] })
export class UsersHttpModule {}
