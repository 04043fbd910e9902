import { BadRequestException, PipeTransform } from '@nestjs/common';
import { isUuid } from '@ksbb/core';

/**
 * `@Param('id', ParseUuid)`: Nest's ParseUUIDPipe without its cost on every request (an async transform, an options
 * lookup and an exception factory) — one shared instance, synchronous, any UUID version as ParseUUIDPipe without a
 * version, and the very same refusals: a BadRequestException with "Validation failed (uuid is expected)" (or "The
 * value passed as UUID is not a string"), which ProblemFilter answers as the same 400 problem+json in the caller's
 * language.
 */
class ParseUuidPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value !== 'string') throw new BadRequestException('The value passed as UUID is not a string');
    if (!isUuid(value)) throw new BadRequestException('Validation failed (uuid is expected)');
    return value;
  }
}

export const ParseUuid = new ParseUuidPipe();
