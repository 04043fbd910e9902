import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INSTITUTION_KINDS, NEED_CSV_COLUMNS, NEED_STATUSES, NeedImportResult, NeedView, REGION_LEVELS } from '@ksbb/core';

export class NeedProgramRef {
  @ApiProperty({ example: 'PANGAN' }) code: string;
  @ApiProperty({ example: 'Pangan' }) name: string;
}

export class NeedPackageRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'SEMBAKO' }) code: string;
  @ApiProperty({ example: 'Paket sembako' }) name: string;
  @ApiProperty({ example: 'paket' }) unit: string;
}

export class NeedRegionRef {
  @ApiProperty({ example: '31.71.01.1001.RW05.RT003' }) code: string;
  @ApiProperty({ example: 'RT 003' }) name: string;
  @ApiProperty({ enum: REGION_LEVELS, example: 'rt' }) level: string;
}

export class NeedTargetRef {
  @ApiProperty({ format: 'uuid', example: '8f14e45f-ceea-4e1a-9d7b-3c2a1b0e9f11' }) id: string;
  @ApiProperty({ enum: INSTITUTION_KINDS, example: 'school' }) kind: string;
  @ApiProperty({ example: 'SDN Gambir 01 Pagi' }) name: string;
}

export class NeedLocation {
  @ApiProperty({ example: 106.8272, minimum: -180, maximum: 180 }) lon: number;
  @ApiProperty({ example: -6.1754, minimum: -90, maximum: 90 }) lat: number;
}

export class NeedContactResponse {
  @ApiProperty({ type: String, nullable: true, example: 'Budi Santoso' }) name: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Ketua RW 05' }) role: string | null;
  @ApiProperty({ type: String, nullable: true, example: '+62812345678' }) phone: string | null;
}

export class NeedResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: NeedProgramRef }) program: NeedProgramRef;
  @ApiProperty({ type: NeedPackageRef }) package: NeedPackageRef;
  @ApiProperty({ type: NeedRegionRef }) region: NeedRegionRef;
  @ApiProperty({ type: NeedTargetRef, nullable: true, description: 'the institution the need is for, if any' })
  targetInstitution: NeedTargetRef | null;
  @ApiProperty({ example: 'Sembako untuk 40 KK di RT 003' }) title: string;
  @ApiProperty({ example: 'Paket sembako untuk keluarga terdampak banjir di RW 05' }) description: string;
  @ApiProperty({ example: 40, description: 'how many units are needed' }) quantity: number;
  @ApiProperty({ example: 10, description: 'units claimed by active allocations (delivered ones included)' })
  allocatedQuantity: number;
  @ApiProperty({ example: 0, description: 'units delivered and verified' }) deliveredQuantity: number;
  @ApiProperty({ example: 30, description: 'quantity − allocatedQuantity: what can still be claimed' })
  availableQuantity: number;
  @ApiProperty({ example: 40 }) beneficiaryCount: number;
  @ApiProperty({ enum: NEED_STATUSES }) status: string;
  @ApiProperty({ example: 'bansos', description: 'where the data come from' }) source: string;
  @ApiProperty({ type: String, nullable: true, example: 'BANSOS-2020-000123' }) sourceRef: string | null;
  @ApiProperty({ type: NeedLocation, nullable: true }) location: NeedLocation | null;
  @ApiProperty({
    type: NeedContactResponse,
    nullable: true,
    description:
      'the field contact; only for admins, operators and the holder of an active allocation on this need, null for everyone else',
  })
  contact: NeedContactResponse | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2021-03-31' }) dueDate:
    | string
    | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: Date | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;

  static of(n: NeedView): NeedResponse {
    return {
      id: n.id,
      program: { ...n.program },
      package: { ...n.package },
      region: { ...n.region },
      targetInstitution: n.targetInstitution ? { ...n.targetInstitution } : null,
      title: n.title,
      description: n.description,
      quantity: n.quantity,
      allocatedQuantity: n.allocatedQuantity,
      deliveredQuantity: n.deliveredQuantity,
      availableQuantity: n.availableQuantity,
      beneficiaryCount: n.beneficiaryCount,
      status: n.status,
      source: n.source,
      sourceRef: n.sourceRef,
      location: n.location ? { ...n.location } : null,
      contact: n.contact ? { ...n.contact } : null,
      dueDate: n.dueDate,
      publishedAt: n.publishedAt,
      version: n.version,
      createdAt: n.createdAt,
      updatedAt: n.updatedAt,
    };
  }
}

export class NeedImportRejection {
  @ApiProperty({ example: 7, description: '1-based line of the CSV (the header is line 1)' }) line: number;
  @ApiProperty({ type: [String], example: ['region 31.71.99 does not exist'] }) errors: string[];
  @ApiPropertyOptional({
    type: [String],
    example: ['PANGAN', 'SEMBAKO', '31.71.99', 'Sembako', '', '10', '10', 'import', 'X-1', '', '', '', '', '', ''],
    description:
      "the row's values in `columns` order, for the rejected rows file; absent for an unreadable line and after the first 5,000 rejections",
  })
  values?: string[];
}

export class NeedImportResponse {
  @ApiProperty({ example: 9997, description: 'needs created (on a dry run: that would be created)' })
  inserted: number;
  @ApiProperty({ example: 0, description: 'needs updated (on a dry run: that would be updated)' })
  updated: number;
  @ApiProperty({ type: [NeedImportRejection] }) rejected: NeedImportRejection[];
  @ApiProperty({ example: false, description: 'true when this was a preview and nothing was written' })
  dryRun: boolean;
  @ApiProperty({
    type: [String],
    example: [...NEED_CSV_COLUMNS],
    description: "the order of a rejected row's values",
  })
  columns: string[];

  static of(r: NeedImportResult): NeedImportResponse {
    return {
      inserted: r.inserted,
      updated: r.updated,
      rejected: r.rejected,
      dryRun: r.dryRun,
      columns: [...NEED_CSV_COLUMNS],
    };
  }
}
