import {
  GENESIS_CHAIN_HASH,
  handoverContentHash,
  nextChainHash,
  signedHandoverContent,
  StoredHandoverContent,
} from './handover-content';

const stored: StoredHandoverContent = {
  bastNumber: 'BAST/PANGAN/2026/000001',
  programCode: 'PANGAN',
  commitmentNumber: 'KOM/PANGAN/2026/000001',
  handedOverAt: '2026-01-10T03:00:00.000Z',
  regionCode: '31.71.01.1001.RW05',
  address: 'Balai warga RW 05',
  lon: 106.8,
  lat: -6.17,
  giver: { name: 'Rina', title: 'Direktur', organization: 'PT Uji' },
  receiver: { name: 'Budi', role: 'Ketua RW', nikMasked: '3171********0001' },
  witnesses: [{ name: 'Sari', role: 'Lurah', organization: 'Kelurahan Gambir' }],
  items: [
    { allocationId: 'b', quantity: 2 },
    { allocationId: 'a', quantity: 1 },
  ],
  recipientNikHashes: ['f', 'e'],
  notes: '',
};

describe('handover content', () => {
  it('does not depend on the order items and recipients were stored in', () => {
    const a = handoverContentHash(signedHandoverContent(stored));
    const b = handoverContentHash(
      signedHandoverContent({
        ...stored,
        items: [...stored.items].reverse(),
        recipientNikHashes: [...stored.recipientNikHashes].reverse(),
        handedOverAt: new Date('2026-01-10T10:00:00+07:00'),
      }),
    );
    expect(a).toBe(b);
  });

  it.each([
    ['address', { address: 'Balai warga RW 06' }],
    ['an item quantity', { items: [{ allocationId: 'a', quantity: 3 }, stored.items[0]] }],
    ['a witness', { witnesses: [] }],
    ['a recipient', { recipientNikHashes: ['e'] }],
    ['the place', { lon: 106.81 }],
  ])('changes when %s changes', (_, change) => {
    expect(handoverContentHash(signedHandoverContent({ ...stored, ...change }))).not.toBe(
      handoverContentHash(signedHandoverContent(stored)),
    );
  });

  it('chains hashes from the genesis', () => {
    const first = nextChainHash(GENESIS_CHAIN_HASH, 'a'.repeat(64));
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(nextChainHash(first, 'b'.repeat(64))).not.toBe(nextChainHash(GENESIS_CHAIN_HASH, 'b'.repeat(64)));
  });
});
