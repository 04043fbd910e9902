import { hashNik, maskNik, nikProblem } from './nik';

describe('NIK', () => {
  it.each(['3171014506900001', '3171010101900002', '1101017112990003', '9471013112000004'])(
    'accepts %s',
    (nik) => expect(nikProblem(nik)).toBeNull(),
  );

  it.each([
    ['317101450690000', 'must be 16 digits'],
    ['31710145069000011', 'must be 16 digits'],
    ['317101450690000a', 'must be 16 digits'],
    ['1071014506900001', 'province'],
    ['9571014506900001', 'province'],
    ['3171013206900001', 'birth date'],
    ['3171017206900001', 'birth date'],
    ['3171010006900001', 'birth date'],
    ['3171014513900001', 'birth date'],
    ['3171014500900001', 'birth date'],
    ['3171014506900000', 'serial'],
  ])('refuses %s (%s) without echoing it', (nik, why) => {
    const problem = nikProblem(nik);
    expect(problem).toContain(why);
    expect(problem).not.toContain(nik);
  });

  it('masks all but the first and last four digits', () => {
    expect(maskNik('3171014506900001')).toBe('3171********0001');
  });

  it('hashes with the secret', () => {
    const a = hashNik('s'.repeat(32), '3171014506900001');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(hashNik('s'.repeat(32), '3171014506900001')).toBe(a);
    expect(hashNik('t'.repeat(32), '3171014506900001')).not.toBe(a);
  });
});
