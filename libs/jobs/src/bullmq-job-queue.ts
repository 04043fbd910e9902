import {
  JobSchedulerJson,
  JobSchedulerTemplateOptions,
  JobsOptions,
  Queue,
  RedisOptions,
  RepeatOptions,
} from 'bullmq';
import {
  EnqueueOptions,
  JOB_QUEUE,
  JobItem,
  JobQueue,
  ScheduleSpec,
  QueueName,
  ScheduledJobOptions,
  ScheduleInfo,
  ScheduleRepeat,
} from './job.types';

export interface BullMqConnection {
  url: string;
  prefix: string;
}

/** Turns a redis:// URL into BullMQ connection options that fail fast instead of queueing commands forever. */
export function bullConnection(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname && u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
  };
}

/**
 * Connection options for a BullMQ Worker. Its blocking commands must wait out a Redis restart instead of failing
 * (BullMQ requires `maxRetriesPerRequest: null`), and commands issued while reconnecting are queued, not rejected.
 */
export function bullWorkerConnection(url: string): RedisOptions {
  return { ...bullConnection(url), maxRetriesPerRequest: null, enableOfflineQueue: true };
}

/** Options of every enqueued job: retried with backoff, completed ones trimmed, failed ones kept for inspection. */
const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
} satisfies JobsOptions;

/** One job's BullMQ options from ours. */
function jobOptions(o: EnqueueOptions): JobsOptions {
  return {
    jobId: o.jobId,
    delay: o.delayMs,
    ...(o.dedupeKey !== undefined && { deduplication: { id: o.dedupeKey } }),
    ...(o.keepCompleted !== undefined && { removeOnComplete: { count: o.keepCompleted } }),
  };
}

/**
 * BullMQ lays a queue's default job options under a job scheduler's template. Scheduled jobs take only what their
 * schedule says (as they did from the worker's own queue handles, which had no defaults): every default is unset.
 */
const UNSET_DEFAULTS = Object.fromEntries(Object.keys(DEFAULT_JOB_OPTIONS).map((k) => [k, undefined]));

/** JobQueue over BullMQ. Schedules are BullMQ job schedulers (`upsertJobScheduler`), one per id and queue. */
export class BullMqJobQueue implements JobQueue {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly connection: BullMqConnection) {}

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, {
        connection: bullConnection(this.connection.url),
        prefix: this.connection.prefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      q.on('error', () => undefined);
      this.queues.set(name, q);
    }
    return q;
  }

  async enqueue(item: JobItem, options: EnqueueOptions = {}): Promise<void> {
    await this.queue(JOB_QUEUE[item.name]).add(item.name, item.data, jobOptions(options));
  }

  async enqueueMany(items: JobItem[], options: EnqueueOptions[] = []): Promise<void> {
    const byQueue = new Map<QueueName, { item: JobItem; options: EnqueueOptions }[]>();
    items.forEach((item, i) => {
      const q = JOB_QUEUE[item.name];
      byQueue.set(q, [...(byQueue.get(q) ?? []), { item, options: options[i] ?? {} }]);
    });
    for (const [q, list] of byQueue) {
      await this.queue(q).addBulk(
        list.map(({ item, options: o }) => ({
          name: item.name,
          data: item.data,
          opts: jobOptions(o),
        })),
      );
    }
  }

  async upsertSchedule(schedule: ScheduleSpec): Promise<void> {
    await this.queue(JOB_QUEUE[schedule.job.name]).upsertJobScheduler(
      schedule.id,
      repeatOptions(schedule.repeat),
      {
        name: schedule.job.name,
        data: schedule.job.data,
        opts: templateOptions(schedule.options ?? {}),
      },
    );
  }

  removeSchedule(queue: QueueName, id: string): Promise<boolean> {
    return this.queue(queue).removeJobScheduler(id);
  }

  async getSchedule(queue: QueueName, id: string): Promise<ScheduleInfo | null> {
    const scheduler = await this.queue(queue).getJobScheduler(id);
    return scheduler ? scheduleInfo(scheduler) : null;
  }

  async listSchedules(queue: QueueName): Promise<ScheduleInfo[]> {
    return (await this.queue(queue).getJobSchedulers(0, -1)).map(scheduleInfo);
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}

function repeatOptions(repeat: ScheduleRepeat): Omit<RepeatOptions, 'key'> {
  if ('everyMs' in repeat) return { every: repeat.everyMs };
  return repeat.timeZone ? { pattern: repeat.cron, tz: repeat.timeZone } : { pattern: repeat.cron };
}

/** A scheduled job's options: only those its schedule gives (a job with no `attempts` is tried once). */
function templateOptions(o: ScheduledJobOptions): JobSchedulerTemplateOptions {
  return {
    ...UNSET_DEFAULTS,
    ...(o.attempts !== undefined && { attempts: o.attempts }),
    ...(o.backoffMs !== undefined && { backoff: { type: 'exponential', delay: o.backoffMs } }),
    ...(o.keepCompleted !== undefined && { removeOnComplete: { count: o.keepCompleted } }),
    ...(o.keepFailed !== undefined && { removeOnFail: { count: o.keepFailed } }),
  };
}

function scheduleInfo(s: JobSchedulerJson): ScheduleInfo {
  return { id: s.key, jobName: s.name, everyMs: s.every ?? null, cron: s.pattern ?? null };
}
