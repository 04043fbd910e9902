import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatTanggal } from '../commitments/commitment-form.pdf';
import type { StoredParty } from './handover-content';
import type { HandoverStatus } from './handover.entity';
import type { HandoverView } from './handover.view';
import { pdfLetterhead, pdfTableRow } from '../common/pdf-layout';

const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];

const STATUSES: Record<HandoverStatus, string> = {
  submitted: 'Menunggu verifikasi Pokja KSBB',
  verified: 'Terverifikasi',
  rejected: 'Ditolak',
};

const COLUMNS = [
  { title: 'No', x: 50, width: 24, align: 'left' },
  { title: 'Paket Bantuan', x: 76, width: 150, align: 'left' },
  { title: 'Kebutuhan', x: 228, width: 195, align: 'left' },
  { title: 'Jumlah', x: 425, width: 55, align: 'right' },
  { title: 'Satuan', x: 490, width: 55, align: 'left' },
] as const;

const thousands = (n: number): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** `Senin, 12 Januari 2026, pukul 10.30 WIB` */
function hariTanggal(at: Date): string {
  const wib = new Date(at.getTime() + 7 * 3600_000);
  const hh = String(wib.getUTCHours()).padStart(2, '0');
  const mm = String(wib.getUTCMinutes()).padStart(2, '0');
  return `${DAYS[wib.getUTCDay()]}, tanggal ${formatTanggal(at)}, pukul ${hh}.${mm} WIB`;
}

export interface BastDocument {
  handover: HandoverView;
  /** the stored content hash, or for a record still awaiting verification the hash of its current content */
  contentHash: string;
  verificationUrl: string;
}

/** The Berita Acara Serah Terima as a printable PDF in Bahasa Indonesia, with a QR code to its public check. */
@Injectable()
export class BastPdf {
  fileName(h: HandoverView): string {
    return `${h.bastNumber.replace(/\//g, '-')}.pdf`;
  }

