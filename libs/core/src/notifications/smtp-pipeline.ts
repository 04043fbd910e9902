import { connect, Socket } from 'node:net';
import { hostname } from 'node:os';

/** An SMTP failure as nodemailer reports one: `responseCode` set when the server answered (5xx is permanent). */
class SmtpError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly responseCode?: number,
    readonly response?: string,
  ) {
    super(message);
  }
}

/** The server does not offer a plain session with PIPELINING (it wants TLS, or has no PIPELINING): nothing was sent. */
export class PipeliningUnsupported extends Error {}

interface Reply {
  code: number;
  text: string;
}

/** The name we greet with, as nodemailer picks it: the host's name when it is a full domain name, else a literal. */
const CLIENT_NAME = ((): string => {
  const name = hostname();
  return name.includes('.') ? name : '[127.0.0.1]';
})();

/**
 * One plain (no TLS, no AUTH) SMTP session whose server advertises PIPELINING (RFC 2920): a message is MAIL FROM,
 * RCPT TO and DATA in one write, then the message and its final dot in one more: two round trips instead of four,
 * and two socket writes instead of six.
 */
class PipelinedConnection {
  private readonly socket: Socket;
  private partial = '';
  private multiline: string[] = [];
  private readonly replies: Reply[] = [];
  private waiter: ((r: Reply | Error) => void) | null = null;
  private failure: Error | null = null;
  messages = 0;

  private constructor(host: string, port: number, private readonly timeoutMs: number) {
    this.socket = connect({ host, port });
    this.socket.setNoDelay(true);
    this.socket.setTimeout(timeoutMs);
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk.toString('latin1')));
    this.socket.on('timeout', () => this.fail(new SmtpError('Timeout', 'ETIMEDOUT')));
    this.socket.on('error', (err: NodeJS.ErrnoException) => this.fail(new SmtpError(err.message, err.code ?? 'ECONNECTION')));
    this.socket.on('close', () => this.fail(new SmtpError('Connection closed', 'ECONNECTION')));
  }

  /** Connects, reads the greeting and says EHLO; PipeliningUnsupported when the server is not one to pipeline to. */
  static async open(host: string, port: number, timeoutMs: number): Promise<PipelinedConnection> {
    const c = new PipelinedConnection(host, port, timeoutMs);
    try {
      const greeting = await c.reply();
      if (greeting.code !== 220) throw replyError('Greeting failed', 'ECONNECTION', greeting);
      c.socket.write(`EHLO ${CLIENT_NAME}\r\n`);
      const ehlo = await c.reply();
      // A server that answers EHLO badly, lacks PIPELINING or offers STARTTLS goes nodemailer's way (which upgrades).
      if (ehlo.code !== 250 || !/[ -]PIPELINING\b/im.test(ehlo.text) || /[ -]STARTTLS\b/im.test(ehlo.text)) {
        throw new PipeliningUnsupported('the SMTP server does not take pipelined plain sessions');
      }
      c.socket.setTimeout(0);
      return c;
    } catch (err) {
      c.close();
      throw err;
    }
  }

  get usable(): boolean {
    return this.failure === null && !this.socket.destroyed;
  }

  /** One message: `data` is the message dot-stuffed and ended with the final dot line. */
  async send(from: string, to: string, data: readonly Buffer[]): Promise<void> {
    this.messages++;
    this.socket.setTimeout(this.timeoutMs);
    try {
      this.socket.write(`MAIL FROM:<${from}>\r\nRCPT TO:<${to}>\r\nDATA\r\n`);
      const mail = await this.reply();
      const rcpt = await this.reply();
      const go = await this.reply();
      // After a refusal the session is in a state not worth reasoning about: the connection is dropped.
      if (mail.code !== 250) throw this.broken(replyError('Mail command failed', 'EENVELOPE', mail));
      if (rcpt.code !== 250 && rcpt.code !== 251) throw this.broken(replyError("Can't send mail - all recipients were rejected", 'EENVELOPE', rcpt));
      if (go.code !== 354) throw this.broken(replyError('Data command failed', 'EENVELOPE', go));
      this.socket.cork();
      for (const part of data) this.socket.write(part);
      this.socket.uncork();
      const done = await this.reply();
      if (done.code !== 250) throw this.broken(replyError('Message failed', 'EMESSAGE', done));
    } finally {
      if (this.usable) this.socket.setTimeout(0);
    }
  }

  close(): void {
    if (this.usable) this.socket.end('QUIT\r\n');
    else this.socket.destroy();
    this.fail(new SmtpError('Connection closed', 'ECONNECTION'));
  }

  private broken(err: SmtpError): SmtpError {
    this.fail(err);
    this.socket.destroy();
    return err;
  }

  private reply(): Promise<Reply> {
    const next = this.replies.shift();
    if (next) return Promise.resolve(next);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiter = (r) => (r instanceof Error ? reject(r) : resolve(r));
    });
  }

  private onData(text: string): void {
    const lines = (this.partial + text).split('\r\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      this.multiline.push(line);
      // "250-…" continues a reply; "250 …" (or a bare code) ends it.
      if (line.charAt(3) === '-') continue;
      const reply = { code: Number(line.slice(0, 3)) || 0, text: this.multiline.join('\n') };
      this.multiline = [];
      const waiter = this.waiter;
      this.waiter = null;
      if (waiter) waiter(reply);
      else this.replies.push(reply);
    }
  }

  private fail(err: Error): void {
    this.failure ??= err;
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.(this.failure);
  }
}

