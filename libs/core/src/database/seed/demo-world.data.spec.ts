import { buildDemoWorld, WorldInput } from './demo-world.data';

const input: WorldInput = {
  now: new Date('2026-06-15T10:00:00Z'),
  villages: Array.from({ length: 7 }, (_, v) => ({
    code: `31.71.01.100${v}`,
    name: `Kelurahan ${v}`,
    rts: Array.from({ length: 6 }, (__, t) => `31.71.01.100${v}.RW0${(t % 2) + 1}.RT00${t + 1}`),
  })),
  packages: [
    {
      id: 'p1',
      programCode: 'PANGAN',
      code: 'SEMBAKO',
      name: 'Sembako',
      unitValueMin: 150000,
      unitValueMax: 300000,
      beneficiaryKind: 'household',
      claimHoldDays: 14,
    },
    {
      id: 'p2',
      programCode: 'PERMUKIMAN',
      code: 'RW',
      name: 'Penataan RW',
      unitValueMin: 1e8,
      unitValueMax: 5e8,
      beneficiaryKind: 'rw',
      claimHoldDays: 14,
    },
  ],
  collaborators: Array.from({ length: 10 }, (_, i) => ({
    id: `c${i}`,
    name: `Kolaborator ${i}`,
    picName: `PIC ${i}`,
  })),
  aggregators: [{ id: 'a1', name: 'Agregator' }],
  adminId: null,
};

describe('buildDemoWorld', () => {
  it('is deterministic: the same inputs give the same world', () => {
    expect(buildDemoWorld(input, { 'BAST/PANGAN/2026': 7 })).toEqual(
      buildDemoWorld(input, { 'BAST/PANGAN/2026': 7 }),
    );
  });

  it('covers every kelurahan, below kelurahan level, and keeps every date in the past', () => {
    const world = buildDemoWorld(input);
    expect(new Set(world.needs.map((n) => n.regionCode.slice(0, 13))).size).toBe(input.villages.length);
    expect(world.needs.every((n) => /\.RW0\d/.test(n.regionCode))).toBe(true);
    expect(
      world.needs.filter((n) => n.programCode === 'PERMUKIMAN').every((n) => !n.regionCode.includes('.RT')),
    ).toBe(true);
    const now = input.now.getTime();
    const dates = [
      ...world.needs.flatMap((n) => [n.createdAt, n.publishedAt]),
      ...world.claims.map((c) => c.createdAt),
      ...world.handovers.flatMap((h) => [h.handedOverAt, h.createdAt, h.decidedAt]),
      ...world.commitments.flatMap((c) => [c.createdAt, c.signedAt, c.decidedAt]),
    ].filter((d): d is Date => d !== null);
    expect(dates.filter((d) => d.getTime() > now)).toEqual([]);
  });

  it('numbers continue after the existing counters, gap-free per program and year', () => {
    const world = buildDemoWorld(input, { 'BAST/PANGAN/2026': 7 });
    const numbers = world.handovers
      .filter((h) => h.bastNumber.startsWith('BAST/PANGAN/2026/'))
      .map((h) => Number(h.bastNumber.split('/')[3]))
      .sort((a, b) => a - b);
    expect(numbers[0]).toBe(8);
    expect(numbers).toEqual(numbers.map((_, i) => 8 + i));
    expect(world.numberScopes['BAST/PANGAN/2026']).toBe(numbers.length);
  });
});
