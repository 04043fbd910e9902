import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';

/**
 * The lag a replica reports: 0 while it has replayed everything it received, else the age of the last transaction
 * it replayed; NULL (never used) when it is not a standby or its WAL receiver is not streaming (cut off from the
 * primary, so "replayed everything received" would say nothing about how stale it is).
 */
const LAG_SQL = `SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN NULL
    WHEN NOT EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN NULL
    WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
    ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())
  END::float8 AS lag`;

/** SQLSTATE classes that mean the server is away or refusing work (08 connection, 53 resources, 57 operator). */
const UNAVAILABLE = /^(08|53|57)/;

/**
 * Where report and public reads go: a streaming replica (DATABASE_REPLICA_URL) while it is fresh, the primary
 * otherwise. The replica is probed every REPLICA_CHECK_MS; it is used only while its last probe succeeded and its
 * replay lag was at most DATABASE_REPLICA_MAX_LAG_SECONDS — the staleness bound of what reports and the public site
 * read (plus one probe interval). A query the replica fails to answer for want of a connection is run again on the
 * primary and the replica is left out until a probe finds it fresh again, so a replica that goes away costs callers
 * nothing but that one query's retry. Without DATABASE_REPLICA_URL every read goes to the primary.
 *
 * Only for plain reads outside transactions: it holds no session state, so it works through PgBouncer's transaction
 * pooling like the primary's pool.
 */
@Injectable()
export class ReadDatabase implements OnApplicationShutdown {
  private readonly logger = new Logger('ReadDatabase');
  private replica: DataSource | null = null;
  private fresh = false;
  private lagSeconds: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private probing: Promise<void> | null = null;

  constructor(
    private readonly primary: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    if (config.DATABASE_REPLICA_URL) {
      this.replica = new DataSource({
        type: 'postgres',
        url: config.DATABASE_REPLICA_URL,
        entities: [],
        logging: false,
        extra: {
          max: config.DATABASE_REPLICA_POOL_SIZE,
          application_name: 'ksbb-read',
          // A replica that stopped answering must not hold report requests for long: give up and read the primary.
          connectionTimeoutMillis: 2000,
          query_timeout: config.DATABASE_REPLICA_QUERY_TIMEOUT_MS,
        },
      });
      void this.probe();
      this.timer = setInterval(() => void this.probe(), config.DATABASE_REPLICA_CHECK_MS);
      this.timer.unref();
    }
  }

  /** Whether reads go to the replica now, and its replay lag at the last probe (for /metrics and tests). */
  state(): { configured: boolean; usingReplica: boolean; lagSeconds: number | null } {
    return { configured: !!this.replica, usingReplica: this.fresh, lagSeconds: this.lagSeconds };
  }

  /** Runs one read-only statement on the replica while it is fresh, else (or when it fails to answer) on the primary. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same default as DataSource.query, which callers type per statement
  async query<T = any>(sql: string, params?: unknown[]): Promise<T> {
    if (this.replica && this.fresh) {
      try {
        return (await this.replica.query(sql, params)) as T;
      } catch (e) {
        if (!unavailable(e)) throw e;
        this.fresh = false;
        this.logger.warn(`read replica unavailable (${describe(e)}); reading the primary until it is back`);
      }
    }
    return (await this.primary.query(sql, params)) as T;
  }

  private probe(): Promise<void> {
    this.probing ??= this.check().finally(() => (this.probing = null));
    return this.probing;
  }

  private async check(): Promise<void> {
    const replica = this.replica;
    if (!replica) return;
    const was = this.fresh;
    try {
      if (!replica.isInitialized) await replica.initialize();
      const [row] = (await replica.query(LAG_SQL)) as { lag: number | null }[];
      this.lagSeconds = row?.lag ?? null;
      this.fresh = this.lagSeconds !== null && this.lagSeconds <= this.config.DATABASE_REPLICA_MAX_LAG_SECONDS;
    } catch (e) {
      this.lagSeconds = null;
      this.fresh = false;
      if (was) this.logger.warn(`read replica probe failed (${describe(e)})`);
    }
    if (was !== this.fresh)
      this.logger.log(
        this.fresh
          ? `reads go to the replica (lag ${this.lagSeconds?.toFixed(1)} s)`
          : `reads go to the primary (replica lag ${this.lagSeconds === null ? 'unknown' : `${this.lagSeconds.toFixed(1)} s`})`,
      );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.probing?.catch(() => undefined);
    if (this.replica?.isInitialized) await this.replica.destroy().catch(() => undefined);
  }
}

function unavailable(e: unknown): boolean {
  const code = (e as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ?? (e as { code?: unknown }).code;
  // No SQLSTATE: the connection failed, was cut or timed out on the client side.
  return typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code) || UNAVAILABLE.test(code);
}

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, 200);
