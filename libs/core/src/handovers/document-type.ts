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

/** A file name fit to show and to put in Content-Disposition: no path, no control or quote characters. */
export function safeFileName(name: string | null, contentType: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && !'"\\;'.includes(ch))
    .join('')
    .trim()
    .slice(0, 200);
  if (cleaned) return cleaned;
  return contentType === 'application/pdf'
    ? 'lampiran.pdf'
    : contentType === 'image/png'
      ? 'foto.png'
      : 'foto.jpg';
}
