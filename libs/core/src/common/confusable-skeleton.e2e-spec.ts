import { Client } from 'pg';
import { createTestDatabase } from '@ksbb/testing';
import { skeletonOf } from './confusable-skeleton';

describe('identity_skeleton() in the database', () => {
  const SAMPLES = [
    'Yayasan \u03a1eduli',
    'YAYASAN  PEDULI',
    'ＡＤＭＩＮ@demo.ksbb.id',
    'd0nor@demo.ksbb.id',
    '\u0430dmin@demo.ksbb.id',
    'ad\u200bmin',
    'Ⅸ Café Ñandú ǅ ß İstanbul ﬁ',
    '\u5c71\u7530\u305f\u308d\u3046',
    'PT Maju\tBersama',
  ];

  it('computes what skeletonOf() computes, and the triggers keep the columns right', async () => {
    const db = await createTestDatabase();
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ s: string }>(`SELECT identity_skeleton(x) AS s FROM unnest($1::text[]) WITH ORDINALITY AS t(x, n) ORDER BY n`, [SAMPLES]);
      expect(rows.map((r) => r.s)).toEqual(SAMPLES.map(skeletonOf));

      const { rows: inserted } = await client.query<{ id: string; name_skeleton: string }>(
        `INSERT INTO collaborators (type, name) VALUES ('business', $1) RETURNING id, name_skeleton`,
        ['Yayasan \u03a1eduli'],
      );
      expect(inserted[0].name_skeleton).toBe(skeletonOf('Yayasan Peduli'));
      const { rows: updated } = await client.query<{ name_skeleton: string }>(
        `UPDATE collaborators SET name = 'Perkumpulan Lain' WHERE id = $1 RETURNING name_skeleton`,
        [inserted[0].id],
      );
      expect(updated[0].name_skeleton).toBe(skeletonOf('perkumpulan lain'));

      // Rows the seed wrote with plain SQL carry it too.
      const { rows: missing } = await client.query(
        `SELECT 1 FROM users WHERE email_skeleton IS DISTINCT FROM identity_skeleton(email)
         UNION ALL SELECT 1 FROM aggregators WHERE name_skeleton IS DISTINCT FROM identity_skeleton(name)`,
      );
      expect(missing).toEqual([]);
    } finally {
      await client.end();
      await db.drop();
    }
  });
});
