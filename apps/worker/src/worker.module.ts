import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import {
  AllocationsModule,
  AppConfig,
  CoreModule,
  IdempotencyModule,
  NotificationsModule,
  ReportsModule,
  WebhooksModule,
} from '@ksbb/core';
import { HealthServer } from './health/health.server';
import { ReadinessProbe } from './health/readiness-probe';
import { WorkerMetrics } from './metrics/worker-metrics';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { NotificationsProcessor } from './processors/notifications.processor';
import { OutboxProcessor } from './processors/outbox.processor';
import { ProcessorRunner } from './processors/processor-runner';
import { QUEUE_PROCESSORS, QueueProcessor } from './processors/queue-processor';
import { ReportsProcessor } from './processors/reports.processor';
import { WebhooksProcessor } from './processors/webhooks.processor';
import { QueueHandles } from './queue-handles';
import { workerLoggerParams } from './worker-logger';

/** One processor per queue. Notifications, Webhooks and Reports join this list as they are built. */
const PROCESSORS = [
  OutboxProcessor,
  MaintenanceProcessor,
  NotificationsProcessor,
  WebhooksProcessor,
  ReportsProcessor,
];

/** The concerns whose jobs the worker runs; nothing else of the domain is built in the worker. */
const CONCERNS = [AllocationsModule, IdempotencyModule, NotificationsModule, WebhooksModule, ReportsModule];

/** The worker: infrastructure from CoreModule, the concerns it serves, a BullMQ Worker per processor, health/metrics. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config, 'ksbb-worker'), LoggerModule.forRoot(workerLoggerParams(config)), ...CONCERNS],
      providers: [
        ...PROCESSORS,
        { provide: QUEUE_PROCESSORS, useFactory: (...p: QueueProcessor[]) => p, inject: PROCESSORS },
        QueueHandles,
        WorkerMetrics,
        ProcessorRunner,
        ReadinessProbe,
        HealthServer,
      ],
    };
  }
}
