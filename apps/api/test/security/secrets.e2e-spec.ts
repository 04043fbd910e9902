import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { AppConfig, ConfigError, loadConfig, loadEnvironment, PUBLISHED_SECRETS, SECRET_KEYS, TEST_SECRETS } from '@ksbb/core';
import { submittedHandover } from '@ksbb/testing/api';
import { startApiProcess, startWorkerProcess } from '@ksbb/testing/processes';
import { startTestApi, TestApi } from '../harness';

/**
 * No secret written in the repository can sign anything: outside tests the published values are refused and missing
 * secrets are generated once, at random, into the git-ignored secrets file; a changed NIK key does not silently break
 * duplicate detection.
 */

const ROOT = join(__dirname, '../../../..');
const secret = (): string => randomBytes(32).toString('base64url');
const own = (): Record<string, string> => Object.fromEntries(SECRET_KEYS.map((k) => [k, secret()]));

/** Runs a process to its end: exit code and stderr. */
function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('secrets', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ksbb-secrets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses every published secret in every mode but test', () => {
    for (const mode of ['development', 'production']) {
      for (const key of SECRET_KEYS) {
        const env = { NODE_ENV: mode, ...own(), [key]: PUBLISHED_SECRETS[0] };
        expect(() => loadConfig(env)).toThrow(ConfigError);
        expect(() => loadConfig(env)).toThrow(new RegExp(`${key}: is a value published in the repository`));
      }
    }
    // Tests keep their fixed, deterministic secrets.
    const test = loadConfig({ NODE_ENV: 'test' });
    expect(SECRET_KEYS.map((k) => test[k])).toEqual(SECRET_KEYS.map((k) => TEST_SECRETS[k]));
  });

  it('the API does not start in development with the old default JWT secret', async () => {
    const res = await run(['-r', './tools/ts-register.js', 'apps/api/src/main.ts'], {
      NODE_ENV: 'development',
      ...own(),
      JWT_ACCESS_SECRET: 'dev-access-secret-change-me-0123456789',
      SECRETS_FILE: join(dir, '.secrets.env'),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
      LOG_LEVEL: 'silent',
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/JWT_ACCESS_SECRET: is a value published in the repository/);
  }, 60_000);

  it('generates random secrets once into a private file outside tests, and reuses them', () => {
    const file = join(dir, 'nested', '.secrets.env');
    const first: Record<string, string | undefined> = { NODE_ENV: 'development', SECRETS_FILE: file };
    expect(loadEnvironment({ env: first, root: dir })).toEqual({ secretsFile: file, generated: [...SECRET_KEYS] });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const values = SECRET_KEYS.map((k) => first[k] as string);
    expect(new Set(values).size).toBe(SECRET_KEYS.length);
    for (const v of values) {
      expect(v.length).toBeGreaterThanOrEqual(43);
      expect(PUBLISHED_SECRETS).not.toContain(v);
    }
    expect(loadConfig(first).JWT_ACCESS_SECRET).toBe(first.JWT_ACCESS_SECRET);

    // The next start (production too) reads the same ones; a variable that is set wins over the file.
    const given = secret();
    const second: Record<string, string | undefined> = { NODE_ENV: 'production', SECRETS_FILE: file, API_KEY_PEPPER: given };
    expect(loadEnvironment({ env: second, root: dir }).generated).toEqual([]);
    expect(SECRET_KEYS.map((k) => second[k])).toEqual([...values.slice(0, 3), given]);

    // A file that lacks a secret gets it added; the others stay.
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^NIK_HMAC_SECRET=.*\n/m, ''), { mode: 0o600 });
    const third: Record<string, string | undefined> = { NODE_ENV: 'development', SECRETS_FILE: file };
    expect(loadEnvironment({ env: third, root: dir }).generated).toEqual(['NIK_HMAC_SECRET']);
    expect(third.JWT_ACCESS_SECRET).toBe(values[0]);
    expect(third.NIK_HMAC_SECRET).not.toBe(values[2]);
    expect(parseEnv(readFileSync(file, 'utf8')).NIK_HMAC_SECRET).toBe(third.NIK_HMAC_SECRET);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('defaults to .secrets.env at the root, and writes nothing in tests', () => {
    const test: Record<string, string | undefined> = { NODE_ENV: 'test' };
    expect(loadEnvironment({ env: test, root: dir }).generated).toEqual([]);
    expect(existsSync(join(dir, '.secrets.env'))).toBe(false);
    expect(test.JWT_ACCESS_SECRET).toBeUndefined();

    const dev: Record<string, string | undefined> = { NODE_ENV: 'development' };
    expect(loadEnvironment({ env: dev, root: dir }).secretsFile).toBe(join(dir, '.secrets.env'));
    expect(parseEnv(readFileSync(join(dir, '.secrets.env'), 'utf8')).JWT_ACCESS_SECRET).toBe(dev.JWT_ACCESS_SECRET);
  });

  it('gives processes that start at the same moment the same secrets', async () => {
    const file = join(dir, '.secrets.env');
    const goAt = Date.now() + 3000;
    // Each process waits for the same instant, then runs loadEnvironment and prints what it got.
    const script = `
      while (Date.now() < ${goAt});
      const { loadEnvironment } = require('./libs/core/src/config/environment.ts');
      const r = loadEnvironment();
      console.log(JSON.stringify({ generated: r.generated.length, secrets: ${JSON.stringify(SECRET_KEYS)}.map((k) => process.env[k]) }));
    `;
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        run(['-r', './tools/ts-register.js', '-e', script], { NODE_ENV: 'development', SECRETS_FILE: file }),
      ),
    );
    for (const r of results) expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const seen = results.map((r) => JSON.parse(r.stdout) as { generated: number; secrets: string[] });
    const fromFile = parseEnv(readFileSync(file, 'utf8'));
    for (const s of seen) expect(s.secrets).toEqual(SECRET_KEYS.map((k) => fromFile[k]));
    expect(seen.filter((s) => s.generated > 0)).toHaveLength(1);
  }, 90_000);
});

