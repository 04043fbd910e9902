import type { Tone } from './status-tones';

export type { Tone };

const TONE_CLASS: Record<Tone, string> = {
  neutral: 'badge--draft',
  good: 'badge--open',
  bad: 'badge--closed',
  info: 'badge--role',
  warn: 'badge--accent',
};

/** A status as a coloured pill; colour is never the only signal (the label is the status). */
export function StatusBadge({ label, tone }: { label: string; tone: Tone }) {
  return <span className={`badge ${TONE_CLASS[tone]}`}>{label}</span>;
}
