import { InvalidInputError } from '../common/domain-errors';
import { checkNeedCsvRecord, copyTextLine, needCsvLayout, NEED_CSV_COLUMNS } from './need-csv';

const layout = needCsvLayout([...NEED_CSV_COLUMNS]);
const record = (over: Partial<Record<(typeof NEED_CSV_COLUMNS)[number], string>> = {}): string[] => {
  const base: Record<string, string> = {
    programCode: 'PANGAN',
    packageCode: 'SEMBAKO',
    regionCode: '31.71.01.1001.RW01.RT001',
    title: ' Sembako ',
    description: '',
    quantity: '12',
    beneficiaryCount: '',
    source: '',
    sourceRef: 'R-1',
    lon: '106.8',
    lat: '-6.2',
    contactName: 'Budi',
    contactRole: '',
    contactPhone: '+62 21 555',
    dueDate: '2021-03-31',
    targetKind: '',
    targetRef: '',
    ...over,
  };
  return NEED_CSV_COLUMNS.map((c) => base[c]);
};

describe('needs CSV rows', () => {
  it('reads a good row with defaults for the optional cells', () => {
    expect(checkNeedCsvRecord(layout, record(), 2)).toEqual({
      ok: true,
      row: expect.objectContaining({
        line: 2,
        title: 'Sembako',
        quantity: 12,
        beneficiaryCount: 0,
        source: 'import',
        description: '',
        contactRole: null,
        lon: 106.8,
        lat: -6.2,
      }),
    });
  });

  it.each([
    [{ quantity: 'abc' }, 'quantity "abc" must be a positive whole number'],
    [{ quantity: '1.5' }, 'quantity "1.5" must be a positive whole number'],
    [{ quantity: '3000000000' }, 'quantity "3000000000" must be a positive whole number'],
    [{ beneficiaryCount: '-1' }, 'beneficiaryCount "-1" must be a non-negative whole number'],
    [{ title: '' }, 'title is required'],
    [{ sourceRef: '' }, 'sourceRef is required'],
    [{ regionCode: '31.71.1' }, 'regionCode "31.71.1" has the wrong format'],
    [{ lat: '' }, 'lon and lat go together'],
    [{ lat: '-95' }, 'lat "-95" must be a number within -90..90'],
    [{ dueDate: '2021-13-01' }, 'dueDate "2021-13-01" must be a date like 2021-03-31'],
    [{ contactPhone: 'Budi 0812' }, 'contactPhone has the wrong format'],
  ])('rejects %j', (over, error) => {
    expect(checkNeedCsvRecord(layout, record(over), 9)).toEqual({ ok: false, errors: [error] });
  });

  it('rejects a record with another number of fields than the header', () => {
    expect(checkNeedCsvRecord(layout, ['PANGAN'], 3)).toEqual({
      ok: false,
      errors: ['has 1 field(s); the header has 17'],
    });
  });

  it('refuses a header without the required columns or with unknown ones', () => {
    expect(() => needCsvLayout(['programCode', 'title', 'colour'])).toThrow(InvalidInputError);
    expect(() => needCsvLayout([...NEED_CSV_COLUMNS, 'title'])).toThrow(/repeated column\(s\) title/);
  });

  it('encodes COPY text with escapes and \\N for nulls', () => {
    const checked = checkNeedCsvRecord(
      layout,
      record({ title: 'a\tb\\c', description: 'x\ny', lon: '', lat: '' }),
      4,
    );
    if (!checked.ok) throw new Error('expected a good row');
    const fields = copyTextLine(checked.row).replace(/\n$/, '').split('\t');
    expect(fields).toHaveLength(18);
    expect(fields[4]).toBe('a\\tb\\\\c');
    expect(fields[5]).toBe('x\\ny');
    expect(fields[10]).toBe('\\N');
  });

  it('takes a target institution instead of a region, and wants its kind and id together', () => {
    const targeted = checkNeedCsvRecord(layout, record({ regionCode: '', targetKind: 'school', targetRef: '20100001' }), 5);
    expect(targeted).toMatchObject({ ok: true, row: { regionCode: '', targetKind: 'school', targetRef: '20100001' } });
    expect(checkNeedCsvRecord(layout, record({ regionCode: '' }), 6)).toEqual({ ok: false, errors: ['regionCode is required'] });
    expect(checkNeedCsvRecord(layout, record({ targetRef: '20100001' }), 7)).toEqual({
      ok: false,
      errors: ['targetKind and targetRef go together'],
    });
  });
});
