import { matchPath } from 'react-router';
import type { Role } from '../auth/session-store';
import { commitmentPath, handoverPath, mayOpen, NAV_ITEMS } from '../navigation';

const POKJA = (role: Role | null) => role === 'admin' || role === 'operator';

/** Where the page about a notification's object is for this role (before checking the role may open it). */
function candidate(type: string, id: string, role: Role | null): string | null {
  switch (type) {
    case 'commitment':
      return commitmentPath(role, id);
    case 'handover':
      return handoverPath(role, id);
    case 'allocation':
      if (role === 'collaborator') return '/my-claims';
      if (role === 'aggregator') return '/assignments';
      if (role === 'kelurahan') return '/area-claims';
      return '/allocations';
    case 'need':
      if (role === 'collaborator') return '/open-needs';
      if (role === 'kelurahan') return `/area-needs/${id}`;
      return `/needs/${id}/edit`;
    case 'collaborator':
      return role === 'collaborator' ? '/my-organisation' : '/collaborators';
    case 'aggregator':
      return POKJA(role) ? `/aggregators/${id}` : null;
    case 'report_run':
      return '/reports';
    default:
      return null;
  }
}

/**
 * The console page a notification links to (its commitment, handover, claim list, need…), or null when there is
 * none this role may open. `data` is what the API stores: `{ aggregateType, aggregateId }`.
 */
export function notificationPath(data: Record<string, unknown>, role: Role | null): string | null {
  const type = typeof data.aggregateType === 'string' ? data.aggregateType : '';
  const id = typeof data.aggregateId === 'string' ? encodeURIComponent(data.aggregateId) : '';
  if (!type || !id) return null;
  const path = candidate(type, id, role);
  if (!path) return null;
  const item = NAV_ITEMS.find((nav) => matchPath(nav.path, path));
  return item && mayOpen(item, role) ? path : null;
}
