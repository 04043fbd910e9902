import { Logger } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { PROBLEM_CODES, type ProblemCode } from '@ksbb/core';
import { describeError } from './problem.filter';
import { localiseProblem, problemLanguage, toProblem } from './problem';

/** How many objects one bulk request may name: enough for a page of a list, small enough to answer quickly. */
export const BULK_MAX_ITEMS = 100;

const EXAMPLE_IDS = ['6f1c2a4e-8b1d-4c3e-9f2a-1b2c3d4e5f60', '0b9e3c3e-5f0e-4a57-9d6c-2f8d1c0c2a11'];

/** The objects a bulk action applies to, each at most once. */
export class BulkIdsRequest {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: BULK_MAX_ITEMS,
    uniqueItems: true,
    example: EXAMPLE_IDS,
    description: `1 to ${BULK_MAX_ITEMS} distinct ids; each is processed on its own, in the order given`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_MAX_ITEMS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids: string[];
}

/** What became of one object of a bulk request. */
export class BulkItemResult {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_IDS[0] }) id: string;
  @ApiProperty({ example: true, description: 'the action was done (and audited) for this object' }) ok: boolean;
  @ApiProperty({
    example: 200,
    description: 'the HTTP status the single-object operation would have answered: 200, or the problem’s status (404, 409, 412…)',
  })
  status: number;
  @ApiPropertyOptional({
    example: 'conflict',
    enum: PROBLEM_CODES,
    enumName: 'ProblemCode',
    description: 'when it failed: the problem’s stable code',
  })
  code?: ProblemCode;
  @ApiPropertyOptional({
    example: 'the program is closed; needs can be published only in an open program',
    description: "when it failed: why, in the caller's language (Accept-Language: id or en)",
  })
  detail?: string;
}

/** The answer of every bulk action: one result per id, in the order of the request. */
export class BulkResponse {
  @ApiProperty({ type: [BulkItemResult] }) results: BulkItemResult[];
  @ApiProperty({ example: 1, description: 'how many results are ok' }) succeeded: number;
  @ApiProperty({ example: 1, description: 'how many results failed' }) failed: number;
}

const logger = new Logger('Bulk');

/**
 * Runs `action` for each id in turn. Each call is its own transaction (as the single-object route) and writes its own
 * audit entry; a refusal of one object becomes that object's result (as the problem the single route would answer),
 * never the failure of the whole request.
 */
export async function runBulk(
  ids: readonly string[],
  acceptLanguage: string | string[] | undefined,
  action: (id: string) => Promise<unknown>,
): Promise<BulkResponse> {
  const language = problemLanguage(acceptLanguage);
  const results: BulkItemResult[] = [];
  for (const id of ids) {
    try {
      await action(id);
      results.push({ id, ok: true, status: 200 });
    } catch (e) {
      const { problem: raw, params } = toProblem(e);
      if (raw.status >= 500) logger.error({ err: describeError(e) }, 'a bulk item failed unexpectedly');
      const p = localiseProblem(raw, language, params);
      results.push({ id, ok: false, status: p.status, code: p.code, detail: p.detail });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
}
