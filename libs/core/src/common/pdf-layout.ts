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
