import { LocalisedText } from './domain-errors';

/**
 * The one definition of an acceptable email address, for every DTO that takes one and for sign-in.
 *
 * Normalisation: trimmed, NFKC (full-width and other compatibility forms become their plain letters, so
 * "ＡＤＭＩＮ@demo.ksbb.id" is "admin@demo.ksbb.id"), then lower-cased as a whole. Lower-casing the local part too is
 * a deliberate choice: accounts have always been stored and looked up lower-cased, no mail provider we deliver to
 * treats the local part case-sensitively, and two accounts differing only by case would be look-alikes.
 *
 * Refused (after normalisation): zero-width characters, bidirectional controls, any other control or format
 * character, and a local part or domain label that mixes letters of different scripts (Latin with Cyrillic or Greek,
 * …; Han with Hiragana, Katakana or Hangul is one writing system and allowed).
 */
const EDGE_SPACE = /^\p{White_Space}+|\p{White_Space}+$/gu;

export function normaliseEmail(raw: string): string {
  // Not String#trim, which also strips a byte-order mark (U+FEFF): that must be refused, not silently dropped.
  return raw.replace(EDGE_SPACE, '').normalize('NFKC').toLowerCase();
}



export const EMAIL_ERRORS = {
  email_zero_width: {
    en: 'contains an invisible (zero-width) character',
    id: 'mengandung karakter tak terlihat (lebar nol)',
  },
  email_bidi_control: {
    en: 'contains a text-direction (bidi) control character',
    id: 'mengandung karakter pengatur arah teks (bidi)',
  },
  email_control_character: {
    en: 'contains a control character',
    id: 'mengandung karakter kontrol',
  },
  email_mixed_script: {
    en: 'mixes letters of different scripts (such as Latin and Cyrillic) in one part',
    id: 'mencampur huruf dari aksara yang berbeda (misalnya Latin dan Kiril) dalam satu bagian',
  },
  email_invalid: {
    en: 'must be an email address',
    id: 'harus berupa alamat email',
  },
} as const satisfies Record<string, LocalisedText>;

export type EmailErrorCode = keyof typeof EMAIL_ERRORS;

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/u;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
/** Other control (Cc) and format (Cf: soft hyphen, tag characters, …) characters, and line/paragraph separators. */
const CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

const SCRIPTS: [name: string, pattern: RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Bopomofo', /\p{Script=Bopomofo}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
];
// Letters of any script not listed count as one "Other" script: mixed with a listed one, they are refused.
/** Writing systems that combine scripts by design (UTS #39 "highly restrictive"). */
const COMBINED = [
  new Set(['Han', 'Hiragana', 'Katakana']),
  new Set(['Han', 'Hangul']),
  new Set(['Han', 'Bopomofo']),
];

function scriptOf(ch: string): string | null {
  if (!/[\p{L}\p{M}]/u.test(ch) || /[\p{Script=Common}\p{Script=Inherited}]/u.test(ch)) return null;
  for (const [name, pattern] of SCRIPTS) if (pattern.test(ch)) return name;
  return 'Other';
}

/** True when one part (the local part, or one label of the domain) mixes letters of more than one script. */
export function isMixedScript(part: string): boolean {
  const scripts = new Set<string>();
  for (const ch of part) {
    const script = scriptOf(ch);
    if (script) scripts.add(script);
  }
  if (scripts.size <= 1) return false;
  return !COMBINED.some((allowed) => [...scripts].every((s) => allowed.has(s)));
}

/** Why a normalised address is refused (before the syntax check), or null. */
export function emailRefusal(normalised: string): EmailErrorCode | null {
  if (ZERO_WIDTH.test(normalised)) return 'email_zero_width';
  if (BIDI_CONTROL.test(normalised)) return 'email_bidi_control';
  if (CONTROL.test(normalised)) return 'email_control_character';
  const at = normalised.lastIndexOf('@');
  const parts = at < 0 ? [normalised] : [normalised.slice(0, at), ...normalised.slice(at + 1).split('.')];
  if (parts.some(isMixedScript)) return 'email_mixed_script';
  return null;
}