function replyError(message: string, code: string, reply: Reply): SmtpError {
  return new SmtpError(`${message}: ${reply.text}`, code, reply.code, reply.text);
}

/**
 * A pool of pipelined SMTP sessions to one plain server (at most `size` open at once, each replaced after
 * `maxMessages`). `supported` turns false once the server turns out not to take them; every send then throws
 * PipeliningUnsupported before anything is sent, and the caller sends the other way.
 */
export class PipelinedSmtpPool {
  private readonly idle: PipelinedConnection[] = [];
  private readonly waiting: (() => void)[] = [];
  private opened = 0;
  private closed = false;
  supported: boolean | null = null;

  constructor(
    private readonly options: { host: string; port: number; size: number; timeoutMs: number; maxMessages: number },
  ) {}

  async send(from: string, to: string, data: readonly Buffer[]): Promise<void> {
    const connection = await this.acquire();
    try {
      await connection.send(from, to, data);
    } finally {
      this.release(connection);
    }
  }

  close(): void {
    this.closed = true;
    for (const c of this.idle.splice(0)) c.close();
    for (const wake of this.waiting.splice(0)) wake();
  }

  private async acquire(): Promise<PipelinedConnection> {
    for (;;) {
      if (this.supported === false) throw new PipeliningUnsupported('the SMTP server does not take pipelined plain sessions');
      if (this.closed) throw new SmtpError('Connection pool closed', 'ECONNECTION');
      for (let c = this.idle.pop(); c; c = this.idle.pop()) {
        if (c.usable) return c;
        this.opened--;
      }
      if (this.opened < this.options.size) {
        this.opened++;
        try {
          const c = await PipelinedConnection.open(this.options.host, this.options.port, this.options.timeoutMs);
          this.supported = true;
          return c;
        } catch (err) {
          if (err instanceof PipeliningUnsupported) this.supported = false;
          this.opened--;
          this.waiting.shift()?.();
          throw err;
        }
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(c: PipelinedConnection): void {
    if (c.usable && !this.closed && c.messages < this.options.maxMessages) this.idle.push(c);
    else {
      c.close();
      this.opened--;
    }
    this.waiting.shift()?.();
  }
}

/**
 * The DATA form of a message as nodemailer's DataStream writes it: bare LFs made CRLF, a dot opening a line doubled
 * (RFC 5321 4.5.2), and, when `final`, the final dot line. `lastByte` is the byte written before `message` (null
 * at the start of the message).
 */
export function dotStuffed(message: Buffer, final: boolean, lastByte: number | null = null): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  for (let i = 0; i < message.length; i++) {
    const b = message[i];
    if (b !== 0x2e && b !== 0x0a) continue;
    const previous = i > 0 ? message[i - 1] : lastByte;
    if (b === 0x2e && (previous === null || previous === 0x0a)) {
      parts.push(message.subarray(from, i + 1), DOT);
      from = i + 1;
    } else if (b === 0x0a && previous !== 0x0d) {
      parts.push(message.subarray(from, i), CRLF);
      from = i + 1;
    }
  }
  parts.push(message.subarray(from));
  if (final) {
    const last = message.length ? message[message.length - 1] : lastByte;
    parts.push(Buffer.from(last === 0x0a ? '.\r\n' : last === 0x0d ? '\n.\r\n' : '\r\n.\r\n'));
  }
  return Buffer.concat(parts);
}

const DOT = Buffer.from('.');
const CRLF = Buffer.from('\r\n');