  async render(d: BastDocument): Promise<Buffer> {
    const qr = await QRCode.toBuffer(d.verificationUrl, { errorCorrectionLevel: 'M', margin: 2, scale: 4 });
    const h = d.handover;
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 50, bottom: 50, left: 50, right: 50 },
      info: {
        Title: `Berita Acara Serah Terima ${h.bastNumber}`,
        Author: 'Pokja KSBB, Biro Kerja Sama Daerah',
        Subject: 'Kolaborasi Sosial Berskala Besar',
        CreationDate: h.decidedAt ?? h.createdAt,
      },
    });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    this.header(doc, h);
    this.opening(doc, h);
    this.itemsTable(doc, h);
    this.closing(doc, h);
    this.signatures(doc, h);
    this.verification(doc, d, qr);
    doc.end();
    return done;
  }

  private header(doc: PDFKit.PDFDocument, h: HandoverView): void {
    pdfLetterhead(doc, 'BERITA ACARA SERAH TERIMA');
    doc.text(`Nomor: ${h.bastNumber}`, { align: 'center', width: 495 });
    doc.text(`Status: ${STATUSES[h.status]}`, { align: 'center', width: 495 });
    doc.moveDown(1);
  }

  private opening(doc: PDFKit.PDFDocument, h: HandoverView): void {
    const place = [h.address.trim(), h.regionName].filter(Boolean).join(', ');
    this.paragraph(
      doc,
      `Pada hari ini ${hariTanggal(h.handedOverAt)}, bertempat di ${place} (kode wilayah ${h.regionCode}), ` +
        'kami yang bertanda tangan di bawah ini:',
    );
    this.party(doc, '1.', h.giver, 'Jabatan', h.giver.title);
    this.paragraph(doc, 'selanjutnya disebut PIHAK PERTAMA (pemberi bantuan);', 68);
    this.party(doc, '2.', h.receiver, 'Peran', h.receiver.role);
    this.paragraph(doc, 'selanjutnya disebut PIHAK KEDUA (penerima bantuan).', 68);
    const via = h.aggregatorName ? ` melalui agregator ${h.aggregatorName}` : '';
    this.paragraph(
      doc,
      `PIHAK PERTAMA, atas nama kolaborator ${h.collaboratorName}${via}, menyerahkan kepada PIHAK KEDUA ` +
        `bantuan Program ${h.programName} berdasarkan Formulir Komitmen Nomor ${h.commitmentNumber}, ` +
        'dan PIHAK KEDUA menyatakan telah menerimanya dengan rincian sebagai berikut:',
    );
  }

  private party(doc: PDFKit.PDFDocument, n: string, p: StoredParty, roleLabel: string, role?: string): void {
    doc.font('Helvetica').fontSize(10).text(n, 50, doc.y);
    doc.moveUp();
    this.field(doc, 'Nama', p.name);
    this.field(doc, roleLabel, role || '-');
    this.field(doc, 'Instansi/Organisasi', p.organization || '-');
    if (p.nikMasked) this.field(doc, 'NIK', p.nikMasked);
  }

  private itemsTable(doc: PDFKit.PDFDocument, h: HandoverView): void {
    doc.moveDown(0.3);
    doc.font('Helvetica-Bold').fontSize(9);
    this.row(
      doc,
      COLUMNS.map((c) => c.title),
    );
    doc.font('Helvetica');
    h.items.forEach((item, i) => {
      this.row(doc, [
        String(i + 1),
        `${item.packageName} (${item.packageCode})`,
        item.needTitle,
        thousands(item.quantity),
        item.unit,
      ]);
    });
    doc.font('Helvetica-Bold');
    this.row(doc, ['', 'Jumlah seluruhnya', '', thousands(h.totalQuantity), '']);
    doc.font('Helvetica').moveDown(0.6);
  }

  private closing(doc: PDFKit.PDFDocument, h: HandoverView): void {
    if (h.recipientCount > 0) {
      this.paragraph(
        doc,
        `Jumlah penerima manfaat yang terdaftar dalam berita acara ini: ${h.recipientCount} orang.`,
      );
    }
    if (h.notes.trim()) this.paragraph(doc, `Catatan: ${h.notes.trim()}`);
    this.paragraph(
      doc,
      'Demikian Berita Acara Serah Terima ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.',
    );
  }

  private signatures(doc: PDFKit.PDFDocument, h: HandoverView): void {
    if (doc.y > 560) doc.addPage();
    doc.moveDown(0.5);
    const top = doc.y;
    this.signatureBlock(doc, 50, top, 'PIHAK PERTAMA', h.giver);
    this.signatureBlock(doc, 320, top, 'PIHAK KEDUA', h.receiver);
    doc.y = top + 95;
    if (h.witnesses.length > 0) {
      doc.font('Helvetica-Bold').fontSize(10).text('SAKSI-SAKSI', 50, doc.y, { width: 495, align: 'center' });
      doc.moveDown(0.5);
      h.witnesses.forEach((w, i) => {
        if (doc.y > 730) doc.addPage();
        const y = doc.y;
        const role = [w.role, w.organization].filter(Boolean).join(', ');
        doc
          .font('Helvetica')
          .fontSize(9.5)
          .text(`${i + 1}. ${w.name}${role ? ` (${role})` : ''}`, 50, y, { width: 300 });
        doc.text(`${i + 1}. ____________________________`, 360, y + 12, { width: 185 });
        doc.y = Math.max(doc.y, y + 30);
      });
    }
    const k = h.kelurahanConfirmation;
    if (k) {
      if (doc.y > 720) doc.addPage();
      doc.moveDown(0.5);
      doc
        .font('Helvetica')
        .fontSize(9.5)
        .text(
          `Dikonfirmasi secara elektronik oleh Kelurahan sebagai saksi: ${k.name}, ${hariTanggal(new Date(k.confirmedAt))}.`,
          50,
          doc.y,
          { width: 495 },
        );
    }
  }

  private signatureBlock(doc: PDFKit.PDFDocument, x: number, y: number, title: string, p: StoredParty): void {
    doc.font('Helvetica-Bold').fontSize(10).text(title, x, y, { width: 225, align: 'center' });
    doc
      .moveTo(x + 20, y + 62)
      .lineTo(x + 205, y + 62)
      .lineWidth(0.7)
      .stroke();
    doc
      .font('Helvetica')
      .fontSize(9.5)
      .text(p.name, x, y + 66, { width: 225, align: 'center' });
  }

  private verification(doc: PDFKit.PDFDocument, d: BastDocument, qr: Buffer): void {
    if (doc.y > 640) doc.addPage();
    doc.moveDown(1);
    const top = doc.y;
    doc.moveTo(50, top).lineTo(545, top).lineWidth(0.5).strokeColor('#999999').stroke().strokeColor('black');
    doc.image(qr, 445, top + 8, { width: 100, height: 100 });
    const h = d.handover;
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text('VERIFIKASI KEASLIAN DOKUMEN', 50, top + 8, { width: 385 });
    doc.font('Helvetica').fontSize(8.5);
    doc.text('Pindai kode QR atau buka alamat berikut untuk memeriksa berita acara ini:', { width: 385 });
    doc.font('Courier').fontSize(7.5).text(d.verificationUrl, { width: 385 });
    doc.font('Helvetica').fontSize(8.5).text('SHA-256 isi berita acara (content hash):', { width: 385 });
    doc.font('Courier').fontSize(7.5).text(d.contentHash, { width: 385 });
    if (h.chainHash && h.chainSeq !== null) {
      doc
        .font('Helvetica')
        .fontSize(8.5)
        .text(`Hash rantai (urutan buku besar ke-${h.chainSeq}):`, { width: 385 });
      doc.font('Courier').fontSize(7.5).text(h.chainHash, { width: 385 });
    } else {
      doc
        .font('Helvetica-Oblique')
        .fontSize(8.5)
        .text('Belum tercatat dalam buku besar: menunggu verifikasi Pokja KSBB.', {
          width: 385,
        });
    }
    doc.y = Math.max(doc.y, top + 112);
    doc
      .font('Helvetica-Oblique')
      .fontSize(7.5)
      .fillColor('#555555')
      .text(`Dokumen ini dihasilkan oleh sistem KSBB. ID serah terima: ${h.id}.`, 50, doc.y, { width: 495 })
      .fillColor('black');
  }

  private paragraph(doc: PDFKit.PDFDocument, text: string, x = 50): void {
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(text, x, doc.y, { width: 545 - x, align: 'justify' });
    doc.moveDown(0.4);
  }

  private field(doc: PDFKit.PDFDocument, label: string, value: string): void {
    const y = doc.y;
    doc.font('Helvetica').fontSize(10).text(label, 68, y, { width: 120 });
    const labelBottom = doc.y;
    doc.text(`: ${value}`, 190, y, { width: 355 });
    doc.y = Math.max(doc.y, labelBottom) + 1;
  }

  private row(doc: PDFKit.PDFDocument, cells: string[]): void {
    pdfTableRow(doc, COLUMNS, cells);
  }
}
