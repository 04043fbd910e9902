import type { DataSource } from 'typeorm';

/** A school in a kelurahan, made directly (the matrix needs one object of the kind, not the import's checks). */
export async function insertSchool(
  ds: DataSource,
  school: { npsn: string; name: string; regionCode: string; level?: string },
): Promise<string> {
  const [{ id }] = await ds.query(
    `INSERT INTO institutions (kind, ref, name, school_level, region_code) VALUES ('school', $1, $2, $3, $4) RETURNING id`,
    [school.npsn, school.name, school.level ?? 'SD', school.regionCode],
  );
  return id;
}

/** An open flag on a need, raised by a kelurahan officer of that need's kelurahan. */
export async function insertNeedFlag(
  ds: DataSource,
  flag: { needId: string; officerId: string; kelurahanCode: string; reason?: string },
): Promise<string> {
  const [{ id }] = await ds.query(
    `INSERT INTO need_flags (need_id, reason, flagged_by, kelurahan_code) VALUES ($1, $2, $3, $4) RETURNING id`,
    [flag.needId, flag.reason ?? 'alamat salah', flag.officerId, flag.kelurahanCode],
  );
  return id;
}
