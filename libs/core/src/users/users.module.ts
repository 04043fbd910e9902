import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AggregatorsModule } from '../aggregators/aggregators.module';
import { CollaboratorsModule } from '../collaborators/collaborators.module';
import { AccountSessions } from './account-sessions';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** Accounts: who may sign in, in which role, for which organisation. */
@Module({
  imports: [TypeOrmModule.forFeature([User]), CollaboratorsModule, AggregatorsModule],
  providers: [UsersRepository, UsersService, AccountSessions],
  exports: [UsersService, AccountSessions],
})
export class UsersModule {}
