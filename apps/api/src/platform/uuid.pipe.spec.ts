import { ArgumentMetadata, BadRequestException, ParseUUIDPipe } from '@nestjs/common';
import { ParseUuid } from './uuid.pipe';

const metadata: ArgumentMetadata = { type: 'param', data: 'id', metatype: String };

/** What a pipe answers for a value: the value, or the refusal's class, status and body. */
async function outcome(run: () => unknown): Promise<unknown> {
  try {
    return { value: await run() };
  } catch (e) {
    const refused = e as BadRequestException;
    return { refused: refused.constructor.name, status: refused.getStatus(), body: refused.getResponse() };
  }
}

describe('ParseUuid', () => {
  const nest = new ParseUUIDPipe();
  const values: unknown[] = [
    '6f1c1c56-0000-4000-8000-000000000002',
    '6F1C1C56-ABCD-4000-8000-00000000000F',
    '00000000-0000-0000-0000-000000000000',
    'not-a-uuid',
    '',
    '0',
    '..',
    'z'.repeat(3000),
    '6f1c1c56-0000-4000-8000-000000000002 ',
    '{6f1c1c56-0000-4000-8000-000000000002}',
    '6f1c1c5600004000800000000000000g',
    '6f1c1c56-0000-4000-8000-00000000000\ud800',
    undefined,
    null,
    42,
  ];

  it.each(values.map((v, i) => [i, v]))('answers value #%s exactly as Nest’s ParseUUIDPipe', async (_, value) => {
    const ours = await outcome(() => ParseUuid.transform(value));
    expect(ours).toEqual(await outcome(() => nest.transform(value as string, metadata)));
  });

  it('refuses a malformed id with a 400 (not vacuous)', async () => {
    expect(await outcome(() => ParseUuid.transform('not-a-uuid'))).toEqual({
      refused: 'BadRequestException',
      status: 400,
      body: { message: 'Validation failed (uuid is expected)', error: 'Bad Request', statusCode: 400 },
    });
  });
});
