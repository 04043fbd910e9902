import { Injectable } from '@nestjs/common';
import { COLLABORATOR_TYPES, CollaboratorType } from '../../collaborators/collaborator.entity';
import { InvalidInputError } from '../../common/domain-errors';
import { Page, pageOf } from '../../common/pagination';
import { ReportsRepository } from '../reports.repository';
import { ReportsService } from '../reports.service';
import { RollupFolder } from '../rollups/rollup-folder';
import { PublicRepository } from './public.repository';
import { HoldOptions, Snapshot, PublicSnapshots } from './public-snapshots';
import { MapLevel, PublicNeed, PublicNeedsQuery, PublicScorecard, PublicStats } from './public.types';

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** How often a held read may ask the folder whether the worker is behind (it acts at most every few seconds). */
const FOLD_ASK_MS = 500;

/** Held until the rollups change (bodies built from the rollups alone). */
const ROLLUPS: HoldOptions = { rollups: true };

/** The snapshot keys, one place for `get` (the routes) and `peek` (the API's fast path) alike. */
const keys = {
  stats: (): string => 'stats',
  needs: (q: PublicNeedsQuery): string => `needs:${q.programCode ?? ''}:${q.regionCode ?? ''}:${q.page}:${q.limit}`,
  map: (level: MapLevel, programCode?: string, regionCode?: string): string =>
    `map:${level}:${programCode ?? ''}:${regionCode ?? ''}`,
  scorecard: (programCode?: string): string => `scorecard:${programCode ?? ''}`,
};

/** Individuals are named in public only when they opted in; the label carries no personal data. */
export const anonymousLabel = (collaboratorId: string): string =>
  `Donatur perorangan #${collaboratorId.replace(/-/g, '').slice(0, 6).toUpperCase()}`;

/**
 * What anyone may see without logging in: aggregates and open needs, never a contact, an email, a phone, a NIK or
 * the name of a private person. Responses are served as short-lived snapshots (see PublicSnapshots).
 */
@Injectable()
export class PublicService {
  constructor(
    private readonly publicRows: PublicRepository,
    private readonly reportRows: ReportsRepository,
    private readonly reports: ReportsService,
    private readonly folder: RollupFolder,
    private readonly snapshots: PublicSnapshots,
  ) {}

  /**
   * Held until the rollups change (PublicSnapshots, `rollups`). A read still starts a fold in the background when
   * the worker seems behind (at most one check per few seconds), and that fold's new version rebuilds the body.
   */
  private foldInBackground(): void {
    this.folder.foldIfStale().catch(() => undefined);
  }

  private foldAskedAt = 0;

  /**
   * foldInBackground at most every FOLD_ASK_MS: the folder looks at most every few seconds anyway, and a promise per
   * request is most of what a held read costs (`held`).
   */
  private foldInBackgroundNowAndThen(): void {
    const now = Date.now();
    if (now - this.foldAskedAt < FOLD_ASK_MS) return;
    this.foldAskedAt = now;
    this.foldInBackground();
  }

  /**
   * The bodies already held for these arguments, answered without computing, waiting or touching the database (the
   * API's fast path, apps/api/src/reports/public-fast-path.ts); undefined when not held — the route then computes it.
   * Like the routes, a read of the rollup-held bodies may start a fold in the background.
   */
  readonly held = {
    stats: (): Snapshot | undefined => {
      this.foldInBackgroundNowAndThen();
      return this.snapshots.peek(keys.stats(), ROLLUPS);
    },
    map: (level: MapLevel, programCode?: string, regionCode?: string): Snapshot | undefined => {
      this.foldInBackgroundNowAndThen();
      return this.snapshots.peek(keys.map(level, programCode, regionCode), ROLLUPS);
    },
    needs: (q: PublicNeedsQuery): Snapshot | undefined => this.snapshots.peek(keys.needs(q)),
    scorecard: (programCode?: string): Snapshot | undefined => this.snapshots.peek(keys.scorecard(programCode)),
  };

