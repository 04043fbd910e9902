import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import type { CollaboratorType } from '../collaborators/collaborator.entity';
import type { CommitmentStatus } from './commitment.entity';
import type { CommitmentView } from './commitment.view';
import { pdfLetterhead, pdfTableRow } from '../common/pdf-layout';

const COLLABORATOR_TYPES: Record<CollaboratorType, string> = {
  individual: 'Perorangan',
  business: 'Badan Usaha',
  government: 'Instansi Pemerintah / Kementerian',
  civil_society: 'Organisasi Masyarakat Sipil / LSM / Badan PBB / Perguruan Tinggi',
  foreign: 'Donor Luar Negeri',
};

const STATUSES: Record<CommitmentStatus, string> = {
  draft: 'Draf',
  submitted: 'Diajukan',
  approved: 'Disetujui',
  completed: 'Selesai',
  rejected: 'Ditolak',
  cancelled: 'Dibatalkan',
};

const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

/** `Rp 1.500.000` */
export function formatRupiah(amount: number): string {
  const digits = Math.round(Math.abs(amount))
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}Rp ${digits}`;
}

/** `26 November 2020` from `2020-11-26` or a timestamp (shown in Jakarta time, WIB). */
export function formatTanggal(value: string | Date): string {
  const d =
    typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : new Date(value.getTime() + 7 * 3600_000);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

function formatWaktu(at: Date): string {
  const d = new Date(at.getTime() + 7 * 3600_000);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  return `${formatTanggal(at)} pukul ${hh}.${mm}.${ss} WIB`;
}

const thousands = (n: number): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** Column x positions and widths of the items table (A4, 50 pt margins: 495 pt of width). */
const COLUMNS = [
  { title: 'No', x: 50, width: 22, align: 'left' },
  { title: 'Paket Bantuan', x: 74, width: 170, align: 'left' },
  { title: 'Jumlah', x: 246, width: 50, align: 'right' },
  { title: 'Satuan', x: 306, width: 48, align: 'left' },
  { title: 'Nilai Satuan', x: 356, width: 86, align: 'right' },
  { title: 'Subtotal', x: 444, width: 101, align: 'right' },
] as const;

/** The commitment form as a printable PDF in Bahasa Indonesia, the way Pokja files it. */
@Injectable()
export class CommitmentFormPdf {
  /** `KOM-PANGAN-2026-000001.pdf`, or a draft name while the form has no number. */
  fileName(c: CommitmentView): string {
    return c.number ? `${c.number.replace(/\//g, '-')}.pdf` : `KOM-draf-${c.id.slice(0, 8)}.pdf`;
  }

  render(c: CommitmentView): Promise<Buffer> {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 50, bottom: 50, left: 50, right: 50 },
      info: {
        Title: `Formulir Komitmen ${c.number ?? '(draf)'}`,
        Author: 'Pokja KSBB, Biro Kerja Sama Daerah',
        Subject: 'Kolaborasi Sosial Berskala Besar',
        CreationDate: c.signedAt ?? c.createdAt,
      },
    });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    this.header(doc, c);
    this.parties(doc, c);
    this.itemsTable(doc, c);
    this.signature(doc, c);
    doc.end();
    return done;
  }

  private header(doc: PDFKit.PDFDocument, c: CommitmentView): void {
    pdfLetterhead(doc, 'FORMULIR KOMITMEN');
    doc.text(`Nomor: ${c.number ?? '(draf)'}`, { align: 'center' });
    doc.text(`Tanggal: ${formatTanggal(c.signedAt ?? c.createdAt)}    ·    Status: ${STATUSES[c.status]}`, {
      align: 'center',
    });
    doc.moveDown(1.2);
  }

  private parties(doc: PDFKit.PDFDocument, c: CommitmentView): void {
    this.section(doc, 'PARA PIHAK');
    this.field(
      doc,
      'Pihak Pertama (Kolaborator)',
      `${c.collaboratorName} (${COLLABORATOR_TYPES[c.collaboratorType]})`,
    );
    this.field(doc, 'Pihak Kedua', 'Pokja KSBB, Biro Kerja Sama Daerah, Pemerintah Provinsi DKI Jakarta');
    doc.moveDown(0.6);
    this.section(doc, 'KOMITMEN');
    this.field(doc, 'Program', `${c.programName} (${c.programCode})`);
    this.field(
      doc,
      'Cara penyaluran',
      c.deliveryMode === 'aggregator'
        ? `Melalui agregator: ${c.aggregatorName ?? '-'}`
        : 'Langsung oleh kolaborator',
    );
    this.field(
      doc,
      'Rencana pelaksanaan',
      `${formatTanggal(c.plannedFrom)} s.d. ${formatTanggal(c.plannedTo)}`,
    );
    this.field(doc, 'Catatan', c.notes.trim() || '-');
    doc.moveDown(0.6);
  }

  private itemsTable(doc: PDFKit.PDFDocument, c: CommitmentView): void {
    this.section(doc, 'RINCIAN BANTUAN');
    doc.font('Helvetica-Bold').fontSize(9);
    this.row(
      doc,
      COLUMNS.map((col) => col.title),
    );
    doc.font('Helvetica');
    c.items.forEach((item, i) => {
      this.row(doc, [
        String(i + 1),
        `${item.packageName} (${item.packageCode})`,
        thousands(item.quantity),
        item.unit,
        formatRupiah(item.unitValue),
        formatRupiah(item.subtotal),
      ]);
    });
    doc.font('Helvetica-Bold');
    this.row(doc, ['', 'Total nilai komitmen', '', '', '', formatRupiah(c.totalValue)]);
    doc.font('Helvetica').moveDown(1);
  }

  private signature(doc: PDFKit.PDFDocument, c: CommitmentView): void {
    if (doc.y > 600) doc.addPage();
    this.section(doc, 'PERNYATAAN DAN TANDA TANGAN ELEKTRONIK');
    doc
      .font('Helvetica')
      .fontSize(9.5)
      .text(
        'Dengan ini Pihak Pertama menyatakan berkomitmen menyalurkan bantuan sebagaimana tercantum di atas, ' +
          'tepat sasaran dan tidak tumpang tindih, sesuai ketentuan Kolaborasi Sosial Berskala Besar, ' +
          'dan akan menyerahkan Berita Acara Serah Terima (BAST) untuk setiap penyaluran.',
        50,
        doc.y,
        { width: 495, align: 'justify' },
      );
    doc.moveDown(0.8);
    if (!c.signedAt) {
      this.field(doc, 'Tanda tangan', 'Belum ditandatangani (draf)');
    } else {
      this.field(doc, 'Ditandatangani oleh', `${c.signatoryName ?? '-'}`);
      this.field(doc, 'Jabatan', `${c.signatoryTitle ?? '-'}`);
      this.field(doc, 'Waktu penandatanganan', formatWaktu(c.signedAt));
      this.field(doc, 'Alamat IP', c.signedIp ?? '-');
      this.field(doc, 'Perangkat', c.signedUserAgent ?? '-');
      doc.font('Helvetica-Bold').fontSize(9.5).text('SHA-256 isi formulir:', 50, doc.y);
      doc
        .font('Courier')
        .fontSize(8.5)
        .text(c.signedHash ?? '-', 50, doc.y);
    }
    if (c.decidedAt && c.status !== 'draft') {
      doc.moveDown(0.6);
      const decision =
        c.status === 'approved' || c.status === 'completed'
          ? 'Disetujui oleh Pokja KSBB'
          : c.status === 'rejected'
            ? 'Ditolak oleh Pokja KSBB'
            : 'Dibatalkan';
      const reason = c.statusReason ? ` — ${c.statusReason}` : '';
      this.field(doc, 'Keputusan', `${decision} pada ${formatWaktu(c.decidedAt)}${reason}`);
    }
    doc.moveDown(1.5);
    doc
      .font('Helvetica-Oblique')
      .fontSize(7.5)
      .fillColor('#555555')
      .text(
        `Dokumen ini dihasilkan oleh sistem KSBB dan sah tanpa tanda tangan basah. ID komitmen: ${c.id}.`,
        50,
        doc.y,
        { width: 495 },
      )
      .fillColor('black');
  }

  private section(doc: PDFKit.PDFDocument, title: string): void {
    doc.font('Helvetica-Bold').fontSize(10.5).text(title, 50, doc.y);
    doc.moveDown(0.3);
  }

  private field(doc: PDFKit.PDFDocument, label: string, value: string): void {
    const y = doc.y;
    doc.font('Helvetica').fontSize(9.5).text(label, 50, y, { width: 150 });
    const labelBottom = doc.y;
    doc.text(`: ${value}`, 200, y, { width: 345 });
    doc.y = Math.max(doc.y, labelBottom) + 2;
  }

  private row(doc: PDFKit.PDFDocument, cells: string[]): void {
    pdfTableRow(doc, COLUMNS, cells);
  }
}
