import { Injectable } from '@nestjs/common';
import { COLLABORATOR_TYPES, CollaboratorType } from '../collaborators/collaborator.entity';
import { InvalidInputError } from '../common/domain-errors';
import {
  AnyReport,
  CollaboratorsReport,
  CollaboratorTotals,
  CoverageReport,
  LeadershipBrief,
  ReportFilter,
  ReportInterval,
  ReportKind,
  ReportLevel,
  ReportParams,
  SummaryReport,
  TimeseriesReport,
} from './report.types';
import { ReportsRepository } from './reports.repository';
import { RollupFolder } from './rollups/rollup-folder';

/** More buckets than this is almost certainly a mistaken range (ten years of days is 3,650). */
const MAX_BUCKETS = 4000;
/** The longest period a report answers for: ten years of Jakarta days (a longer one is almost surely a typo). */
export const MAX_REPORT_SPAN_DAYS = 3660;
const SIGNED_STATUSES = ['submitted', 'approved', 'completed', 'rejected', 'cancelled'];

const round1 = (n: number): number => Math.round(n * 10) / 10;
const percentOf = (part: number, whole: number): number => (whole > 0 ? round1((part * 100) / whole) : 0);

/** The internal reports: exact at the moment they are read, from the rollups plus the facts not folded yet. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly folder: RollupFolder,
  ) {}

  async render(kind: ReportKind, params: ReportParams): Promise<AnyReport> {
    switch (kind) {
      case 'summary':
        return { kind, report: await this.summary(params) };
      case 'coverage':
        return { kind, report: await this.coverage(params.level ?? 'district', params.programCode) };
      case 'collaborators':
        return { kind, report: await this.collaborators(params.programCode) };
      case 'timeseries':
        return { kind, report: await this.timeseries(params.interval ?? 'day', params) };
    }
  }

  /** One page per program (or the one program asked for): pledged, claimed, delivered, top collaborators, coverage. */
  async leadership(params: ReportParams): Promise<LeadershipBrief> {
    await this.validate({ programCode: params.programCode });
    const programs = await this.reports.programs(params.programCode);
    const pages = [];
    for (const program of programs) {
      const [summary, collaborators, coverage] = await Promise.all([
        this.summary({ ...params, programCode: program.code }),
        this.collaborators(program.code),
        this.coverage(params.level ?? 'city', program.code),
      ]);
      pages.push({
        program,
        summary,
        pledged: collaborators.totals.committed,
        topCollaborators: [...collaborators.rows]
          .sort((a, b) => b.delivered - a.delivered || b.committed - a.committed || a.name.localeCompare(b.name))
          .slice(0, 5),
        coverage,
      });
    }
    return { generatedAt: new Date().toISOString(), pages };
  }

  async summary(filter: ReportFilter): Promise<SummaryReport> {
    await this.validate(filter);
    await this.folder.foldCommitments();
    const [flows, commitments, collaborators] = await Promise.all([
      this.reports.flows(filter),
      this.reports.commitmentsByStatus(filter),
      this.reports.collaboratorsByType(filter),
    ]);
    const byType = Object.fromEntries(COLLABORATOR_TYPES.map((t) => [t, 0])) as Record<
      CollaboratorType,
      number
    >;
    for (const c of collaborators) byType[c.type] = c.count;
    const byStatus = Object.fromEntries(SIGNED_STATUSES.map((s) => [s, 0]));
    for (const c of commitments) byStatus[c.status] = c.count;
    return {
      program: filter.programCode ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
      generatedAt: new Date().toISOString(),
      collaborators: { total: collaborators.reduce((s, c) => s + c.count, 0), byType },
      commitments: {
        count: commitments.reduce((s, c) => s + c.count, 0),
        totalValue: commitments.reduce((s, c) => s + c.value, 0),
        byStatus,
      },
      needs: {
        count: flows.needs,
        quantity: flows.quantity,
        allocated: flows.allocated,
        delivered: flows.delivered,
        available: flows.available,
      },
      handovers: {
        submitted: flows.handoversSubmitted,
        verified: flows.handoversVerified,
        rejected: flows.handoversRejected,
        pending: flows.handoversSubmitted - flows.handoversVerified - flows.handoversRejected,
      },
      beneficiaries: { planned: flows.beneficiaries, reached: flows.beneficiariesReached },
    };
  }

  async coverage(level: ReportLevel, programCode?: string, regionCode?: string): Promise<CoverageReport> {
    await this.validate({ programCode });
    await this.folder.foldIfStale();
    const rows = await this.reports.coverage(level, programCode, regionCode);
    const sum = (k: 'needs' | 'quantity' | 'allocated' | 'delivered' | 'available'): number =>
      rows.reduce((s, r) => s + r[k], 0);
    const totals = {
      needs: sum('needs'),
      quantity: sum('quantity'),
      allocated: sum('allocated'),
      delivered: sum('delivered'),
      available: sum('available'),
      coveragePercent: percentOf(sum('delivered'), sum('quantity')),
    };
    return {
      level,
      program: programCode ?? null,
      ...(regionCode ? { region: regionCode } : {}),
      generatedAt: new Date().toISOString(),
      rows,
      totals,
    };
  }

  async collaborators(programCode?: string): Promise<CollaboratorsReport> {
    await this.validate({ programCode });
    await this.folder.foldCommitments();
    const rows = await this.reports.collaboratorScores(programCode);
    const keys: (keyof CollaboratorTotals)[] = [
      'commitments',
      'committed',
      'committedValue',
      'allocated',
      'delivered',
      'overdueCommitments',
      'overdueQuantity',
      'expiredClaims',
      'expiredQuantity',
      'cancelledCommitments',
      'cancelledQuantity',
    ];
    const totals = Object.fromEntries(
      keys.map((k) => [k, rows.reduce((s, r) => s + r[k], 0)]),
    ) as CollaboratorTotals;
    totals.deliveredPercent = percentOf(totals.delivered, totals.committed);
    return { program: programCode ?? null, generatedAt: new Date().toISOString(), rows, totals };
  }

  async timeseries(interval: ReportInterval, filter: ReportFilter): Promise<TimeseriesReport> {
    await this.validate(filter);
    await this.folder.foldCommitments();
    const to = filter.to ?? (await this.reports.today());
    const from = filter.from ?? (await this.reports.firstDay(filter.programCode)) ?? to;
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    if (filter.from) this.checkSpan(from, to);
    const approxBuckets = interval === 'day' ? days : interval === 'week' ? days / 7 : days / 30;
    if (approxBuckets > MAX_BUCKETS) {
      throw new InvalidInputError(`the range has more than ${MAX_BUCKETS} ${interval}s`, [
        { field: 'from', message: `must be at most ${MAX_BUCKETS} ${interval}s before to` },
      ]);
    }
    const points = from <= to ? await this.reports.timeseries(interval, { ...filter, from, to }) : [];
    const sum = (k: keyof TimeseriesReport['totals']): number => points.reduce((s, p) => s + p[k], 0);
    return {
      interval,
      program: filter.programCode ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
      generatedAt: new Date().toISOString(),
      points,
      totals: {
        needsPublished: sum('needsPublished'),
        quantity: sum('quantity'),
        allocated: sum('allocated'),
        delivered: sum('delivered'),
        beneficiariesReached: sum('beneficiariesReached'),
        handoversSubmitted: sum('handoversSubmitted'),
        handoversVerified: sum('handoversVerified'),
        handoversRejected: sum('handoversRejected'),
        commitmentsSigned: sum('commitmentsSigned'),
        commitmentsValue: sum('commitmentsValue'),
      },
    };
  }

  private async validate(filter: ReportFilter): Promise<void> {
    if (filter.programCode && !(await this.reports.programExists(filter.programCode))) {
      throw new InvalidInputError(`there is no program ${filter.programCode}`, [
        { field: 'program', message: 'is not a known program code' },
      ]);
    }
    if (filter.from && filter.to && filter.from > filter.to) {
      throw new InvalidInputError('from is after to', [{ field: 'from', message: 'must not be after to' }]);
    }
    if (filter.from && filter.to) this.checkSpan(filter.from, filter.to);
  }

  /** A period longer than MAX_REPORT_SPAN_DAYS is refused (400) rather than summed. */
  private checkSpan(from: string, to: string): void {
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
    if (days > MAX_REPORT_SPAN_DAYS) {
      throw new InvalidInputError(`the period spans more than ${MAX_REPORT_SPAN_DAYS} days`, [
        { field: 'from', message: `must be at most ${MAX_REPORT_SPAN_DAYS} days before to` },
      ]);
    }
  }
}
