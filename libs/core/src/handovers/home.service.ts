import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '../common/domain-errors';
import type { Principal } from '../common/request-context';
import { HomeRepository, HomeScope } from './home.repository';
import type { HomeView } from './home.view';

export type { HomeClaimView, HomeCommitmentView, HomeRejectedItemView, HomeView } from './home.view';

/**
 * The home of a donor (collaborator) or an aggregator: its open claims by due date, rejected handover items to fix
 * and its commitments' progress — only ever its own organisation's. Other roles have no home here (403).
 */
@Injectable()
export class HomeService {
  constructor(private readonly home: HomeRepository) {}

  async of(p: Principal): Promise<HomeView> {
    const scope = scopeOf(p);
    const [organisationName, claims, rejectedItems, commitments] = await Promise.all([
      this.home.organisationName(scope),
      this.home.openClaims(scope),
      this.home.rejectedItems(scope),
      this.home.commitments(scope),
    ]);
    return {
      role: scope.kind,
      organisationId: scope.id,
      organisationName,
      claims,
      rejectedItems,
      commitments,
    };
  }
}

function scopeOf(p: Principal): HomeScope {
  if (p.role === 'collaborator' && p.collaboratorId) return { kind: 'collaborator', id: p.collaboratorId };
  if (p.role === 'aggregator' && p.aggregatorId) return { kind: 'aggregator', id: p.aggregatorId };
  throw new ForbiddenError('only a collaborator or an aggregator account has a home page');
}
