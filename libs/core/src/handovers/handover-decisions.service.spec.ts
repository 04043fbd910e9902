import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors';
import type { Principal } from '../common/request-context';
import {
  BERAS,
  DISTRICT,
  OTHER_COLLABORATOR,
  PROGRAM,
  principal,
  SEMBAKO,
  VILLAGE,
  World,
} from '../testing/world';
import {
  GENESIS_CHAIN_HASH,
  handoverContentHash,
  nextChainHash,
  signedHandoverContent,
} from './handover-content';
import type { SubmitHandoverInput } from './handover-input';
import { maskNik } from './nik';

const NIK_A = '3171010101900001';
const NIK_B = '3171014505850002';

/**
 * Handover submission (BAST numbering, open quantities) and Pokja's decisions (verify, reject, duplicate
 * recipients, the ledger) against in-memory fakes of the handover, commitment and allocation repositories.
 */
describe('handovers (in-memory)', () => {
  let w: World;
  const member = principal('collaborator');
  const pokja = principal('operator', { id: 'u-pokja' });

  beforeEach(() => {
    w = new World();
  });

  /** An approved commitment with one claim of `quantity` on a need of `needQuantity`. */
  const claimed = async (
    quantity = 10,
    needQuantity = 100,
    items: Record<string, number> = { [SEMBAKO]: 50 },
  ) => {
    const c = w.commitment({}, items);
    const need = w.need({ quantity: needQuantity });
    const a = await w.allocations.reserve({ commitmentId: c.id, needId: need.id, quantity }, member);
    return { c, need, a };
  };

  const input = (
    items: SubmitHandoverInput['items'],
    patch: Partial<SubmitHandoverInput> = {},
  ): SubmitHandoverInput => ({
    items,
    handedOverAt: new Date('2026-03-01T02:00:00Z'),
    location: { regionCode: VILLAGE, address: 'Jl. Uji 1' },
    giver: { name: 'Budi', title: 'Koordinator' },
    receiver: { name: 'Siti', role: 'Ketua RT' },
    witnesses: [{ name: 'Ani', role: 'Warga' }],
    ...patch,
  });

  const submit = (
    items: SubmitHandoverInput['items'],
    patch: Partial<SubmitHandoverInput> = {},
    who: Principal = member,
  ) => w.handovers.submit(input(items, patch), who);

  describe('submit', () => {
    it('takes the next BAST number of the program and the handover’s year in Jakarta', async () => {
      const { a } = await claimed(10);
      const first = await submit([{ allocationId: a.id, quantity: 4 }]);
      // 31 December 18:00 UTC is already 1 January in Jakarta.
      const second = await submit([{ allocationId: a.id, quantity: 1 }], {
        handedOverAt: new Date('2025-12-31T18:00:00Z'),
      });
      const third = await submit([{ allocationId: a.id, quantity: 1 }]);
      expect([first.bastNumber, second.bastNumber, third.bastNumber]).toEqual([
        `BAST/${PROGRAM}/2026/000001`,
        `BAST/${PROGRAM}/2026/000002`,
        `BAST/${PROGRAM}/2026/000003`,
      ]);
      expect(first).toMatchObject({ status: 'submitted', totalQuantity: 4, chainSeq: null });
      expect(w.numbers.scopes).toEqual([
        `BAST/${PROGRAM}/2026`,
        `BAST/${PROGRAM}/2026`,
        `BAST/${PROGRAM}/2026`,
      ]);
      expect(w.uow.eventTypes().filter((t) => t.startsWith('handover'))).toEqual([
        'handover.submitted',
        'handover.submitted',
        'handover.submitted',
      ]);
    });

    it('never hands over more than is allocated, minus delivered, minus pending handovers — and takes no number then', async () => {
      const { a } = await claimed(10);
      await expect(submit([{ allocationId: a.id, quantity: 11 }])).rejects.toThrow(
        /has 10 left to hand over/,
      );
      await submit([{ allocationId: a.id, quantity: 7 }]);
      await expect(submit([{ allocationId: a.id, quantity: 4 }])).rejects.toThrow(/has 3 left to hand over/);
      expect(w.numbers.scopes).toHaveLength(1);
      expect(w.db.t.handovers).toHaveLength(1);
    });

    it('takes only reserved or partially delivered allocations', async () => {
      const { a } = await claimed(10);
      await w.allocations.release(a.id, null, member);
      await expect(submit([{ allocationId: a.id, quantity: 1 }])).rejects.toThrow(
        new ConflictError(
          `allocation ${a.id} is released; only reserved or partially delivered allocations can be handed over`,
        ),
      );
    });

    it('takes allocations of one approved commitment that the caller acts for', async () => {
      const { a, c } = await claimed(10);
      const { a: b } = await claimed(10);
      await expect(
        submit([
          { allocationId: a.id, quantity: 1 },
          { allocationId: b.id, quantity: 1 },
        ]),
      ).rejects.toThrow(InvalidInputError);
      const stranger = principal('collaborator', { collaboratorId: OTHER_COLLABORATOR });
      await expect(submit([{ allocationId: a.id, quantity: 1 }], {}, stranger)).rejects.toThrow(
        NotFoundError,
      );
      w.db.commitment(c.id).status = 'completed';
      await expect(submit([{ allocationId: a.id, quantity: 1 }])).rejects.toThrow(
        /handovers are only taken for approved/,
      );
      expect(w.db.t.handovers).toEqual([]);
    });

    it('takes place at a known kelurahan, RW or RT only', async () => {
      const { a } = await claimed(10);
      const at = (regionCode: string) => ({ location: { regionCode, address: 'x' } });
      await expect(submit([{ allocationId: a.id, quantity: 1 }], at(DISTRICT))).rejects.toThrow(
        InvalidInputError,
      );
      await expect(submit([{ allocationId: a.id, quantity: 1 }], at('99.99'))).rejects.toThrow(
        InvalidInputError,
      );
    });

    it('warns of recipients already in a verified handover of the same program and year, keeping NIKs out of answers', async () => {
      const { a } = await claimed(10);
      const earlier = await submit([{ allocationId: a.id, quantity: 1 }], {
        recipients: [{ nik: NIK_A, name: 'Ibu A' }],
      });
      // Not yet verified: no warning.
      const pending = await submit([{ allocationId: a.id, quantity: 1 }], {
        recipients: [{ nik: NIK_A, name: 'Ibu A' }],
      });
      expect(pending.duplicateWarnings).toEqual([]);
      await w.decisions.verify(earlier.id, {}, pokja);
      const later = await submit([{ allocationId: a.id, quantity: 1 }], {
        recipients: [
          { nik: NIK_B, name: 'Ibu B' },
          { nik: NIK_A, name: 'Ibu A' },
        ],
      });
      expect(later.duplicateWarnings).toEqual([
        { nikMasked: maskNik(NIK_A), bastNumber: earlier.bastNumber },
      ]);
      const everything = JSON.stringify([w.uow.events, w.uow.audits, later, w.db.t.handovers]);
      expect(everything).not.toContain(NIK_A);
      expect(everything).not.toContain(NIK_B);
    });

    it('recomputes the warnings of a handover awaiting verification on every read', async () => {
      const { a } = await claimed(10);
      const recipients = [{ nik: NIK_A, name: 'Ibu A' }];
      const first = await submit([{ allocationId: a.id, quantity: 1 }], { recipients });
      const second = await submit([{ allocationId: a.id, quantity: 1 }], { recipients });
      expect((await w.handovers.get(second.id, pokja)).duplicateWarnings).toEqual([]);
      await w.decisions.verify(first.id, {}, pokja);
      expect(w.db.handover(second.id).duplicateWarnings).toEqual([]);
      expect((await w.handovers.get(second.id, pokja)).duplicateWarnings).toEqual([
        { nikMasked: maskNik(NIK_A), bastNumber: first.bastNumber },
      ]);
      // A decided handover shows what was stored when it was decided.
      expect((await w.handovers.get(first.id, pokja)).duplicateWarnings).toEqual([]);
    });

    it('shows the recipients to staff only', async () => {
      const { a } = await claimed(10);
      const recipients = [{ nik: NIK_A, name: 'Ibu A' }];
      expect((await submit([{ allocationId: a.id, quantity: 1 }], { recipients })).recipients).toBeNull();
      expect((await submit([{ allocationId: a.id, quantity: 1 }], { recipients }, pokja)).recipients).toEqual(
        [{ nikMasked: maskNik(NIK_A), name: 'Ibu A' }],
      );
    });
  });

  describe('verify', () => {
    it('delivers the quantities to allocation, need and commitment item, and appends to the ledger', async () => {
      const { a, need, c } = await claimed(10, 10);
      const h = await submit([{ allocationId: a.id, quantity: 4 }]);
      const verified = await w.decisions.verify(h.id, {}, pokja);
      expect(w.allocationRow(a.id)).toMatchObject({ status: 'partially_delivered', deliveredQuantity: 4 });
      expect(w.db.need(need.id)).toMatchObject({ deliveredQuantity: 4, status: 'fully_allocated' });
      expect(w.itemOf(c.id).deliveredQuantity).toBe(4);
      const contentHash = handoverContentHash(signedHandoverContent(await w.ledger.content(h.id)));
      expect(verified).toMatchObject({
        status: 'verified',
        decidedBy: pokja.id,
        chainSeq: 1,
        contentHash,
        chainHash: nextChainHash(GENESIS_CHAIN_HASH, contentHash),
      });
      expect(w.ledger.lockCount).toBe(1);
      expect(w.uow.eventTypes().at(-1)).toBe('handover.verified');
    });

    it('chains each verified handover on the one before it', async () => {
      const { a } = await claimed(10);
      const h1 = await submit([{ allocationId: a.id, quantity: 1 }]);
      const h2 = await submit([{ allocationId: a.id, quantity: 1 }]);
      const second = await w.decisions.verify(h2.id, {}, pokja);
      const first = await w.decisions.verify(h1.id, {}, pokja);
      expect([second.chainSeq, first.chainSeq]).toEqual([1, 2]);
      expect(first.chainHash).toBe(nextChainHash(second.chainHash as string, first.contentHash as string));
    });

    it('delivers a claim in full and fulfils the need and completes the commitment when everything is delivered', async () => {
      const { a, need, c } = await claimed(10, 10, { [SEMBAKO]: 10 });
      const h = await submit([{ allocationId: a.id, quantity: 10 }]);
      await w.decisions.verify(h.id, {}, pokja);
      expect(w.allocationRow(a.id).status).toBe('delivered');
      expect(w.db.need(need.id).status).toBe('fulfilled');
      expect(w.db.commitment(c.id).status).toBe('completed');
      expect(w.uow.eventTypes().slice(-2)).toEqual(['commitment.completed', 'handover.verified']);
    });

    it('does not complete a commitment with an item still short', async () => {
      const { a, c } = await claimed(10, 10, { [SEMBAKO]: 10, [BERAS]: 5 });
      await w.decisions.verify((await submit([{ allocationId: a.id, quantity: 10 }])).id, {}, pokja);
      expect(w.db.commitment(c.id).status).toBe('approved');
    });

    it('decides only on submitted handovers', async () => {
      const { a } = await claimed(10);
      const h = await submit([{ allocationId: a.id, quantity: 1 }]);
      await w.decisions.verify(h.id, {}, pokja);
      await expect(w.decisions.verify(h.id, {}, pokja)).rejects.toThrow(
        new ConflictError('the handover is verified; only submitted handovers can be verified'),
      );
      await expect(w.decisions.reject(h.id, 'x', pokja)).rejects.toThrow(
        /only submitted handovers can be rejected/,
      );
      await expect(w.decisions.verify('00000000-0000-4000-8000-999999999999', {}, pokja)).rejects.toThrow(
        NotFoundError,
      );
      expect(w.allocationRow(a.id).deliveredQuantity).toBe(1);
    });

    it('refuses to verify a handover of a commitment that is no longer approved', async () => {
      const { a, c } = await claimed(10);
      const h = await submit([{ allocationId: a.id, quantity: 1 }]);
      w.db.commitment(c.id).status = 'cancelled';
      await expect(w.decisions.verify(h.id, {}, pokja)).rejects.toThrow(/the commitment is cancelled/);
      expect(w.db.handover(h.id).status).toBe('submitted');
    });

    it('refuses, and changes nothing, when an allocation can no longer take its delivery', async () => {
      const { a: kept, c } = await claimed(10);
      const need = w.need();
      const gone = await w.allocations.reserve({ commitmentId: c.id, needId: need.id, quantity: 5 }, member);
      const h = await submit([
        { allocationId: kept.id, quantity: 2 },
        { allocationId: gone.id, quantity: 5 },
      ]);
      w.allocationRow(gone.id).status = 'expired';
      await expect(w.decisions.verify(h.id, {}, pokja)).rejects.toThrow(/no longer reserved/);
      expect(w.allocationRow(kept.id)).toMatchObject({ status: 'reserved', deliveredQuantity: 0 });
      expect(w.itemOf(c.id).deliveredQuantity).toBe(0);
      expect(w.db.handover(h.id).status).toBe('submitted');
    });

    it('answers staff with the recipients and others without', async () => {
      const { a } = await claimed(10);
      const recipients = [{ nik: NIK_A, name: 'Ibu A' }];
      const h1 = await submit([{ allocationId: a.id, quantity: 1 }], { recipients });
      const h2 = await submit([{ allocationId: a.id, quantity: 1 }]);
      expect((await w.decisions.verify(h1.id, {}, pokja)).recipients).toEqual([
        { nikMasked: maskNik(NIK_A), name: 'Ibu A' },
      ]);
      expect((await w.decisions.verify(h2.id, {}, principal('viewer'))).recipients).toBeNull();
    });
  });

  describe('duplicate recipients at verification', () => {
    const twoWithSameRecipient = async () => {
      const { a } = await claimed(10);
      const recipients = [{ nik: NIK_A, name: 'Ibu A' }];
      const first = await submit([{ allocationId: a.id, quantity: 1 }], { recipients });
      const second = await submit([{ allocationId: a.id, quantity: 1 }], { recipients });
      return { a, first, second };
    };

    it('refuses to verify a recipient already verified this year unless acknowledged, and audits the override', async () => {
      const { first, second } = await twoWithSameRecipient();
      await w.decisions.verify(first.id, {}, pokja);
      await expect(w.decisions.verify(second.id, {}, pokja)).rejects.toThrow(
        new RegExp(
          `1 recipient\\(s\\) already appear.*${maskNik(NIK_A).replace(/\*/g, '\\*')} in ${first.bastNumber.replace(/\//g, '\\/')}`,
        ),
      );
      expect(w.db.handover(second.id).status).toBe('submitted');
      const verified = await w.decisions.verify(second.id, { acknowledgeDuplicates: true }, pokja);
      expect(verified.duplicateWarnings).toEqual([
        { nikMasked: maskNik(NIK_A), bastNumber: first.bastNumber },
      ]);
      expect(w.uow.auditActions().slice(-2)).toEqual([
        'handover.verified',
        'handover.duplicates_acknowledged',
      ]);
    });

    it('counts only verified handovers: a rejected or pending one with the same recipient is no duplicate', async () => {
      const { first, second } = await twoWithSameRecipient();
      await w.decisions.reject(first.id, 'foto buram', pokja);
      const verified = await w.decisions.verify(second.id, {}, pokja);
      expect(verified.duplicateWarnings).toEqual([]);
      expect(w.uow.auditActions()).not.toContain('handover.duplicates_acknowledged');
    });

    it('counts only the same program and year', async () => {
      const { first, second } = await twoWithSameRecipient();
      await w.decisions.verify(first.id, {}, pokja);
      for (const r of w.db.t.recipients.filter((x) => x.handoverId === first.id)) r.year = 2025;
      await expect(w.decisions.verify(second.id, {}, pokja)).resolves.toMatchObject({
        duplicateWarnings: [],
      });
    });

    it('names the earliest verified handover in the ledger once per recipient', async () => {
      const { a } = await claimed(10);
      const recipients = [{ nik: NIK_A, name: 'Ibu A' }];
      const [h1, h2, h3] = [
        await submit([{ allocationId: a.id, quantity: 1 }], { recipients }),
        await submit([{ allocationId: a.id, quantity: 1 }], { recipients }),
        await submit([{ allocationId: a.id, quantity: 1 }], {
          recipients: [...recipients, { nik: NIK_B, name: 'Ibu B' }],
        }),
      ];
      await w.decisions.verify(h2.id, {}, pokja);
      await w.decisions.verify(h1.id, { acknowledgeDuplicates: true }, pokja);
      await expect(w.decisions.verify(h3.id, {}, pokja)).rejects.toThrow(/^1 recipient/);
      const v = await w.decisions.verify(h3.id, { acknowledgeDuplicates: true }, pokja);
      expect(v.duplicateWarnings).toEqual([{ nikMasked: maskNik(NIK_A), bastNumber: h2.bastNumber }]);
    });
  });

  describe('reject', () => {
    it('rejects with a reason and frees what the handover held, so it can be handed over or released again', async () => {
      const { a } = await claimed(10);
      const h = await submit([{ allocationId: a.id, quantity: 10 }]);
      await expect(w.allocations.release(a.id, null, member)).rejects.toThrow(/awaiting verification/);
      const rejected = await w.decisions.reject(h.id, 'tanda tangan kurang', pokja);
      expect(rejected).toMatchObject({
        status: 'rejected',
        rejectionReason: 'tanda tangan kurang',
        decidedBy: pokja.id,
      });
      expect(w.allocationRow(a.id)).toMatchObject({ status: 'reserved', deliveredQuantity: 0 });
      expect(w.uow.events.at(-1)).toMatchObject({
        type: 'handover.rejected',
        payload: { reason: 'tanda tangan kurang' },
      });
      await expect(submit([{ allocationId: a.id, quantity: 10 }])).resolves.toMatchObject({
        status: 'submitted',
      });
    });
  });
});
