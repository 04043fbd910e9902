import type { Language } from '../users/user.entity';
import { notificationText } from './notification-texts';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const FOOTER: Record<Language, string> = {
  id: 'Pesan ini dikirim otomatis oleh KSBB (Kolaborasi Sosial Berskala Besar, Pemprov DKI Jakarta). Mohon tidak membalas email ini.',
  en: 'This message was sent automatically by KSBB (Large-Scale Social Collaboration, Jakarta Provincial Government). Please do not reply.',
};

/** A paragraph that is only a web address (a verification link) becomes a link in the HTML part. */
const LINK = /^https?:\/\/\S+$/;

const GREETING: Record<Language, string> = { id: 'Halo,', en: 'Hello,' };

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** The email of one event in the recipient's language: subject, plain text and HTML with the same content. */
export function renderEventEmail(
  eventType: string,
  language: Language,
  payload: Record<string, unknown>,
  extraLines: readonly string[] = [],
): RenderedEmail {
  const text0 = notificationText(eventType, language, payload);
  const title = text0.title;
  const lines = [...text0.lines, ...extraLines];
  const text = [GREETING[language], '', ...lines.flatMap((l) => [l, '']), '--', FOOTER[language], ''].join(
    '\n',
  );
  const html = [
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family: Arial, sans-serif; color: #1f2933; line-height: 1.5">',
    `<h2 style="color: #0b5394">${escapeHtml(title)}</h2>`,
    `<p>${escapeHtml(GREETING[language])}</p>`,
    ...lines.map((l) => (LINK.test(l) ? `<p><a href="${escapeHtml(l)}">${escapeHtml(l)}</a></p>` : `<p>${escapeHtml(l)}</p>`)),
    `<hr><p style="font-size: 12px; color: #616e7c">${escapeHtml(FOOTER[language])}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: `[KSBB] ${title}`, text, html };
}
