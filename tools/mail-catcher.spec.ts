import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createServer, Server } from 'node:net';
import { startMailCatcher } from './mail-catcher';

const ROOT = join(__dirname, '..');

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const dev = (SMTP_URL: string) => ({ SMTP_URL, NODE_ENV: 'development' as const });

describe('the development mail catcher (npm start)', () => {
  // MailDev is ESM-only and jest's module sandbox cannot import it: this case runs in a plain Node process.
  it('catches mail sent to a free local SMTP port and shows it in its web inbox', async () => {
    const [smtp, web] = [await freePort(), await freePort()];
    const script = `
      const { startMailCatcher } = require('./tools/mail-catcher.ts');
      const { createTransport } = require('nodemailer');
      (async () => {
        const lines = [];
        const { info, catcher } = await startMailCatcher({ SMTP_URL: 'smtp://127.0.0.1:${smtp}', NODE_ENV: 'development' },
          (l) => lines.push(l), ${web});
        if (!catcher) throw new Error(lines.join('; '));
        await createTransport({ host: '127.0.0.1', port: ${smtp}, secure: false, ignoreTLS: true }).sendMail({
          from: 'no-reply@ksbb.test', to: 'pokja@ksbb.test', subject: 'Komitmen baru menunggu verifikasi', text: 'hello' });
        const emails = await (await fetch('http://127.0.0.1:${web}/api/email')).json();
        const page = await fetch('http://127.0.0.1:${web}/', { headers: { accept: 'text/html' } });
        await catcher.stop();
        process.stdout.write(JSON.stringify({ info, lines, subjects: emails.map((e) => e.subject), page: page.status }));
      })().catch((e) => { process.stderr.write(String(e.stack)); process.exit(1); });`;
    const out = spawnSync(process.execPath, ['-r', './tools/ts-register.js', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual({
      info: { inbox: `http://localhost:${web}` },
      lines: [`mail: catching SMTP on 127.0.0.1:${smtp}; inbox http://localhost:${web}`],
      subjects: ['Komitmen baru menunggu verifikasi'],
      page: 200,
    });
    // Stopped with its process: the SMTP port is free again.
    const again = createServer().listen(smtp, '127.0.0.1');
    await once(again, 'listening');
    await new Promise((resolve) => again.close(resolve));
  });

  it('leaves a real SMTP server alone', async () => {
    const lines: string[] = [];
    const { info, catcher } = await startMailCatcher(
      dev('smtp://smtp.example.org:587'),
      (l) => lines.push(l),
      await freePort(),
    );
    expect(info).toEqual({ external: 'smtp.example.org' });
    expect(catcher).toBeUndefined();
    expect(lines).toEqual(['mail: SMTP smtp.example.org (external); no mail catcher']);
  });

  it('starts nothing in production, even for a local SMTP URL', async () => {
    const port = await freePort();
    const lines: string[] = [];
    const { catcher } = await startMailCatcher(
      { SMTP_URL: `smtp://127.0.0.1:${port}`, NODE_ENV: 'production' },
      (l) => lines.push(l),
      await freePort(),
    );
    expect(catcher).toBeUndefined();
    expect(lines).toEqual(['mail: production; no mail catcher']);
  });

  it('uses whatever already listens on the local SMTP port', async () => {
    const taken: Server = createServer((s) => s.end()).listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const { port } = taken.address() as { port: number };
    try {
      const { info, catcher } = await startMailCatcher(
        dev(`smtp://localhost:${port}`),
        () => undefined,
        await freePort(),
      );
      expect(info).toEqual({ occupied: `localhost:${port}` });
      expect(catcher).toBeUndefined();
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
