import { connect } from 'node:net';
import type { AppConfig } from '@ksbb/core';

/** Where outgoing mail ends up, for the start banner. */
export type MailInfo = { inbox: string } | { external: string } | { occupied: string } | { none: string };

export interface MailCatcher {
  stop(): Promise<void>;
}

interface MailDevModule {
  MailDev: new (config: Record<string, unknown>) => { start(): Promise<unknown>; stop(): Promise<void> };
}

const LOCAL_HOSTS = ['localhost', '127.0.0.1', '::1'];

/**
 * MailDev (SMTP + web inbox, in this process) when SMTP_URL points at this machine, nothing listens on its port and
 * this is not production. A real SMTP server elsewhere, or anything already listening on the port, is left alone.
 * `webPort`: the inbox's port (MAIL_WEB_PORT, 1080 by default).
 */
export async function startMailCatcher(
  config: Pick<AppConfig, 'SMTP_URL' | 'NODE_ENV'>,
  log: (line: string) => void,
  webPort = Number(process.env.MAIL_WEB_PORT ?? 1080),
): Promise<{ info: MailInfo; catcher?: MailCatcher }> {
  let url: URL;
  try {
    url = new URL(config.SMTP_URL);
  } catch {
    return { info: { none: 'SMTP_URL is not a URL' } };
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const secure = url.protocol === 'smtps:';
  const port = Number(url.port || (secure ? 465 : 25));
  if (config.NODE_ENV === 'production') {
    log('mail: production; no mail catcher');
    return { info: { none: 'production: no mail catcher' } };
  }
  if (!LOCAL_HOSTS.includes(host)) {
    log(`mail: SMTP ${host} (external); no mail catcher`);
    return { info: { external: host } };
  }
  if (await listening(host, port)) {
    log(`mail: something already listens on ${host}:${port}; using it, no mail catcher`);
    return { info: { occupied: `${host}:${port}` } };
  }
  if (secure) {
    log('mail: smtps:// on this machine; no mail catcher (MailDev here speaks plain SMTP)');
    return { info: { none: 'smtps:// on this machine: no mail catcher' } };
  }
  let maildev: InstanceType<MailDevModule['MailDev']> | undefined;
  try {
    // MailDev 3 is ESM-only (its package exports `import` alone): a real dynamic import, which the TypeScript
    // loader would otherwise turn into require().
    const load = new Function('specifier', 'return import(specifier)') as (
      s: string,
    ) => Promise<MailDevModule>;
    const { MailDev } = await load('maildev');
    maildev = new MailDev({
      smtp: port,
      ip: host === '::1' ? '::1' : '127.0.0.1',
      web: webPort,
      webIp: '127.0.0.1',
      silent: true,
      disableWeb: false,
      ...(url.username
        ? { incomingUser: decodeURIComponent(url.username), incomingPass: decodeURIComponent(url.password) }
        : {}),
    });
    const started = maildev;
    await quietly(() => started.start());
    const inbox = `http://localhost:${webPort}`;
    log(`mail: catching SMTP on ${host}:${port}; inbox ${inbox}`);
    return { info: { inbox }, catcher: { stop: () => started.stop() } };
  } catch (e) {
    await maildev?.stop().catch(() => undefined);
    log(`mail: could not start the mail catcher (${e instanceof Error ? e.message : e})`);
    return { info: { none: 'the mail catcher failed to start' } };
  }
}

/** MailDev's API server announces itself on console.info even when silent; the start banner says it instead. */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const info = console.info;
  console.info = () => undefined;
  try {
    return await fn();
  } finally {
    console.info = info;
  }
}

function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1000 });
    const done = (answer: boolean): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(true));
    socket.once('error', () => done(false));
  });
}
