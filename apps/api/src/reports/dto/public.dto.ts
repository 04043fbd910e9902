import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { COLLABORATOR_TYPES, MAP_LEVELS, MapLevel } from '@ksbb/core';
import { PageQueryDto } from '../../platform/pagination.dto';
import { CollaboratorTypeCounts, NeedTotalsDto } from './report.responses';

/** The query patterns, shared with the fast path for held bodies (public-fast-path.ts). */
export const PROGRAM = /^[A-Z][A-Z0-9_]{1,31}$/;
export const NEEDS_REGION = /^[0-9]{2}(\.[0-9A-Z]{2,6}){0,5}$/;
export const MAP_REGION = /^31(\.\d{2}(\.\d{2}(\.\d{4}(\.RW\d{2})?)?)?)?$/;

export class PublicProgramQuery {
  @ApiPropertyOptional({ example: 'PANGAN' })
  @IsOptional()
  @Matches(PROGRAM, { message: 'must be a program code such as PANGAN' })
  program?: string;
}

export class PublicNeedsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'PANGAN' })
  @IsOptional()
  @Matches(PROGRAM, { message: 'must be a program code such as PANGAN' })
  program?: string;

  @ApiPropertyOptional({ example: '31.71.01', description: 'the region and everything under it' })
  @IsOptional()
  @Matches(NEEDS_REGION, { message: 'must be a region code such as 31.71.01' })
  region?: string;
}

export class PublicMapQuery extends PublicProgramQuery {
  @ApiPropertyOptional({
    enum: MAP_LEVELS,
    default: 'district',
    example: 'rw',
    description: 'kecamatan (district), kelurahan (village) or RW',
  })
  @IsOptional()
  @IsIn(MAP_LEVELS)
  level?: MapLevel;

  @ApiPropertyOptional({
    example: '31.71.01',
    description: 'only the regions within this one (e.g. the RWs of one kecamatan or kelurahan)',
  })
  @IsOptional()
  @Matches(MAP_REGION, {
    message: 'must be a region code such as 31.71.01',
  })
  region?: string;
}

export class PublicCollaboratorCounts {
  @ApiProperty({ example: 222 }) total: number;
  @ApiProperty({ type: CollaboratorTypeCounts }) byType: CollaboratorTypeCounts;
}

export class PublicProgramStatsDto extends NeedTotalsDto {
  @ApiProperty({ example: 'PANGAN' }) code: string;
  @ApiProperty({ example: 'Pangan' }) name: string;
  @ApiProperty() beneficiaries: number;
  @ApiProperty() beneficiariesReached: number;
  @ApiProperty() handoversVerified: number;
}

export class PublicHandoverCounts {
  @ApiProperty() verified: number;
}

export class PublicBeneficiaryCounts {
  @ApiProperty() planned: number;
  @ApiProperty() reached: number;
}

export class PublicStatsResponse {
  @ApiProperty({ type: String, format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: PublicCollaboratorCounts, description: 'verified collaborators' })
  collaborators: PublicCollaboratorCounts;
  @ApiProperty({ type: NeedTotalsDto }) needs: NeedTotalsDto;
  @ApiProperty({ type: PublicHandoverCounts }) handovers: PublicHandoverCounts;
  @ApiProperty({ type: PublicBeneficiaryCounts }) beneficiaries: PublicBeneficiaryCounts;
  @ApiProperty({ type: [PublicProgramStatsDto], description: 'open and closed programs' })
  programs: PublicProgramStatsDto[];
}

export class PublicCodeName {
  @ApiProperty({ example: 'PANGAN' }) code: string;
  @ApiProperty({ example: 'Pangan' }) name: string;
}

export class PublicPackageRef extends PublicCodeName {
  @ApiProperty({ example: 'paket' }) unit: string;
}

export class PublicRegionRef extends PublicCodeName {
  @ApiProperty({ example: 'rt' }) level: string;
}

export class PublicNeedResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: PublicCodeName }) program: PublicCodeName;
  @ApiProperty({ type: PublicPackageRef }) package: PublicPackageRef;
  @ApiProperty({ type: PublicRegionRef }) region: PublicRegionRef;
  @ApiProperty() title: string;
  @ApiProperty() quantity: number;
  @ApiProperty() allocatedQuantity: number;
  @ApiProperty() deliveredQuantity: number;
  @ApiProperty() availableQuantity: number;
  @ApiProperty() beneficiaryCount: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueDate: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
}

export class MapFeatureProperties {
  @ApiProperty({ example: '31.71.01' }) code: string;
  @ApiProperty({ example: 'Gambir' }) name: string;
  @ApiProperty({ enum: MAP_LEVELS }) level: string;
  @ApiProperty() needs: number;
  @ApiProperty() quantity: number;
  @ApiProperty() allocated: number;
  @ApiProperty() delivered: number;
  @ApiProperty() available: number;
  @ApiProperty({ example: 42.5 }) coveragePercent: number;
}

export class MapFeature {
  @ApiProperty({ enum: ['Feature'] }) type: 'Feature';
  @ApiProperty({ example: '31.71.01' }) id: string;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: 'GeoJSON geometry: the imported boundary, else the region point',
    example: { type: 'Point', coordinates: [106.8166, -6.1745] },
  })
  geometry: Record<string, unknown> | null;
  @ApiProperty({ type: MapFeatureProperties }) properties: MapFeatureProperties;
}

export class MapResponse {
  @ApiProperty({ enum: ['FeatureCollection'] }) type: 'FeatureCollection';
  @ApiProperty({ type: [MapFeature] }) features: MapFeature[];
}

export class PublicScoreDto {
  @ApiProperty({
    example: 'PT Sinar Kolaborasi',
    description: 'an individual who did not opt in: "Donatur perorangan #1A2B3C"',
  })
  name: string;
  @ApiProperty({ enum: COLLABORATOR_TYPES }) type: string;
  @ApiProperty({ description: 'true when the name is an anonymous label' }) anonymous: boolean;
  @ApiProperty({ description: 'approved or completed commitments' }) commitments: number;
  @ApiProperty({ example: 120, description: 'quantity pledged in approved or completed commitments' })
  committed: number;
  @ApiProperty({ example: 100, description: 'quantity of those commitments claimed against needs' })
  claimed: number;
  @ApiProperty({ example: 90, description: 'quantity delivered in verified handovers' }) delivered: number;
  @ApiProperty({ example: 75.5 }) deliveredPercent: number;
}

export class PublicScorecardResponse {
  @ApiProperty({ type: String, nullable: true }) program: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: [PublicScoreDto] }) rows: PublicScoreDto[];
}
