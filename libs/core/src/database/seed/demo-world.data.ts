import { commitmentSignedContent, commitmentSignedHash } from '../../commitments/commitment-signature';
import { formatNumber, jakartaYear } from '../../numbering/numbering';
import { deterministicUuid } from './deterministic';

/**
 * The demo world: a city's worth of needs, claims and handovers for development (`npm start`), so that dashboards,
 * charts, the map, the scorecard and the ledger have real shape. Pure generation from a seeded PRNG: the same inputs
 * and day give the same world. `demo-world.seed.ts` writes it.
 */

/** `needs.source` of every need of the world: also the marker that the world was built. */
export const DEMO_WORLD_SOURCE = 'demo-world';
const DEMO_WORLD_NEEDS = 2000;
const DAY_MS = 86_400_000;

export interface WorldVillage {
  code: string;
  name: string;
  /** RT codes (`31.71.01.1001.RW01.RT001`); the RW is the first five parts. */
  rts: string[];
}

export interface WorldPackage {
  id: string;
  programCode: string;
  code: string;
  name: string;
  unitValueMin: number;
  unitValueMax: number;
  beneficiaryKind: string;
  claimHoldDays: number;
}

export interface WorldInput {
  /** The reference instant; the world is laid out over the twelve months before it. */
  now: Date;
  villages: WorldVillage[];
  /** Packages of the open programs. */
  packages: WorldPackage[];
  /** Verified demo collaborators, who make the commitments. */
  collaborators: { id: string; name: string; picName: string }[];
  aggregators: { id: string; name: string }[];
  adminId: string | null;
}

export type WorldNeedStatus = 'draft' | 'open' | 'fully_allocated' | 'fulfilled' | 'cancelled';
export type WorldClaimStatus = 'reserved' | 'partially_delivered' | 'delivered' | 'released' | 'expired';

export interface WorldNeed {
  id: string;
  sourceRef: string;
  programCode: string;
  packageId: string;
  regionCode: string;
  title: string;
  quantity: number;
  allocatedQuantity: number;
  deliveredQuantity: number;
  beneficiaryCount: number;
  status: WorldNeedStatus;
  dueDate: string;
  publishedAt: Date | null;
  createdAt: Date;
}

export interface WorldCommitment {
  id: string;
  number: string | null;
  collaboratorId: string;
  programCode: string;
  aggregatorId: string | null;
  plannedFrom: string;
  plannedTo: string;
  status: 'draft' | 'submitted' | 'approved' | 'rejected';
  totalValue: number;
  signatoryName: string | null;
  signatoryTitle: string | null;
  signedAt: Date | null;
  signedHash: string | null;
  decidedAt: Date | null;
  statusReason: string | null;
  createdAt: Date;
}

export interface WorldItem {
  id: string;
  commitmentId: string;
  packageId: string;
  quantity: number;
  unitValue: number;
  allocatedQuantity: number;
  deliveredQuantity: number;
}

export interface WorldClaim {
  id: string;
  commitmentId: string;
  itemId: string;
  needId: string;
  packageId: string;
  quantity: number;
  deliveredQuantity: number;
  status: WorldClaimStatus;
  expiresAt: Date;
  endedAt: Date | null;
  endReason: string | null;
  createdAt: Date;
}

export interface WorldHandover {
  id: string;
  bastNumber: string;
  programCode: string;
  commitmentId: string;
  aggregatorId: string | null;
  needId: string;
  handedOverAt: Date;
  regionCode: string;
  giver: { name: string; title: string; role: string; organization: string };
  receiver: { name: string; title: string; role: string; organization: string };
  /** What the handover is meant to end as; verified ones are chained after insertion. */
  status: 'submitted' | 'verified' | 'rejected';
  rejectionReason: string | null;
  decidedAt: Date | null;
  createdAt: Date;
  items: { claimId: string; quantity: number }[];
}

export interface World {
  needs: WorldNeed[];
  commitments: WorldCommitment[];
  items: WorldItem[];
  claims: WorldClaim[];
  handovers: WorldHandover[];
  /** How many numbers each `KOM/…`/`BAST/…` scope uses; numbers are `offset + 1 … offset + count`. */
  numberScopes: Record<string, number>;
}

