import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AppConfig, CoreModule } from '@ksbb/core';
import { AggregatorsHttpModule } from './aggregators/aggregators.module';
import { AllocationsHttpModule } from './allocations/allocations.module';
import { ApiKeysHttpModule } from './api-keys/api-keys.module';
import { AuditHttpModule } from './audit/audit.module';
import { AuthHttpModule } from './auth/auth.module';
import { CollaboratorsHttpModule } from './collaborators/collaborators.module';
import { CommitmentsHttpModule } from './commitments/commitments.module';
import { HandoversHttpModule } from './handovers/handovers.module';
import { HealthHttpModule } from './health/health.module';
import { NeedsHttpModule } from './needs/needs.module';
import { InstitutionsHttpModule } from './institutions/institutions.module';
import { NotificationsHttpModule } from './notifications/notifications.module';
import { loggerOptions } from './platform/logging';
import { PlatformModule } from './platform/platform.module';
import { ProgramsHttpModule } from './programs/programs.module';
import { RegionsHttpModule } from './regions/regions.module';
import { ReportsHttpModule } from './reports/reports.module';
import { UsersHttpModule } from './users/users.module';
import { WebhooksHttpModule } from './webhooks/webhooks.module';

/** One HTTP module per concern, each importing its domain module from libs/core. */
const CONCERNS = [
  HealthHttpModule,
  AuthHttpModule,
  UsersHttpModule,
  ApiKeysHttpModule,
  RegionsHttpModule,
  ProgramsHttpModule,
  AuditHttpModule,
  NeedsHttpModule,
  InstitutionsHttpModule,
  CollaboratorsHttpModule,
  AggregatorsHttpModule,
  CommitmentsHttpModule,
  AllocationsHttpModule,
  HandoversHttpModule,
  NotificationsHttpModule,
  WebhooksHttpModule,
  ReportsHttpModule,
];

@Module({})
export class AppModule {
  /** `logger`: the API's pino logger (platform/logging.ts createApiLogger), shared with the access-log hook. */
  static forRoot(config: AppConfig, opts: { logger: Logger }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, 'ksbb-api'),
        LoggerModule.forRoot(loggerOptions(opts.logger)),
        PlatformModule,
        ...CONCERNS,
      ],
    };
  }
}
