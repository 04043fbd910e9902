import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { BullMqJobQueue, JOB_QUEUE_TOKEN, JobQueue } from '@ksbb/jobs';
import { ApiKeysRepository } from './auth/api-keys.repository';
import { ApiKeysService } from './auth/api-keys.service';
import { AuthService } from './auth/auth.service';
import { RefreshTokensRepository } from './auth/refresh-tokens.repository';
import { RegistrationsRepository } from './auth/registrations.repository';
import { TokenService } from './auth/token.service';
import { AuditQueryService } from './audit/audit-query.service';
import { AuditRepository } from './audit/audit.repository';
import { AuditService } from './audit/audit.service';
import { APP_CONFIG, AppConfig } from './config/config';
import { dataSourceOptions } from './database/data-source';
import { DatabaseHealth } from './database/health';
import { UnitOfWork } from './database/unit-of-work';
import { EventDispatcher } from './notifications/event-dispatcher.service';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { OutboxRepository } from './outbox/outbox.repository';
import { OutboxService } from './outbox/outbox.service';
import { NumberSequencesRepository } from './numbering/number-sequences.repository';
import { ProgramsRepository } from './programs/programs.repository';
import { ProgramsService } from './programs/programs.service';
import { RateLimiter } from './redis/rate-limiter';
import { createRedis, REDIS } from './redis/redis';
import { RegionsRepository } from './regions/regions.repository';
import { RegionsService } from './regions/regions.service';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { IdempotencyStore } from './idempotency/idempotency.store';

import { COLLABORATORS_PROVIDERS } from './collaborators/collaborators.providers';
import { COMMITMENTS_PROVIDERS } from './commitments/commitments.providers';
import { NEEDS_PROVIDERS } from './needs/needs.providers';
import { HANDOVERS_PROVIDERS } from './handovers/handovers.providers';
import { DELIVERY_PROVIDERS } from './webhooks/delivery.providers';
import { REPORTS_PROVIDERS } from './reports/reports.providers';

const SERVICES = [
  UnitOfWork,
  DatabaseHealth,
  AuditRepository,
  AuditService,
  AuditQueryService,
  OutboxRepository,
  OutboxService,
  OutboxRelay,
  NumberSequencesRepository,
  EventDispatcher,
  RateLimiter,
  TokenService,
  AuthService,
  RegistrationsRepository,
  ApiKeysRepository,
  ApiKeysService,
  RefreshTokensRepository,
  UsersRepository,
  UsersService,
  RegionsRepository,
  RegionsService,
  ProgramsRepository,
  ProgramsService,
  IdempotencyRepository,
  IdempotencyStore,
  ...NEEDS_PROVIDERS,
  ...COLLABORATORS_PROVIDERS,
  ...COMMITMENTS_PROVIDERS,
  ...HANDOVERS_PROVIDERS,
  ...DELIVERY_PROVIDERS,
  ...REPORTS_PROVIDERS,
];

/** The domain, shared by the API and the worker: database, Redis, the job queue and every service. */
@Global()
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(JOB_QUEUE_TOKEN) private readonly jobs: JobQueue,
  ) {}

  static forRoot(config: AppConfig, name = 'ksbb'): DynamicModule {
    return {
      module: CoreModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(config), extra: { max: config.DATABASE_POOL_SIZE, application_name: name } })],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: REDIS, useFactory: () => createRedis(config.REDIS_URL, name) },
        {
          provide: JOB_QUEUE_TOKEN,
          useFactory: () => new BullMqJobQueue({ url: config.REDIS_URL, prefix: `${config.REDIS_PREFIX}:bull` }),
        },
        ...SERVICES,
      ],
      exports: [APP_CONFIG, REDIS, JOB_QUEUE_TOKEN, ...SERVICES],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.jobs.close().catch(() => undefined);
    this.redis.disconnect();
  }
}
