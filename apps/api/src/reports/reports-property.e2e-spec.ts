import fc from 'fast-check';
import { AllocationsService, RollupFolder } from '@ksbb/core';
import { startTestApi, TestApi } from '../../test/harness';
import {
  approvedCommitment,
  auth,
  createNeed,
  deliveryRegion,
  expectedCoverage,
  expectedScores,
  expectedSummary,
  handoverBody,
} from '@ksbb/testing/api';

/**
 * Property: after any workload of needs, claims, releases, expiries, handovers verified or rejected (and folds at
 * random moments), every report equals the same numbers recomputed from the base tables.
 */

const PROGRAMS = [
  { code: 'PANGAN', packageCode: 'SEMBAKO', unitValue: 250_000 },
  { code: 'PENDIDIKAN', packageCode: 'GAWAI_SISWA', unitValue: 2_500_000 },
] as const;

type Command =
  | {
      kind: 'need';
      program: number;
      region: number;
      quantity: number;
      beneficiaries: number;
      publish: boolean;
    }
  | { kind: 'claim'; need: number; quantity: number }
  | { kind: 'release'; allocation: number }
  | { kind: 'expire'; allocation: number }
  | { kind: 'handover'; allocation: number; quantity: number; decision: 'verify' | 'reject' | 'none' }
  | { kind: 'close' | 'cancel'; need: number }
  | { kind: 'fold' };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('need' as const),
      program: fc.nat(1),
      region: fc.nat(5),
      quantity: fc.integer({ min: 1, max: 30 }),
      beneficiaries: fc.integer({ min: 0, max: 90 }),
      publish: fc.constantFrom(true, true, true, true, false),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('claim' as const),
      need: fc.nat(),
      quantity: fc.integer({ min: 1, max: 12 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('release' as const), allocation: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('expire' as const), allocation: fc.nat() }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('handover' as const),
      allocation: fc.nat(),
      quantity: fc.integer({ min: 1, max: 5 }),
      decision: fc.constantFrom(
        'verify' as const,
        'verify' as const,
        'verify' as const,
        'reject' as const,
        'none' as const,
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constantFrom('close' as const, 'cancel' as const), need: fc.nat() }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'fold' as const }) },
);

