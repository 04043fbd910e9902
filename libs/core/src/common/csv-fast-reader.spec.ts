import fc from 'fast-check';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fastImportCsvReader } from './csv-fast-reader';
import { ImportRejection, importCsvParser } from './csv-staging';

interface Read {
  records: { record: string[]; lines: number }[];
  rejected: ImportRejection[];
  error: string | null;
}

/** Everything a reader emits for `chunks`: its records with their line, its rejections, its error. */
async function readAll(make: (rejected: ImportRejection[]) => Transform, chunks: Buffer[]): Promise<Read> {
  const rejected: ImportRejection[] = [];
  const records: Read['records'] = [];
  const sink = new Writable({
    objectMode: true,
    write(r: { record: string[]; info: { lines: number } }, _e, cb) {
      records.push({ record: r.record, lines: r.info.lines });
      cb();
    },
  });
  let error: string | null = null;
  await pipeline(Readable.from(chunks, { objectMode: false }), make(rejected), sink).catch(
    (e: Error & { code?: string }) => {
      error = `${e.code}: ${e.message}`;
    },
  );
  return { records, rejected: rejected.map((r) => ({ line: r.line, errors: r.errors })), error };
}

/** The bytes of `text` cut at the given places (in bytes, so multi-byte characters may be split too). */
function cut(bytes: Buffer, at: number[]): Buffer[] {
  const points = [...new Set(at.map((a) => a % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    if (p > from) chunks.push(bytes.subarray(from, p));
    from = Math.max(from, p);
  }
  if (from < bytes.length) chunks.push(bytes.subarray(from));
  return chunks;
}

async function expectSameAsCsvParse(bytes: Buffer, at: number[] = []): Promise<Read> {
  const chunks = cut(bytes, at);
  const fast = await readAll(fastImportCsvReader, chunks);
  const reference = await readAll(importCsvParser, chunks);
  expect(fast).toEqual(reference);
  return fast;
}

const csvText = (pieces: string[]): string => pieces.join('');

describe('fastImportCsvReader', () => {
  it('reads plain and quoted records with their lines, skipping empty lines, like csv-parse', async () => {
    const text =
      '\uFEFFa,b,c\r\n1,"x, ""y""",3\r\n\r\n4,"baris satu\r\nbaris dua",6\r\n   \r\n7,8\r\n"",,\r\nlast,é,ü';
    const read = await expectSameAsCsvParse(Buffer.from(text, 'utf8'));
    expect(read.records).toEqual([
      { record: ['a', 'b', 'c'], lines: 1 },
      { record: ['1', 'x, "y"', '3'], lines: 2 },
      { record: ['4', 'baris satu\r\nbaris dua', '6'], lines: 6 },
      { record: ['   '], lines: 7 },
      { record: ['7', '8'], lines: 8 },
      { record: ['', '', ''], lines: 9 },
      { record: ['last', 'é', 'ü'], lines: 10 },
    ]);
  });

  it('hands what it does not read itself to csv-parse, with the same lines and rejections', async () => {
    for (const text of [
      'a,b\n1,2\n3,x"y\n4,5\n', // a quote inside a bare field
      'a,b\n1,"2"x,3\n4,5\n', // a character after a closing quote
      'a,b\r\n1,2\n3\r\n4,5\r\n', // a stray LF in a CRLF file
      'a,b\n1,2\r3\n', // a stray CR in an LF file
      'a,b\n1,"open\n2,3\n', // a quote never closed
      '"a",b\n1,2\n', // a quoted header
      'a,b\r1,2\r', // CR line breaks
      '\xff\xfea\x00,\x00b\x00\n\x00\xe9\x00,\x00\xfc\x00', // a UTF-16 byte-order mark
      'a,b', // a header alone
      '',
    ]) {
      await expectSameAsCsvParse(Buffer.from(text, 'latin1'), [3, 7, 11]);
    }
  });

  it('matches csv-parse on any input cut into any chunks', async () => {
    const piece = fc.constantFrom(
      'a',
      'bc',
      ',',
      '"',
      '""',
      '\n',
      '\r\n',
      '\r',
      ' ',
      'é',
      '\uFEFF',
      '\u0000',
      'x,y\n',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 60 }),
        fc.boolean(),
        fc.array(fc.nat(400), { maxLength: 6 }),
        async (pieces, header, at) => {
          const text = (header ? 'h1,h2,h3\r\n' : '') + csvText(pieces);
          await expectSameAsCsvParse(Buffer.from(text, 'utf8'), at);
        },
      ),
      { numRuns: 800 },
    );
  });

  it('matches csv-parse on any bytes (byte-order marks, broken UTF-8) cut into any chunks', async () => {
    const byte = fc.constantFrom(
      0x22,
      0x2c,
      0x0a,
      0x0d,
      0x61,
      0x20,
      0xef,
      0xbb,
      0xbf,
      0xff,
      0xfe,
      0xc3,
      0xa9,
      0x00,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(byte, { maxLength: 40 }),
        fc.array(fc.nat(60), { maxLength: 6 }),
        async (bytes, at) => {
          await expectSameAsCsvParse(Buffer.from(bytes), at);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('matches csv-parse on well-formed files of many rows, LF and CRLF, in small chunks', async () => {
    const field = fc.oneof(
      fc.stringMatching(/^[a-z0-9 .-]{0,6}$/),
      fc.stringMatching(/^[a-z,"\n ]{0,6}$/).map((v) => `"${v.replace(/"/g, '""')}"`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.nat(2000), { maxLength: 8 }),
        async (rows, eol, at) => {
          const text = ['p,q,r', ...rows.map((r) => r.join(','))].join(eol) + eol;
          await expectSameAsCsvParse(Buffer.from(text, 'utf8'), at);
        },
      ),
      { numRuns: 300 },
    );
  });
});
