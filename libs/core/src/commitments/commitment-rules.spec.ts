import { InvalidInputError } from '../common/domain-errors';
import type { Principal } from '../common/request-context';
import { formatRupiah, formatTanggal } from './commitment-form.pdf';
import { assertCommitmentShape, CreateCommitmentInput, totalValueOf } from './commitment-input';
import { commitmentSignedContent, commitmentSignedHash } from './commitment-signature';
import { canSeeCommitment, commitmentVisibilitySql } from './commitment-visibility';

const input = (patch: Partial<CreateCommitmentInput> = {}): CreateCommitmentInput => ({
  collaboratorId: 'c1',
  programCode: 'PANGAN',
  deliveryMode: 'direct',
  items: [{ packageCode: 'SEMBAKO', quantity: 2, unitValue: 150_000 }],
  plannedFrom: '2026-01-01',
  plannedTo: '2026-01-31',
  ...patch,
});

const fieldsOf = (fn: () => void): string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof InvalidInputError) return (e.errors ?? []).map((x) => x.field);
    throw e;
  }
  return [];
};

describe('commitment shape', () => {
  it('accepts a well-formed commitment', () => {
    expect(fieldsOf(() => assertCommitmentShape(input()))).toEqual([]);
  });

  it('names every wrong field at once', () => {
    const bad = input({
      plannedTo: '2025-12-31',
      deliveryMode: 'aggregator',
      items: [
        { packageCode: 'SEMBAKO', quantity: 1, unitValue: 1 },
        { packageCode: 'SEMBAKO', quantity: 1, unitValue: 1 },
      ],
    });
    expect(fieldsOf(() => assertCommitmentShape(bad))).toEqual([
      'plannedTo',
      'aggregatorId',
      'items[1].packageCode',
    ]);
    expect(fieldsOf(() => assertCommitmentShape(input({ aggregatorId: 'a1' })))).toEqual(['aggregatorId']);
  });

  it('totals in whole rupiah and refuses totals beyond a safe integer', () => {
    expect(totalValueOf(input().items)).toBe(300_000);
    expect(() => totalValueOf([{ packageCode: 'X', quantity: 1_000_000, unitValue: 1e12 }])).toThrow(
      InvalidInputError,
    );
  });
});

describe('signed content', () => {
  const signed = {
    number: 'KOM/PANGAN/2026/000001',
    collaboratorId: 'c1',
    collaboratorName: 'PT Uji',
    programCode: 'PANGAN',
    deliveryMode: 'direct' as const,
    aggregatorId: null,
    aggregatorName: null,
    totalValue: 300_000,
    plannedFrom: '2026-01-01',
    plannedTo: '2026-01-31',
    notes: '',
    signatoryName: 'Rina',
    signatoryTitle: 'Direktur',
    signedAt: '2026-01-01T00:00:00.000Z',
    items: [
      { packageCode: 'SEMBAKO', quantity: 1, unitValue: 150_000 },
      { packageCode: 'PAKET_THR', quantity: 1, unitValue: 150_000 },
    ],
  };

  it('does not depend on item order or on how signedAt is given', () => {
    const a = commitmentSignedHash(commitmentSignedContent(signed));
    const b = commitmentSignedHash(
      commitmentSignedContent({
        ...signed,
        items: [...signed.items].reverse(),
        signedAt: new Date(signed.signedAt),
      }),
    );
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any signed field', () => {
    const base = commitmentSignedHash(commitmentSignedContent(signed));
    for (const patch of [
      { notes: 'x' },
      { signatoryTitle: 'Manajer' },
      { plannedTo: '2026-02-01' },
      { number: 'KOM/PANGAN/2026/000002' },
    ]) {
      expect(commitmentSignedHash(commitmentSignedContent({ ...signed, ...patch }))).not.toBe(base);
    }
  });

  it('refuses an unsigned commitment', () => {
    expect(() => commitmentSignedContent({ ...signed, number: null })).toThrow(/not signed/);
  });
});

describe('visibility', () => {
  const p = (role: Principal['role'], ids: Partial<Principal> = {}): Principal => ({
    kind: 'user',
    id: 'u',
    role,
    collaboratorId: null,
    aggregatorId: null,
    ...ids,
  });
  const c = { collaboratorId: 'c1', aggregatorId: 'a1' };

  it.each([
    ['admin', {}, true],
    ['viewer', {}, true],
    ['collaborator', { collaboratorId: 'c1' }, true],
    ['collaborator', { collaboratorId: 'c2' }, false],
    ['collaborator', {}, false],
    ['aggregator', { aggregatorId: 'a1' }, true],
    ['aggregator', { aggregatorId: 'a2' }, false],
  ] as const)('%s %j sees it: %s', (role, ids, visible) => {
    expect(canSeeCommitment(p(role, ids), c)).toBe(visible);
    const params: unknown[] = [];
    const sql = commitmentVisibilitySql(p(role, ids), 'c', params);
    expect(
      sql === 'FALSE' ? false : sql === 'TRUE' ? true : params[0] === (role === 'collaborator' ? 'c1' : 'a1'),
    ).toBe(visible);
  });
});

describe('form formatting', () => {
  it('writes rupiah with dots and dates in Indonesian', () => {
    expect(formatRupiah(1_500_000)).toBe('Rp 1.500.000');
    expect(formatRupiah(0)).toBe('Rp 0');
    expect(formatTanggal('2020-11-26')).toBe('26 November 2020');
    expect(formatTanggal(new Date('2020-12-31T18:00:00Z'))).toBe('1 Januari 2021');
  });
});