describe('reports equal the base tables after a random workload (property)', () => {
  let api: TestApi;
  let regions: string[];
  let commitments: Record<string, string>;
  const needs: { id: string; program: string; draft: boolean }[] = [];
  const allocations: string[] = [];
  let operator: Record<string, string>;
  let donor: Record<string, string>;
  let deliveryRegionCode: string;

  beforeAll(async () => {
    api = await startTestApi();
    operator = auth(await api.tokenFor('operator'));
    donor = auth(await api.tokenFor('collaborator'));
    regions = (
      await api.ds.query(
        `SELECT DISTINCT ON (left(code, 8)) code FROM regions WHERE level = 'rt' AND code LIKE ANY ('{31.71.%,31.72.%,31.74.%}')
          ORDER BY left(code, 8), code LIMIT 6`,
      )
    ).map((r: { code: string }) => r.code);
    commitments = {};
    for (const p of PROGRAMS) {
      const c = await approvedCommitment(api, {
        programCode: p.code,
        items: [{ packageCode: p.packageCode, quantity: 5000, unitValue: p.unitValue }],
      });
      commitments[p.code] = c.id;
    }
    deliveryRegionCode = await deliveryRegion(api.ds);
  });

  afterAll(() => api.close());

  const pick = <T>(list: T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);

  async function execute(c: Command): Promise<void> {
    switch (c.kind) {
      case 'need': {
        const program = PROGRAMS[c.program];
        const need = await createNeed(api, {
          programCode: program.code,
          packageCode: program.packageCode,
          regionCode: regions[c.region % regions.length],
          quantity: c.quantity,
          beneficiaryCount: c.beneficiaries,
        });
        if (c.publish)
          expect((await api.http.post(`/api/v1/needs/${need.id}/publish`).set(operator).send()).status).toBe(
            200,
          );
        needs.push({ id: need.id, program: program.code, draft: !c.publish });
        return;
      }
      case 'claim': {
        const need = pick(needs, c.need);
        if (!need) return;
        const res = await api.http
          .post('/api/v1/allocations')
          .set(donor)
          .send({ commitmentId: commitments[need.program], needId: need.id, quantity: c.quantity });
        // a draft need does not exist for a donor (404); an open one is claimed or refused (409)
        expect(need.draft ? [404] : [201, 409]).toContain(res.status);
        if (res.status === 201) allocations.push(res.body.id);
        return;
      }
      case 'release': {
        const id = pick(allocations, c.allocation);
        if (id)
          expect([200, 409]).toContain(
            (await api.http.post(`/api/v1/allocations/${id}/release`).set(donor).send({})).status,
          );
        return;
      }
      case 'expire': {
        const id = pick(allocations, c.allocation);
        if (!id) return;
        await api.ds.query(
          `UPDATE allocations SET expires_at = now() - interval '1 second' WHERE id = $1 AND status = 'reserved'`,
          [id],
        );
        await api.app.get(AllocationsService).expireDue();
        return;
      }
      case 'handover': {
        const id = pick(allocations, c.allocation);
        if (!id) return;
        const res = await api.http
          .post('/api/v1/handovers')
          .set(donor)
          .send(handoverBody(deliveryRegionCode, [{ allocationId: id, quantity: c.quantity }]));
        expect([201, 409]).toContain(res.status);
        if (res.status !== 201 || c.decision === 'none') return;
        const decided =
          c.decision === 'verify'
            ? await api.http.post(`/api/v1/handovers/${res.body.id}/verify`).set(operator).send({})
            : await api.http
                .post(`/api/v1/handovers/${res.body.id}/reject`)
                .set(operator)
                .send({ reason: 'foto tidak jelas' });
        expect([200, 409]).toContain(decided.status);
        return;
      }
      case 'close':
      case 'cancel': {
        const need = pick(needs, c.need);
        if (need) {
          const status = (await api.http.post(`/api/v1/needs/${need.id}/${c.kind}`).set(operator).send()).status;
          expect([200, 409]).toContain(status);
          if (status === 200) need.draft = false; // closed or cancelled: seen by donors, no longer claimable
        }
        return;
      }
      case 'fold':
        await api.app.get(RollupFolder).fold();
        return;
    }
  }

  async function assertReportsMatchBaseTables(): Promise<void> {
    const admin = auth(await api.tokenFor('admin'));
    for (const program of [null, ...PROGRAMS.map((p) => p.code)]) {
      const q = program ? `program=${program}` : '';
      const summary = (await api.http.get(`/api/v1/reports/summary?${q}`).set(admin)).body;
      const expected = await expectedSummary(api.ds, program);
      expect(summary.needs).toEqual(expected.needs);
      expect(summary.handovers).toEqual(expected.handovers);
      expect(summary.beneficiaries).toEqual(expected.beneficiaries);
      expect(summary.commitments.count).toBe(expected.commitments.count);
      expect(summary.commitments.totalValue).toBe(expected.commitments.totalValue);
      expect(summary.collaborators.total).toBe(expected.collaboratorsTotal);

      for (const level of ['city', 'district', 'village', 'rw'] as const) {
        const coverage = (await api.http.get(`/api/v1/reports/coverage?level=${level}&${q}`).set(admin)).body;
        const rows = coverage.rows.map(
          ({ code, needs: n, quantity, allocated, delivered, available }: Record<string, unknown>) => ({
            code,
            needs: n,
            quantity,
            allocated,
            delivered,
            available,
          }),
        );
        expect(rows).toEqual(await expectedCoverage(api.ds, level, program));
      }

      const scores = (await api.http.get(`/api/v1/reports/collaborators?${q}`).set(admin)).body.rows;
      const expectedRows = await expectedScores(api.ds, program);
      expect(
        scores.map(
          ({ name: _n, type: _t, committedValue: _v, deliveredPercent: _p, ...r }: Record<string, unknown>) =>
            r,
        ),
      ).toEqual(expectedRows);

      const series = (await api.http.get(`/api/v1/reports/timeseries?interval=week&${q}`).set(admin)).body
        .totals;
      expect(series).toMatchObject({
        quantity: expected.needs.quantity,
        allocated: expected.needs.allocated,
        delivered: expected.needs.delivered,
        beneficiariesReached: expected.beneficiaries.reached,
        handoversSubmitted: expected.handovers.submitted,
        handoversVerified: expected.handovers.verified,
        handoversRejected: expected.handovers.rejected,
        commitmentsSigned: expected.commitments.count,
      });
    }
  }

  it.each([[20201126], [20210302], [424242]])(
    'seed %i',
    async (seed) => {
      await fc.assert(
        fc.asyncProperty(fc.array(command, { minLength: 18, maxLength: 30 }), async (commands) => {
          for (const c of commands) await execute(c);
          await assertReportsMatchBaseTables();
        }),
        { seed, numRuns: 2, endOnFailure: true },
      );
      // The workload did what it is meant to: something claimed and something delivered by now.
      const [activity] = await api.ds.query(
        `SELECT (SELECT count(*) FROM allocations)::int AS claims, (SELECT count(*) FROM handovers WHERE status = 'verified')::int AS verified`,
      );
      expect(activity.claims).toBeGreaterThan(0);
    },
    60_000,
  );

  it('and after the whole workload, with everything folded, the rollups alone hold the same numbers', async () => {
    await api.app.get(RollupFolder).fold({ wait: true });
    const [{ pending }] = await api.ds.query(`SELECT count(*)::int AS pending FROM report_facts`);
    expect(pending).toBe(0);
    await assertReportsMatchBaseTables();
    const [counts] = await api.ds.query(
      `SELECT (SELECT count(*) FROM handovers WHERE status = 'verified')::int AS verified,
              (SELECT count(*) FROM handovers WHERE status = 'rejected')::int AS rejected,
              (SELECT count(*) FROM allocations WHERE status = 'expired')::int AS expired,
              (SELECT count(*) FROM allocations WHERE status = 'released')::int AS released`,
    );
    // Every kind of change the property is about happened at least once over the seeds.
    expect(counts).toEqual({
      verified: expect.any(Number),
      rejected: expect.any(Number),
      expired: expect.any(Number),
      released: expect.any(Number),
    });
    for (const n of Object.values(counts)) expect(n).toBeGreaterThan(0);
  });
});
