import type { CollaboratorType } from '../collaborators/collaborator.entity';
import type { ReportLevel } from './rollups/rollup-sql';

export const REPORT_KINDS = ['summary', 'coverage', 'collaborators', 'timeseries'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_INTERVALS = ['day', 'week', 'month'] as const;
export type ReportInterval = (typeof REPORT_INTERVALS)[number];
export type { ReportLevel };
/** The region levels reports count at, coarsest first. */
export const REPORT_LEVELS = ['city', 'district', 'village', 'rw'] as const satisfies readonly ReportLevel[];

/** `from`/`to` are Jakarta calendar days (YYYY-MM-DD), both inclusive. */
export interface ReportFilter {
  programCode?: string;
  from?: string;
  to?: string;
}

export interface NeedTotals {
  /** published needs (open, fully allocated, fulfilled or closed) */
  count: number;
  quantity: number;
  allocated: number;
  delivered: number;
  /** still claimable on open needs */
  available: number;
}

export interface SummaryReport {
  program: string | null;
  from: string | null;
  to: string | null;
  generatedAt: string;
  collaborators: { total: number; byType: Record<CollaboratorType, number> };
  commitments: { count: number; totalValue: number; byStatus: Record<string, number> };
  needs: NeedTotals;
  handovers: { submitted: number; verified: number; rejected: number; pending: number };
  beneficiaries: { planned: number; reached: number };
}

export interface CoverageRow {
  code: string;
  name: string;
  needs: number;
  quantity: number;
  allocated: number;
  delivered: number;
  available: number;
  /** delivered ÷ quantity × 100, one decimal */
  coveragePercent: number;
}

export interface CoverageReport {
  level: ReportLevel;
  program: string | null;
  /** the region the rows lie within, when the request named one */
  region?: string;
  generatedAt: string;
  rows: CoverageRow[];
  totals: Omit<CoverageRow, 'code' | 'name'>;
}

export interface CollaboratorScore {
  collaboratorId: string;
  name: string;
  type: CollaboratorType;
  /** signed commitments (submitted, approved, completed) */
  commitments: number;
  /** quantity pledged on approved or completed commitments */
  committed: number;
  committedValue: number;
  allocated: number;
  delivered: number;
  deliveredPercent: number;
  /** approved commitments past their planned end and not fully delivered */
  overdueCommitments: number;
  overdueQuantity: number;
  expiredClaims: number;
  expiredQuantity: number;
  cancelledCommitments: number;
  cancelledQuantity: number;
}

export type CollaboratorTotals = Omit<CollaboratorScore, 'collaboratorId' | 'name' | 'type'>;

export interface CollaboratorsReport {
  program: string | null;
  generatedAt: string;
  rows: CollaboratorScore[];
  totals: CollaboratorTotals;
}

export interface TimeseriesPoint {
  /** first day of the bucket (YYYY-MM-DD) */
  period: string;
  needsPublished: number;
  quantity: number;
  allocated: number;
  delivered: number;
  beneficiariesReached: number;
  handoversSubmitted: number;
  handoversVerified: number;
  handoversRejected: number;
  commitmentsSigned: number;
  commitmentsValue: number;
  /** delivered up to and including this bucket (within the requested range) */
  cumulativeDelivered: number;
}

export interface TimeseriesReport {
  interval: ReportInterval;
  program: string | null;
  from: string | null;
  to: string | null;
  generatedAt: string;
  points: TimeseriesPoint[];
  totals: Omit<TimeseriesPoint, 'period' | 'cumulativeDelivered'>;
}

export type AnyReport =
  | { kind: 'summary'; report: SummaryReport }
  | { kind: 'coverage'; report: CoverageReport }
  | { kind: 'collaborators'; report: CollaboratorsReport }
  | { kind: 'timeseries'; report: TimeseriesReport };

/** What a report request or a schedule's params may carry. */
export interface ReportParams extends ReportFilter {
  level?: ReportLevel;
  interval?: ReportInterval;
}

/** One program's page of the leadership brief: what was pledged, claimed and delivered, by whom, and where. */
export interface LeadershipPage {
  program: { code: string; name: string };
  summary: SummaryReport;
  /** the collaborators who delivered most (at most five) */
  topCollaborators: CollaboratorScore[];
  /** pledged on approved or completed commitments, by every collaborator */
  pledged: number;
  coverage: CoverageReport;
}

/** The PDF for leadership: one page per program. */
export interface LeadershipBrief {
  generatedAt: string;
  pages: LeadershipPage[];
}
