import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { prettyLogTransport, usePrettyLogs } from './log-format';

const tty = { isTTY: true, resolvePretty: () => '/x/pino-pretty/index.js' };
const pipe = { isTTY: false, resolvePretty: () => '/x/pino-pretty/index.js' };
const noPretty = { isTTY: true, resolvePretty: () => undefined };

describe('LOG_FORMAT', () => {
  it('auto: readable on a terminal outside production, JSON on a pipe and in production', () => {
    expect(usePrettyLogs({ LOG_FORMAT: 'auto', NODE_ENV: 'development' }, tty)).toBe(true);
    expect(usePrettyLogs({ LOG_FORMAT: 'auto', NODE_ENV: 'development' }, pipe)).toBe(false);
    expect(usePrettyLogs({ LOG_FORMAT: 'auto', NODE_ENV: 'production' }, tty)).toBe(false);
  });

  it('json is always JSON; pretty is readable even on a pipe', () => {
    expect(usePrettyLogs({ LOG_FORMAT: 'json', NODE_ENV: 'development' }, tty)).toBe(false);
    expect(usePrettyLogs({ LOG_FORMAT: 'pretty', NODE_ENV: 'development' }, pipe)).toBe(true);
  });

  it('falls back to JSON when pino-pretty is not installed (the production image has no devDependencies)', () => {
    expect(usePrettyLogs({ LOG_FORMAT: 'pretty', NODE_ENV: 'production' }, noPretty)).toBe(false);
    expect(prettyLogTransport({ LOG_FORMAT: 'auto', NODE_ENV: 'development' }, noPretty)).toBeUndefined();
  });

  it('pretty transport: pino-pretty (by path) without pid, hostname and response headers', () => {
    expect(prettyLogTransport({ LOG_FORMAT: 'pretty', NODE_ENV: 'development' }, pipe)).toMatchObject({
      target: '/x/pino-pretty/index.js',
      options: {
        ignore: 'pid,hostname,service,context,res.headers',
        translateTime: 'SYS:yyyy-mm-dd HH:MM:ss',
      },
    });
  });

  it('readable lines still redact secrets and personal data', () => {
    const root = join(__dirname, '../../../..');
    const script = `
      const pino = require('pino');
      const { prettyLogTransport } = require(${JSON.stringify(join(__dirname, 'log-format.ts'))});
      const transport = prettyLogTransport({ LOG_FORMAT: 'pretty', NODE_ENV: 'development' });
      if (!transport) throw new Error('no pretty transport');
      const log = pino({ redact: { paths: ['*.nik', '*.password'], censor: '[redacted]' }, transport });
      log.info({ user: { nik: '3171234567890001', password: 'hunter2hunter2' } }, 'hello readable');
    `;
    const out = spawnSync(process.execPath, ['-r', join(root, 'tools/ts-register.js'), '-e', script], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      timeout: 30000,
    });
    expect(out.stderr).toBe('');
    expect(out.stdout).toContain('hello readable');
    expect(out.stdout).toContain('[redacted]');
    expect(out.stdout).not.toContain('3171234567890001');
    expect(out.stdout).not.toContain('hunter2');
    expect(() => JSON.parse(out.stdout.split('\n')[0])).toThrow();
  });
});
