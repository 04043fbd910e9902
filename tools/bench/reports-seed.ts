import { DataSource } from 'typeorm';

/**
 * Seeds reporting data at the scale of all Jakarta into a migrated, reference-seeded database, set-based
 * (INSERT … SELECT generate_series): one need per RT for each open program (≈ 30,000 × 5), 200,000 claims,
 * 100,000 handovers (80 % verified, 10 % rejected, 10 % pending), and about 2.4 million beneficiaries.
 * The reporting triggers stay on: the load goes through them as production writes would.
 */
export async function seedJakartaScale(
  ds: DataSource,
  log: (msg: string) => void,
): Promise<Record<string, number>> {
  const step = async (name: string, sql: string): Promise<void> => {
    const started = Date.now();
    await ds.query(sql);
    // Fresh statistics for the next step's joins (a planner guessing at empty tables picks nested loops).
    await ds.query('ANALYZE');
    log(`  ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };
  await step(
    'needs: one per RT per open program',
    `INSERT INTO needs (program_code, package_id, region_code, title, quantity, beneficiary_count, status, source,
                        source_ref, published_at)
     SELECT p.code, k.id, r.code, 'Kebutuhan ' || r.name, 4 + (hashtext(r.code || p.code) & 31),
            (4 + (hashtext(r.code || p.code) & 31)) * 5 / 6, 'open', 'bench', 'bench-' || r.code,
            now() - ((hashtext(r.code) & 255) || ' days')::interval
       FROM programs p
       JOIN LATERAL (SELECT id FROM packages WHERE program_code = p.code ORDER BY code LIMIT 1) k ON true
       CROSS JOIN regions r
      WHERE p.status = 'open' AND r.level = 'rt'`,
  );
  await step(
    'commitments: 400 approved per program, one item each',
    `WITH c AS (
       INSERT INTO commitments (collaborator_id, program_code, delivery_mode, planned_from, planned_to, status,
                                total_value, signed_at, number)
       SELECT col.id, p.code, 'direct', '2026-01-01', '2026-12-31', 'approved', 0, now(),
              'KOM/' || p.code || '/BENCH/' || lpad(g::text, 6, '0')
         FROM programs p CROSS JOIN generate_series(1, 400) g
         JOIN LATERAL (SELECT id FROM collaborators WHERE status = 'verified' ORDER BY id
                        OFFSET (g % (SELECT count(*) FROM collaborators WHERE status = 'verified')) LIMIT 1) col ON true
        WHERE p.status = 'open'
       RETURNING id, program_code)
     INSERT INTO commitment_items (commitment_id, package_id, quantity, unit_value)
     SELECT c.id, k.id, 1, 200000 FROM c
       JOIN LATERAL (SELECT id FROM packages WHERE program_code = c.program_code ORDER BY code LIMIT 1) k ON true`,
  );
  await step(
    'allocations: 200,000 claims spread over the needs',
    `WITH n AS (SELECT id, program_code, quantity, row_number() OVER (ORDER BY id) AS i FROM needs),
          c AS (SELECT c.id, i.id AS item_id, c.program_code,
                       row_number() OVER (PARTITION BY c.program_code ORDER BY c.id) - 1 AS j
                  FROM commitments c JOIN commitment_items i ON i.commitment_id = c.id),
          g AS (SELECT g, 1 + (g - 1) % (SELECT count(*) FROM needs) AS i FROM generate_series(1, 200000) g)
     INSERT INTO allocations (commitment_id, commitment_item_id, need_id, quantity, expires_at)
     SELECT c.id, c.item_id, n.id, greatest(1, n.quantity / 4), now() + interval '14 days'
       FROM g
       JOIN n ON n.i = g.i
       JOIN c ON c.program_code = n.program_code AND c.j = g.g % 400`,
  );
  await step(
    'needs and items: allocated quantities',
    `WITH a AS (SELECT need_id, sum(quantity) AS q FROM allocations GROUP BY need_id)
     UPDATE needs n SET allocated_quantity = a.q FROM a WHERE a.need_id = n.id;
     WITH a AS (SELECT commitment_item_id, sum(quantity) AS q FROM allocations GROUP BY 1)
     UPDATE commitment_items i SET quantity = a.q + 10, allocated_quantity = a.q FROM a WHERE a.commitment_item_id = i.id;
     UPDATE commitments c SET total_value = i.quantity * i.unit_value FROM commitment_items i WHERE i.commitment_id = c.id`,
  );
  await step(
    'handovers: 100,000 (80 % verified, 10 % rejected, 10 % pending), one item each',
    `WITH a AS (
       SELECT a.id, a.quantity, a.commitment_id, n.program_code, n.region_code, row_number() OVER (ORDER BY a.id) AS i
         FROM allocations a JOIN needs n ON n.id = a.need_id ORDER BY a.id LIMIT 100000
     ), h AS (
       INSERT INTO handovers (bast_number, program_code, commitment_id, handed_over_at, region_code, giver, receiver,
                              status, chain_seq, chain_hash, content_hash, decided_at)
       SELECT 'BAST/' || program_code || '/BENCH/' || lpad(i::text, 6, '0'), program_code, commitment_id, now(), region_code,
              '{"name":"Bench"}', '{"name":"Bench"}',
              CASE WHEN i % 10 = 0 THEN 'submitted' WHEN i % 10 = 1 THEN 'rejected' ELSE 'verified' END,
              CASE WHEN i % 10 > 1 THEN i END, CASE WHEN i % 10 > 1 THEN md5(i::text) END,
              CASE WHEN i % 10 > 1 THEN md5(i::text) END, CASE WHEN i % 10 <> 0 THEN now() END
         FROM a
       RETURNING id, bast_number, status)
     INSERT INTO handover_items (handover_id, allocation_id, quantity)
     SELECT h.id, a.id, a.quantity FROM h JOIN a ON h.bast_number = 'BAST/' || a.program_code || '/BENCH/' || lpad(a.i::text, 6, '0')`,
  );
  await step(
    'deliveries: verified handovers raise allocations, needs and items',
    `UPDATE allocations a SET delivered_quantity = a.quantity, status = 'delivered'
       FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id AND h.status = 'verified'
      WHERE hi.allocation_id = a.id;
     WITH d AS (SELECT need_id, sum(delivered_quantity) AS q FROM allocations WHERE delivered_quantity > 0 GROUP BY 1)
     UPDATE needs n SET delivered_quantity = d.q FROM d WHERE d.need_id = n.id;
     WITH d AS (SELECT commitment_item_id, sum(delivered_quantity) AS q FROM allocations WHERE delivered_quantity > 0 GROUP BY 1)
     UPDATE commitment_items i SET delivered_quantity = d.q FROM d WHERE d.commitment_item_id = i.id`,
  );
  await ds.query('ANALYZE');
  const [counts] = await ds.query(
    `SELECT (SELECT count(*) FROM needs)::int AS needs, (SELECT count(*) FROM allocations)::int AS allocations,
            (SELECT count(*) FROM handovers)::int AS handovers, (SELECT sum(beneficiary_count) FROM needs)::int AS beneficiaries,
            (SELECT count(*) FROM report_facts)::int AS "pendingFacts"`,
  );
  return counts;
}

/**
 * Ten times the city: `extra` more needs per RT per open program (source_ref 'bench-<rt>-<n>'), inserted through the
 * reporting triggers like the first ones; returns the number of needs after.
 */
export async function growNeeds(ds: DataSource, extra: number, log: (msg: string) => void): Promise<number> {
  for (let g = 1; g <= extra; g++) {
    const started = Date.now();
    await ds.query(
      `INSERT INTO needs (program_code, package_id, region_code, title, quantity, beneficiary_count, status, source,
                          source_ref, published_at)
       SELECT p.code, k.id, r.code, 'Kebutuhan ' || r.name, 4 + (hashtext(r.code || p.code || $1) & 31),
              (4 + (hashtext(r.code || p.code || $1) & 31)) * 5 / 6, 'open', 'bench', 'bench-' || r.code || '-' || $1,
              now() - ((hashtext(r.code || $1) & 255) || ' days')::interval
         FROM programs p
         JOIN LATERAL (SELECT id FROM packages WHERE program_code = p.code ORDER BY code LIMIT 1) k ON true
        CROSS JOIN regions r
        WHERE p.status = 'open' AND r.level = 'rt'`,
      [String(g)],
    );
    log(`  needs: round ${g} of ${extra} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  await ds.query('VACUUM ANALYZE needs');
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM needs`);
  return n;
}
