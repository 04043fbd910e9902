import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DeliveryChannel, DeliveryOutcome } from '@ksbb/core';
import { QueueName } from '@ksbb/jobs';
import { QueueHandles } from '../queue-handles';
import { withTimeout } from '../with-timeout';

export type JobOutcome = 'completed' | 'failed';

const DEPTH_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
const DEPTH_TIMEOUT_MS = 1000;

/** Prometheus metrics of one worker process: Node defaults, jobs run, their duration, and queue depth. */
@Injectable()
export class WorkerMetrics {
  readonly registry = new Registry();

  private readonly jobs = new Counter({
    name: 'ksbb_worker_jobs_total',
    help: 'Jobs processed by this worker, by queue, job name and outcome',
    labelNames: ['queue', 'name', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly duration = new Histogram({
    name: 'ksbb_worker_job_duration_seconds',
    help: 'Time spent processing one job',
    labelNames: ['queue', 'name'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  private readonly deliveryLatency = new Histogram({
    name: 'ksbb_worker_delivery_latency_seconds',
    help: 'From the domain event to its delivery (email accepted by SMTP, webhook answered 2xx), by channel',
    labelNames: ['channel'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 6 * 3600, 24 * 3600],
    registers: [this.registry],
  });

  private readonly deliveryFailures = new Counter({
    name: 'ksbb_worker_delivery_failures_total',
    help: 'Delivery attempts that failed, by channel and outcome (failed: will retry; dead: gave up)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly depth: Gauge<'queue' | 'state'>;

  constructor(queues: QueueHandles) {
    this.depth = new Gauge({
      name: 'ksbb_worker_queue_depth',
      help: 'Jobs in each queue by state, read from Redis at scrape time',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        // A queue Redis does not answer for drops out of the scrape rather than reporting stale numbers.
        this.reset();
        await Promise.all(
          Object.values(QueueName).map(async (queue) => {
            const counts = await withTimeout(
              queues.get(queue).getJobCounts(...DEPTH_STATES),
              DEPTH_TIMEOUT_MS,
            ).catch(() => null);
            if (!counts) return;
            for (const state of DEPTH_STATES) this.set({ queue, state }, counts[state] ?? 0);
          }),
        );
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'ksbb_worker_' });
  }

  recordJob(queue: QueueName, name: string, outcome: JobOutcome, seconds: number): void {
    this.jobs.inc({ queue, name, outcome });
    this.duration.observe({ queue, name }, seconds);
  }

  recordDelivery(channel: DeliveryChannel, outcome: DeliveryOutcome): void {
    if (outcome.status === 'sent' && outcome.latencySeconds !== null) {
      this.deliveryLatency.observe({ channel }, outcome.latencySeconds);
    } else if (outcome.status === 'failed' || outcome.status === 'dead') {
      this.deliveryFailures.inc({ channel, outcome: outcome.status });
    }
  }
}
