import { ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, seedDatabase } from '@ksbb/core';
import { portOpen, sleep, waitUntil } from '../chaos/infra';

const run = promisify(execFile);

/**
 * The cluster run's servers, all on 127.0.0.1 at free ports, all in one temporary directory that the run removes:
 * a PostgreSQL primary and its streaming replica (initdb + pg_basebackup -R, run with pg_ctl as the postgres user),
 * PgBouncer (transaction pooling, as the postgres user: it refuses root) and HAProxy (both Debian's packages).
 */

/** Installs Debian's haproxy and pgbouncer when they are missing (as tools/ensure-services.sh does for the others). */
export async function ensurePackages(): Promise<void> {
  const missing = ['haproxy', 'pgbouncer'].filter((bin) => !['/usr/sbin', '/usr/bin'].some((d) => existsSync(join(d, bin))));
  if (!missing.length) return;
  process.stdout.write(`installing ${missing.join(', ')} (apt-get)\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env, maxBuffer: 64 << 20 });
  await run('apt-get', ['install', '-y', '-qq', ...missing], { env, maxBuffer: 64 << 20 });
}

/** The newest PostgreSQL installed (Debian layout), e.g. /usr/lib/postgresql/15/bin. */
export function pgBin(): string {
  const versions = readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v));
  return `/usr/lib/postgresql/${versions.sort((a, b) => Number(a) - Number(b)).pop()}/bin`;
}

/** Runs a command as the postgres user (PostgreSQL and PgBouncer refuse to run as root). */
export const asPostgres = (cmd: string, args: string[], opts: { cwd?: string } = {}): Promise<{ stdout: string }> =>
  run('setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', cmd, ...args], {
    cwd: opts.cwd ?? '/tmp',
    maxBuffer: 16 << 20,
  }) as Promise<{ stdout: string }>;

export class TempDir {
  readonly path = mkdtempSync('/tmp/ksbb-cluster-');

  constructor() {
    chmodSync(this.path, 0o755);
    chownSync(this.path, uid('postgres'), gid('postgres'));
  }

  /** A sub-directory owned by postgres. */
  sub(name: string): string {
    const p = join(this.path, name);
    mkdirSync(p, { recursive: true, mode: 0o700 });
    chownSync(p, uid('postgres'), gid('postgres'));
    return p;
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

let ids: { uid: number; gid: number } | null = null;
function pgIds(): { uid: number; gid: number } {
  if (!ids) {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l: string) => l.startsWith('postgres:')) as string;
    const [, , u, g] = line.split(':');
    ids = { uid: Number(u), gid: Number(g) };
  }
  return ids;
}
const uid = (_: string): number => pgIds().uid;
const gid = (_: string): number => pgIds().gid;

/** One PostgreSQL server (primary or standby) in a directory of the run, started and stopped with pg_ctl. */
export class PgServer {
  constructor(
    readonly role: 'primary' | 'replica',
    readonly dir: string,
    readonly port: number,
    private readonly socketDir: string,
  ) {}

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  private options(): string {
    return [
      `-c port=${this.port}`,
      `-c listen_addresses=127.0.0.1`,
      `-c unix_socket_directories=${this.socketDir}`,
      `-c max_connections=200`,
      `-c shared_buffers=128MB`,
      `-c wal_level=replica`,
      `-c max_wal_senders=5`,
      `-c hot_standby=on`,
      `-c hot_standby_feedback=on`,
      `-c logging_collector=off`,
    ].join(' ');
  }

  /** initdb (trust on loopback, replication included) for the primary. */
  async init(): Promise<void> {
    await asPostgres(join(pgBin(), 'initdb'), ['-D', this.dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  }

  /** A streaming standby of `primary`: pg_basebackup -R writes standby.signal and primary_conninfo. */
  async baseBackupFrom(primary: PgServer): Promise<void> {
    await asPostgres(join(pgBin(), 'pg_basebackup'), [
      '-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', this.dir, '-R', '-X', 'stream', '-c', 'fast',
    ]);
  }

  async start(): Promise<void> {
    await asPostgres(join(pgBin(), 'pg_ctl'), ['-D', this.dir, '-l', `${this.dir}.log`, '-o', this.options(), '-w', '-t', '60', 'start']);
    await waitUntil(`PostgreSQL ${this.role} on ${this.port}`, () => this.accepts(), 30_000);
  }

  /** Fast shutdown: sessions are terminated (what a crashed or restarted replica looks like to its clients). */
  async stop(): Promise<void> {
    if (!existsSync(join(this.dir, 'postmaster.pid'))) return;
    await asPostgres(join(pgBin(), 'pg_ctl'), ['-D', this.dir, '-m', 'fast', '-w', '-t', '30', 'stop']).catch(
      async () => asPostgres(join(pgBin(), 'pg_ctl'), ['-D', this.dir, '-m', 'immediate', 'stop']).catch(() => undefined),
    );
  }

  async accepts(): Promise<boolean> {
    const c = new Client({ connectionString: this.url('postgres'), connectionTimeoutMillis: 1000 });
    c.on('error', () => undefined);
    try {
      await c.connect();
      await c.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => undefined);
    }
  }

  async freshDatabase(name: string, demoPassword: string): Promise<string> {
    const admin = new Client({ connectionString: this.url('postgres') });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const ds = new DataSource({ ...dataSourceOptions({ DATABASE_URL: this.url(name), DATABASE_POOL_SIZE: 4 }), logging: false });
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      await seedDatabase(ds, { demoPassword, demo: true });
    } finally {
      await ds.destroy();
    }
    return this.url(name);
  }
}

/** A long-running child process (PgBouncer, HAProxy) that can be killed and started again on the same port. */
abstract class Daemon {
  protected child: ChildProcess | null = null;

  constructor(
    readonly port: number,
    protected readonly dir: string,
  ) {}

  protected abstract command(): { cmd: string; args: string[] };

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const { cmd, args } = this.command();
    const log = openSync(join(this.dir, `${this.constructor.name.toLowerCase()}.out`), 'a');
    this.child = spawn(cmd, args, { stdio: ['ignore', log, log], cwd: this.dir });
    const child = this.child;
    await waitUntil(
      `${cmd} on ${this.port}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`${cmd} exited with ${child.exitCode} (see ${this.dir})`);
        return portOpen(this.port);
      },
      15_000,
      50,
    );
  }

  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await Promise.race([exited, sleep(5000).then(() => child.kill('SIGKILL'))]);
    this.child = null;
  }
}

