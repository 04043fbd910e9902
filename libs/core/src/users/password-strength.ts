import type { ZxcvbnFactory as Factory, ZxcvbnResult } from '@zxcvbn-ts/core';
import { InvalidInputError, LocalisedText } from '../common/domain-errors';

/**
 * Password strength, with zxcvbn-ts (v4): common and leaked passwords, dictionary words with l33t and reversals,
 * keyboard patterns, sequences, dates, and the account's own email and name (penalised as a user dictionary).
 * A new password needs score 3 or more ("safely unguessable": about 10^8 guesses, a throttled online attack cannot
 * reach it and an offline one on our argon2id hashes is very expensive). Levenshtein matching is off: it makes a check
 * ~30× slower for little gain over the dictionaries' l33t and reversal matching.
 */
export const MIN_PASSWORD_SCORE = 3;

/** Words Indonesian users reach for, which the English dictionaries miss. */
const INDONESIAN_COMMON = [
  'rahasia', 'katasandi', 'kata sandi', 'sandi', 'sayang', 'sayangku', 'cinta', 'cintaku', 'indonesia', 'jakarta',
  'bismillah', 'alhamdulillah', 'merdeka', 'garuda', 'pancasila', 'bandung', 'surabaya', 'semarang', 'ksbb', 'pokja',
  'kolaborasi', 'masuk', 'selamat', 'rumah', 'keluarga', 'bangsa', 'negara', 'admin', 'operator', 'petugas',
];

/** Built once, on first use: loading the dictionaries takes ~200 ms. */
let factory: Factory | undefined;
function zxcvbn(): Factory {
  if (!factory) {
    const { ZxcvbnFactory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
    const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    const en = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
    factory = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary, 'common-id': INDONESIAN_COMMON },
      graphs: common.adjacencyGraphs,
      useLevenshteinDistance: false,
    });
  }
  return factory;
}

/** The library's feedback keys (no translations are loaded, so it returns the keys) in id and en. */
const WARNINGS: Record<string, LocalisedText> = {
  straightRow: { en: 'Straight rows of keys are easy to guess.', id: 'Deretan tombol keyboard yang lurus mudah ditebak.' },
  keyPattern: { en: 'Short keyboard patterns are easy to guess.', id: 'Pola keyboard yang pendek mudah ditebak.' },
  simpleRepeat: { en: 'Repeated characters like "aaa" are easy to guess.', id: 'Karakter berulang seperti "aaa" mudah ditebak.' },
  extendedRepeat: {
    en: 'Repeated patterns like "abcabcabc" are easy to guess.',
    id: 'Pola berulang seperti "abcabcabc" mudah ditebak.',
  },
  sequences: { en: 'Common sequences like "abc" are easy to guess.', id: 'Urutan umum seperti "abc" mudah ditebak.' },
  recentYears: { en: 'Recent years are easy to guess.', id: 'Tahun-tahun terakhir mudah ditebak.' },
  dates: { en: 'Dates are easy to guess.', id: 'Tanggal mudah ditebak.' },
  topTen: { en: 'This is one of the most used passwords.', id: 'Ini salah satu kata sandi yang paling banyak dipakai.' },
  topHundred: { en: 'This is a very frequently used password.', id: 'Ini kata sandi yang sangat sering dipakai.' },
  common: { en: 'This is a commonly used password.', id: 'Ini kata sandi yang umum dipakai.' },
  similarToCommon: { en: 'This is similar to a commonly used password.', id: 'Ini mirip dengan kata sandi yang umum dipakai.' },
  wordByItself: { en: 'Single words are easy to guess.', id: 'Satu kata saja mudah ditebak.' },
  namesByThemselves: { en: 'Single names or surnames are easy to guess.', id: 'Satu nama depan atau nama keluarga saja mudah ditebak.' },
  commonNames: { en: 'Common names and surnames are easy to guess.', id: 'Nama dan nama keluarga yang umum mudah ditebak.' },
  userInputs: {
    en: 'It must not contain your email address or your name.',
    id: 'Kata sandi tidak boleh memuat alamat email atau nama Anda.',
  },
  pwned: { en: 'This password appeared in a data breach.', id: 'Kata sandi ini pernah bocor dalam pelanggaran data.' },
};

