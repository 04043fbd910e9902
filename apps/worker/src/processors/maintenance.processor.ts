import { Inject, Injectable } from '@nestjs/common';
import { AllocationsService, APP_CONFIG, AppConfig, IdempotencyStore, OutboxRelay } from '@ksbb/core';
import { JobName, QueueName } from '@ksbb/jobs';
import { JobHandlers, JobSchedule, QueueProcessor } from './queue-processor';

const HOUR_MS = 60 * 60 * 1000;

/** Periodic housekeeping. One job at a time: a tick that overruns simply delays the next one. */
@Injectable()
export class MaintenanceProcessor implements QueueProcessor {
  readonly queue = QueueName.Maintenance;
  readonly concurrency = 1;
  readonly schedules: readonly JobSchedule[];
  readonly handlers: JobHandlers = {
    [JobName.RelayOutbox]: () => this.outboxRelay.sweep(),
    [JobName.PurgeIdempotencyKeys]: () => this.idempotency.purgeExpired(),
    // Expire claims past their hold (quantities return to the needs), then warn holders 3 days ahead.
    [JobName.ExpireClaims]: async () => ({
      expired: await this.allocations.expireDue(),
      warned: await this.allocations.warnExpiring(),
    }),
  };

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly outboxRelay: OutboxRelay,
    private readonly idempotency: IdempotencyStore,
    private readonly allocations: AllocationsService,
  ) {
    this.schedules = [
      { id: 'outbox-sweep', everyMs: config.OUTBOX_SWEEP_MS, job: { name: JobName.RelayOutbox, data: {} } },
      { id: 'expire-claims', everyMs: config.CLAIM_SWEEP_MS, job: { name: JobName.ExpireClaims, data: {} } },
      {
        id: 'purge-idempotency-keys',
        everyMs: HOUR_MS,
        job: { name: JobName.PurgeIdempotencyKeys, data: {} },
      },
    ];
  }
}
