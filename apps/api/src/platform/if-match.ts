import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { InvalidInputError } from '@ksbb/core';

/** Parses `If-Match: "3"` (or `W/"3"`, or `3`) into a version number; undefined when absent. */
export const IfMatchVersion = createParamDecorator((_: unknown, ctx: ExecutionContext): number | undefined => {
  const raw = ctx.switchToHttp().getRequest().headers['if-match'];
  if (raw === undefined || raw === '*') return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(String(raw).trim());
  if (!m) throw new InvalidInputError('If-Match must be a version like "3"', {
      code: 'invalid_if_match',
      errors: [{ field: 'If-Match', message: 'must be a quoted version number' }],
    });
  return Number(m[1]);
});
