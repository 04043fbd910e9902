import { en } from './en';
import { id, type Dictionary, type MessageKey } from './id';

export type Locale = 'id' | 'en';
export const LOCALES: readonly Locale[] = ['id', 'en'];
export const DEFAULT_LOCALE: Locale = 'id';

const dictionaries: Record<Locale, Dictionary> = { id, en };

export type MessageVars = Record<string, string | number>;

export function isLocale(value: unknown): value is Locale {
  return value === 'id' || value === 'en';
}

/** The message for `key` in `locale`, with `{name}` placeholders filled from `vars`. */
export function translate(locale: Locale, key: MessageKey, vars?: MessageVars): string {
  const template = dictionaries[locale][key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in vars ? String(vars[name]) : placeholder,
  );
}