  stats(): Promise<Snapshot> {
    this.foldInBackground();
    return this.snapshots.get(keys.stats(), async (): Promise<PublicStats> => {
      await this.folder.foldIfStale();
      const [programs, collaborators] = await Promise.all([
        this.publicRows.programFlows(),
        this.publicRows.verifiedCollaboratorsByType(),
      ]);
      const byType = Object.fromEntries(COLLABORATOR_TYPES.map((t) => [t, 0])) as Record<
        CollaboratorType,
        number
      >;
      for (const c of collaborators) byType[c.type] = c.count;
      const sum = (k: keyof (typeof programs)[number]): number =>
        programs.reduce((s, p) => s + Number(p[k]), 0);
      return {
        generatedAt: new Date().toISOString(),
        collaborators: { total: collaborators.reduce((s, c) => s + c.count, 0), byType },
        needs: {
          count: sum('count'),
          quantity: sum('quantity'),
          allocated: sum('allocated'),
          delivered: sum('delivered'),
          available: sum('available'),
        },
        handovers: { verified: sum('handoversVerified') },
        beneficiaries: { planned: sum('beneficiaries'), reached: sum('beneficiariesReached') },
        programs: programs.map(
          ({ code, name, count, quantity, allocated, delivered, available, ...rest }) => ({
            code,
            name,
            count,
            quantity,
            allocated,
            delivered,
            available,
            beneficiaries: rest.beneficiaries,
            beneficiariesReached: rest.beneficiariesReached,
            handoversVerified: rest.handoversVerified,
          }),
        ),
      };
    }, ROLLUPS);
  }

  needs(q: PublicNeedsQuery): Promise<Snapshot> {
    return this.snapshots.get(keys.needs(q), async (): Promise<Page<PublicNeed>> => {
      await this.assertProgram(q.programCode);
      const { rows, total } = await this.publicRows.openNeeds(q);
      return pageOf(rows, total, q);
    });
  }

  /** A GeoJSON FeatureCollection: one feature per district, village or RW with published needs (counts only). */
  map(level: MapLevel, programCode?: string, regionCode?: string): Promise<Snapshot> {
    this.foldInBackground();
    return this.snapshots.get(keys.map(level, programCode, regionCode), async () => {
      const coverage = await this.reports.coverage(level, programCode, regionCode);
      const geometries = await this.publicRows.geometries(coverage.rows.map((r) => r.code));
      return {
        type: 'FeatureCollection',
        features: coverage.rows.map((r) => ({
          type: 'Feature',
          id: r.code,
          geometry: geometries.has(r.code) ? JSON.parse(geometries.get(r.code) as string) : null,
          properties: {
            code: r.code,
            name: r.name,
            level,
            needs: r.needs,
            quantity: r.quantity,
            allocated: r.allocated,
            delivered: r.delivered,
            available: r.available,
            coveragePercent: r.coveragePercent,
          },
        })),
      };
    }, ROLLUPS);
  }

  scorecard(programCode?: string): Promise<Snapshot> {
    return this.snapshots.get(keys.scorecard(programCode), async (): Promise<PublicScorecard> => {
      await this.assertProgram(programCode);
      await this.folder.foldCommitments();
      const rows = await this.publicRows.scores(programCode);
      return {
        program: programCode ?? null,
        generatedAt: new Date().toISOString(),
        rows: rows.map((r) => {
          const anonymous = r.type === 'individual' && !r.publicOptIn;
          return {
            name: anonymous ? anonymousLabel(r.id) : r.name,
            type: r.type,
            anonymous,
            commitments: r.commitments,
            committed: r.committed,
            claimed: r.claimed,
            delivered: r.delivered,
            deliveredPercent: r.committed > 0 ? round1((r.delivered * 100) / r.committed) : 0,
          };
        }),
      };
    });
  }

  private async assertProgram(code: string | undefined): Promise<void> {
    if (code && !(await this.reportRows.programExists(code))) {
      throw new InvalidInputError(`there is no program ${code}`, [
        { field: 'program', message: 'is not a known program code' },
      ]);
    }
  }
}
