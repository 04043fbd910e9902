import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from './problem';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The one place errors become responses: every error is RFC 9457 problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const { problem, headers } = toProblem(exception);
    if (problem.status >= 500) {
      this.logger.error({ err: describeError(exception), requestId: request.id }, 'unhandled error');
    }
    problem.instance = request.url.split('?')[0];
    reply.status(problem.status).headers(headers).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}

/** What may be logged of an unexpected error: never a failed query's parameters or the request body. */
export function describeError(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { message: String(e).slice(0, 200) };
  const pg = e as Error & { code?: string; driverError?: { code?: string; table?: string; constraint?: string } };
  return {
    type: e.name,
    message: e.name === 'QueryFailedError' ? 'query failed' : e.message.slice(0, 500),
    code: pg.code ?? pg.driverError?.code,
    table: pg.driverError?.table,
    constraint: pg.driverError?.constraint,
    stack: e.stack?.split('\n').slice(1, 8).join('\n'),
  };
}