/** mulberry32: a small, fast PRNG with a fixed seed, so the world is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Units and people reached per kind of beneficiary: [min quantity, max quantity, beneficiaries per unit]. */
const SHAPE: Record<string, { min: number; max: number; perUnit: [number, number]; weight: number }> = {
  household: { min: 20, max: 150, perUnit: [3, 5], weight: 6 },
  person: { min: 50, max: 300, perUnit: [1, 1], weight: 3 },
  msme: { min: 5, max: 30, perUnit: [1, 1], weight: 2 },
  student: { min: 5, max: 40, perUnit: [1, 1], weight: 2 },
  teacher: { min: 2, max: 10, perUnit: [1, 1], weight: 1 },
  rw: { min: 1, max: 1, perUnit: [400, 1500], weight: 1 },
  community: { min: 1, max: 2, perUnit: [30, 200], weight: 1 },
};
const shapeOf = (kind: string) =>
  SHAPE[kind] ?? { min: 1, max: 20, perUnit: [1, 1] as [number, number], weight: 1 };

const day = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * Builds the world from its inputs. `offsets` gives each number scope's last value before the world (numbers
 * continue from there); the result lists how many numbers each scope takes.
 */
export function buildDemoWorld(input: WorldInput, offsets: Record<string, number> = {}): World {
  const rand = prng(20_201_126);
  const int = (min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  // Whole days before `now`, at a working hour in Jakarta (UTC+7): deterministic within a day.
  const today = Date.UTC(input.now.getUTCFullYear(), input.now.getUTCMonth(), input.now.getUTCDate());
  const daysAgo = (days: number): Date => new Date(today - days * DAY_MS + int(1, 9) * 3_600_000);
  const at = (d: Date, plusDays: number): Date => new Date(d.getTime() + plusDays * DAY_MS);
  const key = (...parts: (string | number)[]): string => ['demo-world', ...parts].join(':');

  const weighted = input.packages.flatMap((p) =>
    Array<WorldPackage>(shapeOf(p.beneficiaryKind).weight).fill(p),
  );
  const packageById = new Map(input.packages.map((p) => [p.id, p]));
  const needs: WorldNeed[] = [];
  const claims: WorldClaim[] = [];
  const handovers: WorldHandover[] = [];
  type PendingHandover = Omit<WorldHandover, 'bastNumber' | 'commitmentId' | 'aggregatorId' | 'giver'>;
  const pendingHandovers: PendingHandover[] = [];

  const claim = (
    need: WorldNeed,
    n: number,
    quantity: number,
    status: WorldClaimStatus,
    createdAt: Date,
    delivered = 0,
  ): WorldClaim => {
    const hold = packageById.get(need.packageId)?.claimHoldDays ?? 14;
    const expiresAt = at(createdAt, hold);
    const ended = status === 'released' || status === 'expired';
    const c: WorldClaim = {
      id: deterministicUuid(key('claim', need.sourceRef, n)),
      commitmentId: '',
      itemId: '',
      needId: need.id,
      packageId: need.packageId,
      quantity,
      deliveredQuantity: delivered,
      status,
      expiresAt,
      endedAt:
        status === 'expired' ? expiresAt : status === 'released' ? at(createdAt, int(1, hold - 1)) : null,
      endReason:
        status === 'expired'
          ? 'claim hold expired'
          : status === 'released'
            ? 'released by the collaborator'
            : null,
      createdAt,
    };
    if (ended) c.deliveredQuantity = 0;
    claims.push(c);
    return c;
  };
  const handover = (
    need: WorldNeed,
    n: number,
    c: WorldClaim,
    quantity: number,
    status: WorldHandover['status'],
    handedOverAt: Date,
  ): void => {
    const createdAt = at(handedOverAt, 1);
    pendingHandovers.push({
      id: deterministicUuid(key('handover', need.sourceRef, n)),
      programCode: need.programCode,
      needId: need.id,
      handedOverAt,
      regionCode: need.regionCode,
      receiver: {
        name: `Ketua ${rtLabel(need.regionCode)}`,
        title: 'Ketua RT',
        role: 'receiver',
        organization: '',
      },
      status,
      rejectionReason: status === 'rejected' ? 'Foto serah terima tidak terbaca; mohon unggah ulang.' : null,
      decidedAt: status === 'submitted' ? null : at(createdAt, 1),
      createdAt,
      items: [{ claimId: c.id, quantity }],
    });
  };

  for (let i = 0; i < DEMO_WORLD_NEEDS; i += 1) {
    // Round-robin over the kelurahan: every one of them gets needs.
    const village = input.villages[i % input.villages.length];
    const pkg = pick(weighted);
    const shape = shapeOf(pkg.beneficiaryKind);
    const rt = village.rts.length ? pick(village.rts) : village.code;
    const regionCode =
      pkg.beneficiaryKind === 'rw' && rt !== village.code ? rt.split('.').slice(0, 5).join('.') : rt;
    const quantity = int(shape.min, shape.max);
    const sourceRef = `world-${String(i + 1).padStart(5, '0')}`;
    const fate = rand();
    // Delivered needs are spread over the whole year; waiting ones are recent.
    const delivered = fate >= 0.48 && fate < 0.9;
    const publishedAt = delivered ? daysAgo(int(25, 365)) : daysAgo(int(14, 60));
    const need: WorldNeed = {
      id: deterministicUuid(key('need', sourceRef)),
      sourceRef,
      programCode: pkg.programCode,
      packageId: pkg.id,
      regionCode,
      title: `${pkg.name} — ${village.name}, ${rtLabel(regionCode)}`.slice(0, 200),
      quantity,
      allocatedQuantity: 0,
      deliveredQuantity: 0,
      beneficiaryCount: quantity * int(shape.perUnit[0], shape.perUnit[1]),
      status: 'open',
      dueDate: day(at(publishedAt, int(30, 120))),
      publishedAt,
      createdAt: at(publishedAt, -1),
    };
    needs.push(need);
    const hold = pkg.claimHoldDays;
    // Recent enough that the hold has not run out, old enough that a handover on the next day lies in the past.
    const recentClaim = (): Date =>
      daysAgo(int(Math.min(4, hold - 1), Math.max(Math.min(4, hold - 1), Math.min(hold - 2, 12))));
    const part = quantity > 1 ? Math.max(1, Math.floor(quantity * (0.3 + rand() * 0.4))) : 0;

    if (fate < 0.03) {
      need.status = 'draft';
      need.publishedAt = null;
    } else if (fate < 0.05) {
      need.status = 'cancelled';
    } else if (fate < 0.3) {
      // open, nobody has claimed it yet
    } else if (fate < 0.38 && part > 0) {
      claim(need, 1, part, 'reserved', recentClaim());
      need.allocatedQuantity = part;
    } else if (fate < 0.48) {
      const c = claim(need, 1, quantity, 'reserved', recentClaim());
      need.allocatedQuantity = quantity;
      need.status = 'fully_allocated';
      const r = rand();
      // Some are handed over and wait for Pokja; a few were sent back.
      if (r < 0.3) handover(need, 1, c, quantity, 'submitted', at(c.createdAt, 1));
      else if (r < 0.4) handover(need, 1, c, quantity, 'rejected', at(c.createdAt, 1));
    } else if (fate < 0.53 && part > 0) {
      const createdAt = at(publishedAt, int(1, 10));
      const c = claim(need, 1, quantity, 'partially_delivered', createdAt, part);
      handover(need, 1, c, part, 'verified', at(createdAt, int(1, 5)));
      need.allocatedQuantity = quantity;
      need.deliveredQuantity = part;
      need.status = 'fully_allocated';
    } else if (fate < 0.9 || (fate < 0.53 && part === 0)) {
      // Fulfilled by one claim, or by two collaborators sharing it.
      const createdAt = at(publishedAt, int(1, 10));
      const split = quantity >= 20 && rand() < 0.3 ? Math.floor(quantity / 2) : quantity;
      const first = claim(need, 1, split, 'delivered', createdAt, split);
      handover(need, 1, first, split, 'verified', at(createdAt, int(1, 7)));
      if (split < quantity) {
        const second = claim(need, 2, quantity - split, 'delivered', at(createdAt, 1), quantity - split);
        handover(need, 2, second, quantity - split, 'verified', at(createdAt, int(2, 8)));
      }
      need.allocatedQuantity = quantity;
      need.deliveredQuantity = quantity;
      need.status = 'fulfilled';
    } else {
      // Claimed once, then released or left to expire: open again.
      const expired = rand() < 0.5;
      claim(
        need,
        1,
        Math.max(1, part || quantity),
        expired ? 'expired' : 'released',
        daysAgo(int(hold + 2, hold + 60)),
      );
    }
  }

  // Claims become commitments: per program, in time order, eight claims to a commitment.
  const commitments: WorldCommitment[] = [];
  const items: WorldItem[] = [];
  const numberScopes: Record<string, number> = {};
  const nextNumber = (kind: 'KOM' | 'BAST', programCode: string, when: Date): string => {
    const year = jakartaYear(when);
    const scope = `${kind}/${programCode}/${year}`;
    numberScopes[scope] = (numberScopes[scope] ?? 0) + 1;
    return formatNumber(kind, programCode, year, (offsets[scope] ?? 0) + numberScopes[scope]);
  };
  let collaboratorIndex = 0;
  const signable: { commitment: WorldCommitment; collaboratorName: string; aggregatorName: string | null }[] =
    [];
  const newCommitment = (
    programCode: string,
    signedAt: Date,
    status: WorldCommitment['status'],
  ): { commitment: WorldCommitment; collaborator: WorldInput['collaborators'][number] } => {
    const n = commitments.length;
    const collaborator = input.collaborators[collaboratorIndex++ % input.collaborators.length];
    const aggregator =
      n % 5 === 4 && input.aggregators.length ? input.aggregators[n % input.aggregators.length] : null;
    const commitment: WorldCommitment = {
      id: deterministicUuid(key('commitment', n)),
      number: null,
      collaboratorId: collaborator.id,
      programCode,
      aggregatorId: aggregator?.id ?? null,
      plannedFrom: day(signedAt),
      plannedTo: day(at(signedAt, 90)),
      status,
      totalValue: 0,
      signatoryName: status === 'draft' ? null : collaborator.picName,
      signatoryTitle: status === 'draft' ? null : 'Penanggung Jawab',
      signedAt: status === 'draft' ? null : signedAt,
      signedHash: null,
      decidedAt: status === 'approved' || status === 'rejected' ? at(signedAt, 1) : null,
      statusReason: status === 'rejected' ? 'Nilai paket di luar rentang program.' : null,
      createdAt: at(signedAt, -1),
    };
    commitments.push(commitment);
    signable.push({
      commitment,
      collaboratorName: collaborator.name,
      aggregatorName: aggregator?.name ?? null,
    });
    return { commitment, collaborator };
  };
  const unitValue = (p: WorldPackage): number => {
    const steps = 20;
    return Math.round(p.unitValueMin + ((p.unitValueMax - p.unitValueMin) * int(0, steps)) / steps);
  };

  const programs = [...new Set(input.packages.map((p) => p.programCode))].sort();
  const ACTIVE: WorldClaimStatus[] = ['reserved', 'partially_delivered', 'delivered'];
  for (const programCode of programs) {
    const own = claims
      .filter((c) => packageById.get(c.packageId)?.programCode === programCode)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
    for (let start = 0; start < own.length; start += 8) {
      const group = own.slice(start, start + 8);
      const { commitment } = newCommitment(programCode, at(group[0].createdAt, -2), 'approved');
      const byPackage = new Map<string, WorldClaim[]>();
      for (const c of group) byPackage.set(c.packageId, [...(byPackage.get(c.packageId) ?? []), c]);
      for (const [packageId, cs] of [...byPackage].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const active = cs.filter((c) => ACTIVE.includes(c.status));
        const allocated = active.reduce((s, c) => s + c.quantity, 0);
        const claimed = cs.reduce((s, c) => s + c.quantity, 0);
        const item: WorldItem = {
          id: deterministicUuid(key('item', commitment.id, packageId)),
          commitmentId: commitment.id,
          packageId,
          // Some room left on about half the items, for claims still to come.
          quantity: Math.max(allocated, claimed) + (rand() < 0.5 ? int(1, 20) : 0),
          unitValue: unitValue(packageById.get(packageId) as WorldPackage),
          allocatedQuantity: allocated,
          deliveredQuantity: active.reduce((s, c) => s + c.deliveredQuantity, 0),
        };
        items.push(item);
        commitment.totalValue += item.quantity * item.unitValue;
        for (const c of cs) {
          c.commitmentId = commitment.id;
          c.itemId = item.id;
        }
      }
    }
    // The queue Pokja works on: signed commitments awaiting a decision, drafts, and a few rejected.
    const pending: WorldCommitment['status'][] = ['submitted', 'submitted', 'submitted', 'draft', 'rejected'];
    for (const [n, status] of pending.entries()) {
      const { commitment } = newCommitment(programCode, daysAgo(int(1, 20) + n), status);
      const pkg = pick(input.packages.filter((p) => p.programCode === programCode));
      const item: WorldItem = {
        id: deterministicUuid(key('item', commitment.id, pkg.id)),
        commitmentId: commitment.id,
        packageId: pkg.id,
        quantity: int(shapeOf(pkg.beneficiaryKind).min, shapeOf(pkg.beneficiaryKind).max * 2),
        unitValue: unitValue(pkg),
        allocatedQuantity: 0,
        deliveredQuantity: 0,
      };
      items.push(item);
      commitment.totalValue = item.quantity * item.unitValue;
    }
  }

  // Numbers in signing order per scope, then the signed hash over the form as it is stored.
  const packageCode = new Map(input.packages.map((p) => [p.id, p.code]));
  for (const s of [...signable].sort(
    (a, b) =>
      (a.commitment.signedAt?.getTime() ?? 0) - (b.commitment.signedAt?.getTime() ?? 0) ||
      (a.commitment.id < b.commitment.id ? -1 : 1),
  )) {
    const c = s.commitment;
    if (!c.signedAt) continue;
    c.number = nextNumber('KOM', c.programCode, c.signedAt);
    c.signedHash = commitmentSignedHash(
      commitmentSignedContent({
        number: c.number,
        collaboratorId: c.collaboratorId,
        collaboratorName: s.collaboratorName,
        programCode: c.programCode,
        deliveryMode: c.aggregatorId ? 'aggregator' : 'direct',
        aggregatorId: c.aggregatorId,
        aggregatorName: s.aggregatorName,
        totalValue: c.totalValue,
        plannedFrom: c.plannedFrom,
        plannedTo: c.plannedTo,
        notes: '',
        signatoryName: c.signatoryName,
        signatoryTitle: c.signatoryTitle,
        signedAt: c.signedAt,
        items: items
          .filter((i) => i.commitmentId === c.id)
          .map((i) => ({
            packageCode: packageCode.get(i.packageId) ?? '',
            quantity: i.quantity,
            unitValue: i.unitValue,
          })),
      }),
    );
  }

  // Handovers take their commitment's giver and a BAST number in the order they were handed over.
  const claimById = new Map(claims.map((c) => [c.id, c]));
  const commitmentById = new Map(commitments.map((c) => [c.id, c]));
  const collaboratorById = new Map(input.collaborators.map((c) => [c.id, c]));
  for (const h of [...pendingHandovers].sort(
    (a, b) => a.handedOverAt.getTime() - b.handedOverAt.getTime() || (a.id < b.id ? -1 : 1),
  )) {
    const commitment = commitmentById.get(
      claimById.get(h.items[0].claimId)?.commitmentId ?? '',
    ) as WorldCommitment;
    const collaborator = collaboratorById.get(commitment.collaboratorId);
    handovers.push({
      ...h,
      bastNumber: nextNumber('BAST', h.programCode, h.handedOverAt),
      commitmentId: commitment.id,
      aggregatorId: commitment.aggregatorId,
      giver: {
        name: collaborator?.picName ?? '',
        title: 'Penanggung Jawab',
        role: 'giver',
        organization: collaborator?.name ?? '',
      },
    });
  }
  return { needs, commitments, items, claims, handovers, numberScopes };
}

/** `RT 003 / RW 01` from an RT code, `RW 01` from an RW code. */
function rtLabel(regionCode: string): string {
  const parts = regionCode.split('.');
  const rw = parts[4]?.replace(/^RW/, 'RW ');
  const rt = parts[5]?.replace(/^RT/, 'RT ');
  return rt ? `${rt} / ${rw}` : (rw ?? 'kelurahan');
}