describe('NIK key fingerprint', () => {
  let api: TestApi;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ksbb-nik-key-'));
    api = await startTestApi();
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The API process in development mode on the test API's database, with these secrets. */
  const startDev = (secrets: Record<string, string>) =>
    startApiProcess(
      { NODE_ENV: 'development', DATABASE_URL: api.config.DATABASE_URL, SECRETS_FILE: join(dir, '.secrets.env'), METRICS_TOKEN: '', ...secrets },
      { timeoutMs: 60_000 },
    );

  it('records the key, then refuses another one while NIK hashes exist, until the change is declared', async () => {
    await submittedHandover(api, {
      extra: { recipients: [{ nik: '3174055712830005', name: 'Ratna Sari Dewi' }] },
    });
    const [{ count }] = await api.ds.query(`SELECT count(*)::int AS count FROM handover_recipients`);
    expect(count).toBe(1);

    const first = own();
    const started = await startDev(first);
    await started.close();
    const [recorded] = await api.ds.query(`SELECT fingerprint FROM nik_key_fingerprint`);
    expect(recorded.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(recorded)).not.toContain(first.NIK_HMAC_SECRET);

    // The same key starts again; another key is refused with how to proceed.
    await (await startDev(first)).close();
    const rotated = { ...first, NIK_HMAC_SECRET: secret() };
    const refused = await startDev(rotated).then(
      async (p) => (await p.close(), 'started'),
      (e: Error) => e.message,
    );
    expect(refused).toMatch(/NIK_HMAC_SECRET is not the key the stored NIK hashes were made with/);
    expect(refused).toMatch(/NIK_HMAC_ROTATE=1/);
    expect(refused).not.toContain(rotated.NIK_HMAC_SECRET);
    // The worker refuses it too.
    const worker = await startWorkerProcess(
      { DATABASE_URL: api.config.DATABASE_URL, REDIS_PREFIX: api.config.REDIS_PREFIX } as AppConfig,
      { NODE_ENV: 'development', SECRETS_FILE: join(dir, '.secrets.env'), METRICS_TOKEN: '', ...rotated },
      { timeoutMs: 60_000 },
    ).then(
      async (w) => (await w.kill('SIGTERM'), 'started'),
      (e: Error) => e.message,
    );
    expect(worker).toMatch(/NIK_HMAC_SECRET is not the key the stored NIK hashes were made with/);
    expect((await api.ds.query(`SELECT fingerprint FROM nik_key_fingerprint`))[0].fingerprint).toBe(recorded.fingerprint);

    // Declared once, the new key is recorded, and later starts need no flag.
    await (await startDev({ ...rotated, NIK_HMAC_ROTATE: '1' })).close();
    const [after] = await api.ds.query(`SELECT fingerprint FROM nik_key_fingerprint`);
    expect(after.fingerprint).not.toBe(recorded.fingerprint);
    await (await startDev(rotated)).close();
  }, 240_000);
});
