import { detectDocumentType, safeFileName } from './document-type';

describe('detectDocumentType', () => {
  it.each([
    [[0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'image/jpeg'],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0], 'image/png'],
    [[...Buffer.from('%PDF-1.7\n')], 'application/pdf'],
  ])('recognises %p as %s', (bytes, type) => {
    expect(detectDocumentType(Buffer.from(bytes))).toBe(type);
  });

  it.each([
    Buffer.from('hello, this is text'),
    Buffer.from([0xff, 0xd8]),
    Buffer.from('%PDF'),
    Buffer.alloc(0),
  ])('refuses anything else', (content) => expect(detectDocumentType(content)).toBeNull());
});

describe('safeFileName', () => {
  it('keeps the last path segment without control characters or quotes', () => {
    expect(safeFileName('../../etc/"foto"\n.jpg', 'image/jpeg')).toBe('foto.jpg');
    expect(safeFileName('C:\\Users\\x\\bast.pdf', 'application/pdf')).toBe('bast.pdf');
    expect(safeFileName(null, 'image/png')).toBe('foto.png');
  });

  it('takes the extension from the detected type, whatever the name claimed', () => {
    expect(safeFileName('foto serah terima.png', 'image/jpeg')).toBe('foto serah terima.jpg');
    expect(safeFileName('scan', 'application/pdf')).toBe('scan.pdf');
    expect(safeFileName('laporan.exe', 'application/pdf')).toBe('laporan.pdf');
    expect(safeFileName('.png', 'image/png')).toBe('foto.png');
    expect(safeFileName('...', 'application/pdf')).toBe('lampiran.pdf');
  });

  it('strips bidi, zero-width and C1 controls', () => {
    expect(safeFileName('evil\u202Egnp.exe', 'image/png')).toBe('evilgnp.png');
    expect(safeFileName('a\u2066b\u2069c\u200Fd\u061Ce\u200Bf\u0085g.pdf', 'application/pdf')).toBe('abcdefg.pdf');
    expect(safeFileName('\u202E\u202E.pdf', 'application/pdf')).toBe('lampiran.pdf');
  });
});
