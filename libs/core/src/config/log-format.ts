import type { TransportSingleOptions } from 'pino';
import type { AppConfig } from './config';

/** What decides between human-readable and JSON logs; the process's own facts by default. */
export interface LogFormatContext {
  isTTY: boolean;
  /** pino-pretty's path, or undefined when it is not installed (a devDependency: absent from the production image). */
  resolvePretty: () => string | undefined;
}

const defaultContext = (): LogFormatContext => ({
  isTTY: Boolean(process.stdout.isTTY),
  resolvePretty: () => {
    try {
      return require.resolve('pino-pretty');
    } catch {
      return undefined;
    }
  },
});

/**
 * `LOG_FORMAT`: `json` always JSON; `pretty` readable lines when pino-pretty is installed; `auto` (default) readable
 * on a terminal outside production. Production and pipes (log shippers) get JSON lines.
 */
export function usePrettyLogs(
  config: Pick<AppConfig, 'LOG_FORMAT' | 'NODE_ENV'>,
  ctx = defaultContext(),
): boolean {
  if (config.LOG_FORMAT === 'json') return false;
  if (config.LOG_FORMAT === 'auto' && (config.NODE_ENV === 'production' || !ctx.isTTY)) return false;
  return ctx.resolvePretty() !== undefined;
}

/**
 * The pino transport for readable logs, or undefined for JSON on stdout. Redaction and serializers run in the
 * process before lines reach the transport, so they hold in both formats.
 */
export function prettyLogTransport(
  config: Pick<AppConfig, 'LOG_FORMAT' | 'NODE_ENV'>,
  ctx = defaultContext(),
): TransportSingleOptions | undefined {
  if (!usePrettyLogs(config, ctx)) return undefined;
  return {
    // An absolute path: pino resolves a bare name from its caller's file, which is not always where pino-pretty is.
    target: ctx.resolvePretty() as string,
    options: {
      colorize: ctx.isTTY || Boolean(process.env.FORCE_COLOR),
      translateTime: 'SYS:yyyy-mm-dd HH:MM:ss',
      // One line per event where possible: the Nest context leads the message, response headers stay out.
      ignore: 'pid,hostname,service,context,res.headers',
      messageFormat: '{if context}{context}: {end}{msg}',
    },
  };
}
