import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ATTACHMENT_TYPES,
  DuplicateWarning,
  duplicateWarningsFor,
  HANDOVER_STATUSES,
  HandoverAttachmentView,
  HandoverItemView,
  HandoverView,
  Principal,
  PRINCIPAL_KINDS,
  StoredParty,
} from '@ksbb/core';

export class HandoverPartyResponse {
  @ApiProperty({ example: 'Budi Santoso' }) name: string;
  @ApiPropertyOptional({ example: 'Manajer CSR', description: 'the giver’s title' }) title?: string;
  @ApiPropertyOptional({ example: 'Ketua RW 05', description: 'the receiver’s or a witness’s role' })
  role?: string;
  @ApiPropertyOptional({ example: 'Kelurahan Gambir' }) organization?: string;
  @ApiPropertyOptional({
    example: '3171********0001',
    description: 'the receiver’s NIK, masked (never the NIK)',
  })
  nikMasked?: string;

  static of(p: StoredParty): HandoverPartyResponse {
    return {
      name: p.name,
      ...(p.title !== undefined ? { title: p.title } : {}),
      ...(p.role !== undefined ? { role: p.role } : {}),
      organization: p.organization ?? '',
      ...(p.nikMasked ? { nikMasked: p.nikMasked } : {}),
    };
  }
}

export class HandoverLocationResponse {
  @ApiProperty({ example: '31.71.01.1001.RW05' }) regionCode: string;
  @ApiProperty({ example: 'RW 05' }) regionName: string;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 106.8272 }) lon: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: -6.1754 }) lat: number | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 12,
    description: 'the device’s reported accuracy of lon/lat in metres (null when typed or not given)',
  })
  accuracyM: number | null;
  @ApiProperty({ example: 'Balai Warga RW 05' }) address: string;
}

export class HandoverItemResponse {
  @ApiProperty({ format: 'uuid' }) allocationId: string;
  @ApiProperty({ format: 'uuid' }) needId: string;
  @ApiProperty({ example: 'Sembako RT 003 RW 05 Gambir' }) needTitle: string;
  @ApiProperty({ example: 'SEMBAKO' }) packageCode: string;
  @ApiProperty({ example: 'Paket Sembako' }) packageName: string;
  @ApiProperty({ example: 'paket' }) unit: string;
  @ApiProperty({ example: 10 }) quantity: number;

  static of(i: HandoverItemView): HandoverItemResponse {
    return { ...i };
  }
}

export class HandoverRecipientResponse {
  @ApiProperty({ example: '3171********0001' }) nikMasked: string;
  @ApiProperty({ example: 'Siti Aminah' }) name: string;
}

export class DuplicateWarningResponse {
  @ApiProperty({ example: '3171********0001' }) nikMasked: string;
  @ApiProperty({
    example: 'BAST/PANGAN/2026/000001',
    description: 'the verified handover that already lists it',
  })
  bastNumber: string;

  static of(w: DuplicateWarning): DuplicateWarningResponse {
    return { nikMasked: w.nikMasked, bastNumber: w.bastNumber };
  }
}

export class HandoverAttachmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    enum: ATTACHMENT_TYPES,
    description: 'detected from the content',
  })
  contentType: string;
  @ApiProperty({ example: 183204 }) sizeBytes: number;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  sha256: string;
  @ApiProperty({ example: 'foto-serah-terima.jpg' }) originalName: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) uploadedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;

  static of(a: HandoverAttachmentView): HandoverAttachmentResponse {
    return {
      id: a.id,
      contentType: a.contentType,
      sizeBytes: a.sizeBytes,
      sha256: a.sha256,
      originalName: a.originalName,
      uploadedBy: a.uploadedBy,
      createdAt: a.createdAt,
    };
  }
}

export class KelurahanConfirmationResponse {
  @ApiProperty({ format: 'uuid', example: '5a1c3e2d-7b4f-4c8a-9e0d-1f2a3b4c5d6e' }) userId: string;
  @ApiProperty({ example: 'Petugas Kelurahan Gambir' }) name: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-03-02T03:15:00.000Z' }) confirmedAt: Date;
}

