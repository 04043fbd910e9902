import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { BullMqJobQueue, JOB_QUEUE_TOKEN, JobQueue } from '@ksbb/jobs';
import { AuditEntry } from './audit/audit-entry.entity';
import { AuditQueryService } from './audit/audit-query.service';
import { AuditRepository } from './audit/audit.repository';
import { AuditService } from './audit/audit.service';
import { APP_CONFIG, AppConfig } from './config/config';
import { dataSourceOptions } from './database/data-source';
import { DatabaseHealth } from './database/health';
import { ReadDatabase } from './database/read-database';
import { UnitOfWork } from './database/unit-of-work';
import { NikKeyCheck } from './handovers/nik-key-check';
import { NikKeyRepository } from './handovers/nik-key.repository';
import { NumberSequence } from './numbering/number-sequence.entity';
import { NumberSequencesRepository } from './numbering/number-sequences.repository';
import { OutboxEvent } from './outbox/outbox-event.entity';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { OutboxRepository } from './outbox/outbox.repository';
import { OutboxService } from './outbox/outbox.service';
import { RateLimiter } from './redis/rate-limiter';
import { createRedis, REDIS } from './redis/redis';
import { FileStorage } from './storage/file-storage';
import { LocalDiskStorage } from './storage/local-disk.storage';

/** Infrastructure every concern may use (exported to all). */
const INFRASTRUCTURE = [
  UnitOfWork,
  DatabaseHealth,
  // Report and public reads: the replica while it is fresh, else the primary.
  ReadDatabase,
  AuditService,
  AuditQueryService,
  OutboxService,
  OutboxRelay,
  RateLimiter,
  // Gap-free document numbers (KOM, BAST) taken inside the caller's transaction.
  NumberSequencesRepository,
];

/**
 * Infrastructure shared by the API and the worker: configuration, the database (entities are registered by each
 * concern's module and loaded from there) and the unit of work, Redis, the job queue, audit, the outbox, document
 * numbering and file storage. The concerns are modules of their own (`NeedsModule`, `AllocationsModule`, …) that an
 * app imports.
 */
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
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config),
          entities: [],
          autoLoadEntities: true,
          extra: { max: config.DATABASE_POOL_SIZE, application_name: name },
        }),
        TypeOrmModule.forFeature([AuditEntry, OutboxEvent, NumberSequence]),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: REDIS, useFactory: () => createRedis(config.REDIS_URL, name) },
        {
          provide: JOB_QUEUE_TOKEN,
          useFactory: () => new BullMqJobQueue({ url: config.REDIS_URL, prefix: `${config.REDIS_PREFIX}:bull` }),
        },
        { provide: FileStorage, useClass: LocalDiskStorage },
        AuditRepository,
        OutboxRepository,
        // Refuses to start with a NIK key other than the one the stored NIK hashes were made with.
        NikKeyRepository,
        NikKeyCheck,
        ...INFRASTRUCTURE,
      ],
      exports: [APP_CONFIG, REDIS, JOB_QUEUE_TOKEN, FileStorage, ...INFRASTRUCTURE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.jobs.close().catch(() => undefined);
    this.redis.disconnect();
  }
}
