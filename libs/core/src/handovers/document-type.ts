import { ATTACHMENT_TYPES, AttachmentType } from './handover-attachment.entity';

/** The documents a handover may carry, recognised by their first bytes (never by name or declared type). */
const MAGIC: Record<AttachmentType, number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
};

export function detectDocumentType(content: Buffer): AttachmentType | null {
  const match = ATTACHMENT_TYPES.find((type) => {
    const magic = MAGIC[type];
    return content.length >= magic.length && magic.every((byte, i) => content[i] === byte);
  });
  return match ?? null;
}

/** The extension a stored and served document carries: its detected type's, whatever the name claimed. */
const EXTENSION: Record<AttachmentType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/pdf': 'pdf',
};

/**
 * Characters that never belong in a file name shown to people: C0 and C1 controls, DEL, the bidirectional controls
 * (U+061C, U+200E/U+200F, U+202A–U+202E, U+2066–U+2069: "evil\u202Egnp.exe" shows as "evilexe.png"), zero-width
 * characters and the BOM, line and paragraph separators.
 */
function isUnsafeNameChar(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2069) ||
    code === 0xfeff
  );
}

export function stripUnsafeNameChars(name: string): string {
  return [...name].filter((ch) => !isUnsafeNameChar(ch.codePointAt(0) ?? 0)).join('');
}

/**
 * A file name fit to store, show and put in Content-Disposition: the last path segment, without control, bidi,
 * quote or separator characters, ending in the extension of the detected type.
 */
export function safeFileName(name: string | null, contentType: string): string {
  const extension = EXTENSION[contentType as AttachmentType] ?? 'bin';
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = [...stripUnsafeNameChars(base).normalize('NFC')]
    .filter((ch) => !'"\\;'.includes(ch))
    .join('')
    .trim();
  const stem = [...cleaned.replace(/\.[^.]*$/, '').replace(/[.\s]+$/, '')].slice(0, 190).join('');
  if (stem && !/^\.+$/.test(stem)) return `${stem}.${extension}`;
  return contentType === 'application/pdf' ? 'lampiran.pdf' : `foto.${extension}`;
}
