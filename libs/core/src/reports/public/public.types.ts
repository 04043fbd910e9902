import type { CollaboratorType } from '../../collaborators/collaborator.entity';
import type { NeedTotals, ReportLevel } from '../report.types';

/** The levels the public map shades regions at. */
export const MAP_LEVELS = ['district', 'village', 'rw'] as const satisfies readonly ReportLevel[];
export type MapLevel = (typeof MAP_LEVELS)[number];

export interface PublicProgramStats extends NeedTotals {
  code: string;
  name: string;
  beneficiaries: number;
  beneficiariesReached: number;
  handoversVerified: number;
}

export interface PublicStats {
  generatedAt: string;
  collaborators: { total: number; byType: Record<CollaboratorType, number> };
  needs: NeedTotals;
  handovers: { verified: number };
  beneficiaries: { planned: number; reached: number };
  programs: PublicProgramStats[];
}

/** An open need as the public sees it: no contact, no description, no exact location. */
export interface PublicNeed {
  id: string;
  program: { code: string; name: string };
  package: { code: string; name: string; unit: string };
  region: { code: string; name: string; level: string };
  title: string;
  quantity: number;
  allocatedQuantity: number;
  deliveredQuantity: number;
  availableQuantity: number;
  beneficiaryCount: number;
  dueDate: string | null;
  publishedAt: string | null;
}

export interface PublicNeedsQuery {
  programCode?: string;
  regionCode?: string;
  page: number;
  limit: number;
}

export interface PublicScore {
  /** the organisation's name, an opted-in individual's name, or "Donatur perorangan #<short id>" */
  name: string;
  type: CollaboratorType;
  anonymous: boolean;
  commitments: number;
  committed: number;
  /** quantity of the commitments' claims on needs (reserved or delivered) */
  claimed: number;
  delivered: number;
  deliveredPercent: number;
}

export interface PublicScorecard {
  program: string | null;
  generatedAt: string;
  rows: PublicScore[];
}