const SUGGESTIONS: Record<string, LocalisedText> = {
  l33t: { en: "Avoid predictable substitutions like '@' for 'a'.", id: "Hindari penggantian yang mudah ditebak seperti '@' untuk 'a'." },
  reverseWords: { en: 'Avoid reversed spellings of common words.', id: 'Hindari kata umum yang dieja terbalik.' },
  allUppercase: { en: 'Capitalise some, but not all letters.', id: 'Gunakan huruf kapital pada sebagian huruf saja, jangan semuanya.' },
  capitalization: { en: 'Capitalise more than the first letter.', id: 'Gunakan huruf kapital tidak hanya pada huruf pertama.' },
  dates: { en: 'Avoid dates and years associated with you.', id: 'Hindari tanggal dan tahun yang berkaitan dengan Anda.' },
  recentYears: { en: 'Avoid recent years.', id: 'Hindari tahun-tahun terakhir.' },
  associatedYears: { en: 'Avoid years associated with you.', id: 'Hindari tahun yang berkaitan dengan Anda.' },
  sequences: { en: 'Avoid common character sequences.', id: 'Hindari urutan karakter yang umum.' },
  repeated: { en: 'Avoid repeated words and characters.', id: 'Hindari kata dan karakter yang berulang.' },
  longerKeyboardPattern: {
    en: 'Use longer keyboard patterns and change direction often.',
    id: 'Gunakan pola keyboard yang lebih panjang dan sering ubah arahnya.',
  },
  anotherWord: { en: 'Add more words that are less common.', id: 'Tambahkan beberapa kata lagi yang tidak umum.' },
  useWords: { en: 'Use several words, but avoid common phrases.', id: 'Gunakan beberapa kata, tetapi hindari frasa yang umum.' },
  noNeed: {
    en: 'A long phrase of unusual words is strong without symbols, digits or capitals.',
    id: 'Frasa panjang dari kata-kata yang tidak umum sudah kuat tanpa simbol, angka, atau huruf kapital.',
  },
  pwned: { en: 'If you use this password elsewhere, change it.', id: 'Jika Anda memakai kata sandi ini di tempat lain, segera ganti.' },
};

/** Words of the account's own data, for the user dictionary: the email, its local part and its pieces, the name's words. */
export function passwordUserInputs(...values: (string | null | undefined)[]): string[] {
  const words = new Set<string>();
  for (const value of values) {
    if (!value) continue;
    const lower = value.toLowerCase().trim();
    words.add(lower);
    const local = lower.split('@')[0];
    words.add(local);
    for (const piece of lower.split(/[^\p{L}\p{N}]+/u)) if (piece.length >= 3) words.add(piece);
  }
  return [...words];
}

export interface PasswordStrength {
  score: number;
  warning: string | null;
  suggestions: string[];
}

/**
 * Letters and digits left of the password once the account's own words are taken out. zxcvbn-ts 4 misses a second
 * user word after a separator ("Sulastri.Wahyuni1" scores 4 for Sulastri Wahyuni), so this catches a password that is
 * little more than the account's email or name in pieces.
 */
function beyondUserInputs(password: string, userInputs: string[]): number {
  let rest = password.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const words = userInputs
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((w) => w.length >= 3)
    .sort((a, b) => b.length - a.length);
  for (const word of words) rest = rest.split(word).join('');
  return rest.length;
}

/** Fewer letters and digits than this beyond the account's own words: refused however zxcvbn scores it. */
const MIN_OWN_CHARACTERS = 6;

export function passwordStrength(password: string, userInputs: string[] = []): PasswordStrength {
  const result: ZxcvbnResult = zxcvbn().check(password, userInputs);
  if (result.score >= MIN_PASSWORD_SCORE && beyondUserInputs(password, userInputs) < MIN_OWN_CHARACTERS) {
    return { score: 1, warning: 'userInputs', suggestions: ['anotherWord'] };
  }
  return { score: result.score, warning: result.feedback.warning, suggestions: result.feedback.suggestions };
}

/** 400 `password_too_weak` (field `password`, id/en messages with the library's feedback) under the minimum score. */
export function assertStrongPassword(password: string, userInputs: string[], field = 'password'): void {
  const { score, warning, suggestions } = passwordStrength(password, userInputs);
  if (score >= MIN_PASSWORD_SCORE) return;
  const parts = [warning ? WARNINGS[warning] : undefined, ...suggestions.map((s) => SUGGESTIONS[s])].filter(
    (t): t is LocalisedText => !!t,
  );
  const messages: LocalisedText = {
    en: ['is too easy to guess.', ...parts.map((p) => p.en)].join(' '),
    id: ['terlalu mudah ditebak.', ...parts.map((p) => p.id)].join(' '),
  };
  throw new InvalidInputError('the password is too easy to guess', [
    { field, message: messages.en, code: 'password_too_weak', messages },
  ]);
}