/**
 * PgBouncer in transaction pooling between every process and PostgreSQL: `ksbb` is the primary, `ksbb_replica` the
 * standby (same database name behind both).
 */
export class PgBouncer extends Daemon {
  constructor(port: number, dir: string, primary: PgServer, replica: PgServer, database: string) {
    super(port, dir);
    writeFileSync(join(dir, 'userlist.txt'), '"postgres" ""\n');
    writeFileSync(
      join(dir, 'pgbouncer.ini'),
      `[databases]
ksbb = host=127.0.0.1 port=${primary.port} dbname=${database}
ksbb_replica = host=127.0.0.1 port=${replica.port} dbname=${database}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = trust
auth_file = ${join(dir, 'userlist.txt')}
admin_users = postgres
pool_mode = transaction
max_client_conn = 2000
default_pool_size = 40
reserve_pool_size = 5
; a request must not wait long for a server that is away: fail it (503) and let the caller retry
query_wait_timeout = 5
server_login_retry = 1
server_connect_timeout = 3
ignore_startup_parameters = extra_float_digits,options
logfile = ${join(dir, 'pgbouncer.log')}
`,
    );
    for (const f of ['userlist.txt', 'pgbouncer.ini']) chownSync(join(dir, f), uid('postgres'), gid('postgres'));
  }

  protected command(): { cmd: string; args: string[] } {
    return {
      cmd: 'setpriv',
      args: ['--reuid=postgres', '--regid=postgres', '--init-groups', '/usr/sbin/pgbouncer', join(this.dir, 'pgbouncer.ini')],
    };
  }

  url(database: 'ksbb' | 'ksbb_replica'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }
}

/** HAProxy in front of the API replicas: round robin, health checks on /health/ready, stats as CSV. */
export class HaProxy extends Daemon {
  constructor(
    port: number,
    dir: string,
    readonly statsPort: number,
    apiPorts: number[],
  ) {
    super(port, dir);
    writeFileSync(
      join(dir, 'haproxy.cfg'),
      `global
  maxconn 4000
  # one line per request on HAProxy's stdout (haproxy/haproxy.out of the run): the termination state says who closed
  log stdout format raw local0 info

defaults
  mode http
  log global
  option httplog
  timeout connect 2s
  # An idle client connection must be closed by the client first: a request written on a connection HAProxy is
  # closing gets no answer at all (not even a 502, and no log line), and a POST cannot be retried safely. Node's
  # fetch keeps idle connections 4 s, browsers up to a few minutes; 75 s (not less than timeout client, which also
  # bounds the keep-alive) leaves the race to clients that keep theirs longer, and they retry idempotent requests.
  timeout client 75s
  timeout server 60s
  timeout http-keep-alive 75s
  # the machine is shared and busy: a slow readiness answer is not a dead replica
  timeout check 5s
  # a request whose connection to a (dead) replica failed was never delivered: send it to another one
  retries 2
  retry-on conn-failure
  option redispatch

frontend api
  bind 127.0.0.1:${port}
  option forwardfor
  default_backend api

backend api
  balance roundrobin
  option httpchk GET /health/ready
  http-check expect status 200
  # A replica whose port refuses connections (crashed, killed) is taken out at the first refused request (observe
  # layer4); one that only answers its readiness check slowly (a busy machine, a saturated pool) stays in for ten
  # failed checks — taking out both replicas of a loaded pair at once answers every client 503.
  default-server inter 1s fastinter 250 downinter 500 fall 10 rise 2 observe layer4 error-limit 1 on-error mark-down
${apiPorts.map((p, i) => `  server api${i + 1} 127.0.0.1:${p} check`).join('\n')}

frontend stats
  bind 127.0.0.1:${statsPort}
  stats enable
  stats uri /stats
`,
    );
  }

  protected command(): { cmd: string; args: string[] } {
    return { cmd: '/usr/sbin/haproxy', args: ['-f', join(this.dir, 'haproxy.cfg'), '-db'] };
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Each API server's state as HAProxy sees it (UP, DOWN, …). */
  async servers(): Promise<Record<string, string>> {
    const res = await fetch(`http://127.0.0.1:${this.statsPort}/stats;csv`);
    const [header, ...rows] = (await res.text()).trim().split('\n').map((l) => l.split(','));
    const px = header.indexOf('# pxname');
    const sv = header.indexOf('svname');
    const st = header.indexOf('status');
    return Object.fromEntries(rows.filter((r) => r[px] === 'api' && /^api\d$/.test(r[sv])).map((r) => [r[sv], r[st]]));
  }
}
