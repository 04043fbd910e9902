/** A table column of the A4 documents (commitment form, BAST): x position, width and alignment in points. */
export interface PdfColumn {
  title: string;
  x: number;
  width: number;
  align: 'left' | 'right' | 'center';
}

/** Writes one table row across `columns`, starting a new page near the bottom, with a thin rule under it. */
export function pdfTableRow(doc: PDFKit.PDFDocument, columns: readonly PdfColumn[], cells: string[]): void {
  if (doc.y > 760) doc.addPage();
  const y = doc.y;
  let bottom = y;
  columns.forEach((col, i) => {
    doc.text(cells[i], col.x, y, { width: col.width, align: col.align });
    bottom = Math.max(bottom, doc.y);
  });
  doc
    .moveTo(50, bottom + 2)
    .lineTo(545, bottom + 2)
    .lineWidth(0.5)
    .strokeColor('#999999')
    .stroke()
    .strokeColor('black');
  doc.y = bottom + 5;
}

/** The Pemprov DKI letterhead and the document's title, centred, as both official documents open. */
export function pdfLetterhead(doc: PDFKit.PDFDocument, title: string): void {
  doc.font('Helvetica-Bold').fontSize(13).text('PEMERINTAH PROVINSI DKI JAKARTA', { align: 'center' });
  doc.font('Helvetica').fontSize(11).text('Kolaborasi Sosial Berskala Besar (KSBB)', { align: 'center' });
  doc.fontSize(9).text('Pokja KSBB · Biro Kerja Sama Daerah', { align: 'center' });
  const y = doc.y + 6;
  doc.moveTo(50, y).lineTo(545, y).lineWidth(1.5).stroke();
  doc.moveDown(1.2);
  doc.font('Helvetica-Bold').fontSize(15).text(title, 50, doc.y, { align: 'center', width: 495 });
  doc.font('Helvetica').fontSize(10);
}