export class HandoverResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'BAST/PANGAN/2026/000001' }) bastNumber: string;
  @ApiProperty({ enum: HANDOVER_STATUSES }) status: string;
  @ApiProperty({ example: 'PANGAN' }) programCode: string;
  @ApiProperty({ example: 'Pangan' }) programName: string;
  @ApiProperty({ format: 'uuid' }) commitmentId: string;
  @ApiProperty({ example: 'KOM/PANGAN/2026/000001' }) commitmentNumber: string;
  @ApiProperty({ format: 'uuid' }) collaboratorId: string;
  @ApiProperty({ example: 'PT Demo Peduli Sesama' }) collaboratorName: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) aggregatorId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Dompet Dhuafa' }) aggregatorName:
    | string
    | null;
  @ApiProperty({ type: String, format: 'date-time' }) handedOverAt: Date;
  @ApiProperty({ type: HandoverLocationResponse }) location: HandoverLocationResponse;
  @ApiProperty({ type: HandoverPartyResponse, description: 'PIHAK PERTAMA' }) giver: HandoverPartyResponse;
  @ApiProperty({ type: HandoverPartyResponse, description: 'PIHAK KEDUA; its NIK only masked' })
  receiver: HandoverPartyResponse;
  @ApiProperty({ type: [HandoverPartyResponse] }) witnesses: HandoverPartyResponse[];
  @ApiProperty({
    type: KelurahanConfirmationResponse,
    nullable: true,
    description: "the kelurahan officer's electronic confirmation as the witness; part of the BAST's hash",
  })
  kelurahanConfirmation: KelurahanConfirmationResponse | null;
  @ApiProperty({ type: [HandoverItemResponse] }) items: HandoverItemResponse[];
  @ApiProperty({ example: 10 }) totalQuantity: number;
  @ApiProperty({ example: 25 }) recipientCount: number;
  @ApiPropertyOptional({
    type: [HandoverRecipientResponse],
    nullable: true,
    description: 'beneficiaries (masked NIK and name) for Pokja staff; null for everyone else',
  })
  recipients: HandoverRecipientResponse[] | null;
  @ApiProperty({
    type: [DuplicateWarningResponse],
    description:
      'recipients already present in a verified handover of the same program and year (recomputed while submitted). ' +
      'Shown to operators and admins only: for every other caller (collaborators, aggregators, API keys, viewers) ' +
      'it is always empty and `duplicateWarningsWithheld` is true; the operator checks the recipients.',
    example: [{ nikMasked: '3171********0001', bastNumber: 'BAST/PANGAN/2026/000001' }],
  })
  duplicateWarnings: DuplicateWarningResponse[];
  @ApiProperty({
    example: true,
    description:
      'true when the caller may not see duplicate warnings (anyone but operators and admins): `duplicateWarnings` ' +
      'is then `[]` whatever was found, so that a submitter cannot learn whether a person received aid elsewhere. ' +
      'Recipients will be checked by the operator.',
  })
  duplicateWarningsWithheld: boolean;
  @ApiProperty({ type: [HandoverAttachmentResponse] }) attachments: HandoverAttachmentResponse[];
  @ApiProperty({ example: 'Diserahkan di balai RW 05' }) notes: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'user or API key id' })
  submittedBy: string | null;
  @ApiProperty({ enum: PRINCIPAL_KINDS }) submittedByKind: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) decidedBy: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) decidedAt: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) rejectionReason: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'SHA-256 of the canonical signed content; set at verification',
    example: '9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a0c2e4f6a8b0d2f4e6a8c0e',
  })
  contentHash: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'SHA-256(previous chainHash + contentHash); set at verification',
    example: '4b7e1a3c5d9f0e2b6a8c1d3f5e7b9a0c2e4f6b8d0a1c3e5f7b9d0a2c4e6f8b1d',
  })
  chainHash: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 1, description: 'position in the ledger' })
  chainSeq: number | null;
  @ApiProperty({
    example: 'https://ksbb.jakarta.go.id/bast/BAST/PANGAN/2026/000001',
    description:
      "the public verification page of this BAST (shows it once verified); what the PDF's QR code encodes",
  })
  verificationUrl: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;

  /**
   * The one mapping of a handover to an answer, for the reader: what is derived from other parties' NIK hashes
   * (the duplicate warnings) only for those who may see it.
   */
  static of(
    h: HandoverView,
    reader: Principal,
    verificationUrl: (bastNumber: string) => string,
  ): HandoverResponse {
    const warnings = duplicateWarningsFor(h, reader);
    return {
      id: h.id,
      bastNumber: h.bastNumber,
      status: h.status,
      programCode: h.programCode,
      programName: h.programName,
      commitmentId: h.commitmentId,
      commitmentNumber: h.commitmentNumber,
      collaboratorId: h.collaboratorId,
      collaboratorName: h.collaboratorName,
      aggregatorId: h.aggregatorId,
      aggregatorName: h.aggregatorName,
      handedOverAt: h.handedOverAt,
      location: {
        regionCode: h.regionCode,
        regionName: h.regionName,
        lon: h.lon,
        lat: h.lat,
        accuracyM: h.locationAccuracyM,
        address: h.address,
      },
      giver: HandoverPartyResponse.of(h.giver),
      receiver: HandoverPartyResponse.of(h.receiver),
      witnesses: h.witnesses.map(HandoverPartyResponse.of),
      kelurahanConfirmation: h.kelurahanConfirmation ? { ...h.kelurahanConfirmation } : null,
      items: h.items.map(HandoverItemResponse.of),
      totalQuantity: h.totalQuantity,
      recipientCount: h.recipientCount,
      recipients: h.recipients?.map((r) => ({ nikMasked: r.nikMasked, name: r.name })) ?? null,
      duplicateWarnings: warnings.duplicateWarnings.map(DuplicateWarningResponse.of),
      duplicateWarningsWithheld: warnings.duplicateWarningsWithheld,
      attachments: h.attachments.map(HandoverAttachmentResponse.of),
      notes: h.notes,
      submittedBy: h.submittedBy,
      submittedByKind: h.submittedByKind,
      decidedBy: h.decidedBy,
      decidedAt: h.decidedAt,
      rejectionReason: h.rejectionReason,
      contentHash: h.contentHash,
      chainHash: h.chainHash,
      chainSeq: h.chainSeq,
      verificationUrl: verificationUrl(h.bastNumber),
      version: h.version,
      createdAt: h.createdAt,
      updatedAt: h.updatedAt,
    };
  }
}
