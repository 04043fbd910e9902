import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COLLABORATOR_TYPES, REPORT_INTERVALS, REPORT_LEVELS } from '@ksbb/core';

const int = (description?: string, example?: number) => ApiProperty({ type: Number, description, example });

export class CollaboratorTypeCounts {
  @int() individual: number;
  @int() business: number;
  @int() government: number;
  @int() civil_society: number;
  @int() foreign: number;
}

export class CollaboratorCounts {
  @int('verified collaborators (with a program: those that signed a commitment in it)', 222) total: number;
  @ApiProperty({ type: CollaboratorTypeCounts }) byType: CollaboratorTypeCounts;
}

export class CommitmentStatusCounts {
  @int() submitted: number;
  @int() approved: number;
  @int() completed: number;
  @int() rejected: number;
  @int() cancelled: number;
}

export class CommitmentTotals {
  @int('commitments signed in the period') count: number;
  @int('their total value in rupiah') totalValue: number;
  @ApiProperty({ type: CommitmentStatusCounts, description: 'the same commitments by their current status' })
  byStatus: CommitmentStatusCounts;
}

export class NeedTotalsDto {
  @int('published needs (open, fully allocated, fulfilled, closed)') count: number;
  @int() quantity: number;
  @int('claimed by active allocations') allocated: number;
  @int('delivered in verified handovers') delivered: number;
  @int('still claimable on open needs') available: number;
}

export class HandoverCounts {
  @int() submitted: number;
  @int() verified: number;
  @int() rejected: number;
  @int('submitted and not decided yet') pending: number;
}

export class BeneficiaryCounts {
  @int('beneficiaries of the published needs') planned: number;
  @int('in proportion to what was delivered, per need') reached: number;
}

export class SummaryResponse {
  @ApiProperty({ type: String, nullable: true, example: 'PANGAN' }) program: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) from: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) to: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: CollaboratorCounts }) collaborators: CollaboratorCounts;
  @ApiProperty({ type: CommitmentTotals }) commitments: CommitmentTotals;
  @ApiProperty({
    type: NeedTotalsDto,
    description: 'net changes in the period (the current state without one)',
  })
  needs: NeedTotalsDto;
  @ApiProperty({ type: HandoverCounts }) handovers: HandoverCounts;
  @ApiProperty({ type: BeneficiaryCounts }) beneficiaries: BeneficiaryCounts;
}

export class CoverageTotals {
  @int() needs: number;
  @int() quantity: number;
  @int() allocated: number;
  @int() delivered: number;
  @int() available: number;
  @ApiProperty({ type: Number, example: 42.5, description: 'delivered ÷ quantity × 100' })
  coveragePercent: number;
}

export class CoverageRowDto extends CoverageTotals {
  @ApiProperty({ example: '31.71.01' }) code: string;
  @ApiProperty({ example: 'Gambir' }) name: string;
}

export class CoverageResponse {
  @ApiProperty({ enum: REPORT_LEVELS, example: 'rw' }) level: string;
  @ApiProperty({ type: String, nullable: true, example: 'PANGAN' }) program: string | null;
  @ApiPropertyOptional({ example: '31.71.01', description: 'the region the rows lie within, when asked for' })
  region?: string;
  @ApiProperty({ type: String, format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: [CoverageRowDto] }) rows: CoverageRowDto[];
  @ApiProperty({ type: CoverageTotals }) totals: CoverageTotals;
}

export class CollaboratorScoreTotals {
  @int('signed commitments') commitments: number;
  @int('quantity on approved or completed commitments') committed: number;
  @int('rupiah') committedValue: number;
  @int() allocated: number;
  @int() delivered: number;
  @ApiProperty({ type: Number, example: 80.5 }) deliveredPercent: number;
  @int('approved commitments past their planned end, not fully delivered') overdueCommitments: number;
  @int() overdueQuantity: number;
  @int() expiredClaims: number;
  @int() expiredQuantity: number;
  @int() cancelledCommitments: number;
  @int() cancelledQuantity: number;
}

export class CollaboratorScoreDto extends CollaboratorScoreTotals {
  @ApiProperty({ format: 'uuid' }) collaboratorId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: COLLABORATOR_TYPES }) type: string;
}

export class CollaboratorsReportResponse {
  @ApiProperty({ type: String, nullable: true }) program: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: [CollaboratorScoreDto] }) rows: CollaboratorScoreDto[];
  @ApiProperty({ type: CollaboratorScoreTotals }) totals: CollaboratorScoreTotals;
}

export class TimeseriesTotals {
  @int() needsPublished: number;
  @int() quantity: number;
  @int() allocated: number;
  @int() delivered: number;
  @int() beneficiariesReached: number;
  @int() handoversSubmitted: number;
  @int() handoversVerified: number;
  @int() handoversRejected: number;
  @int() commitmentsSigned: number;
  @int('rupiah') commitmentsValue: number;
}

export class TimeseriesPointDto extends TimeseriesTotals {
  @ApiProperty({ type: String, format: 'date', description: 'first day of the bucket' }) period: string;
  @int() cumulativeDelivered: number;
}

export class TimeseriesResponse {
  @ApiProperty({ enum: REPORT_INTERVALS }) interval: string;
  @ApiProperty({ type: String, nullable: true }) program: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) from: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) to: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: [TimeseriesPointDto] }) points: TimeseriesPointDto[];
  @ApiProperty({ type: TimeseriesTotals }) totals: TimeseriesTotals;
}
