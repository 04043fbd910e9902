import type { Role } from './auth/session-store';
import type { MessageKey } from './i18n/id';

export type PageId =
  | 'dashboard'
  | 'users'
  | 'audit'
  | 'needs'
  | 'collaborators'
  | 'programs'
  | 'myOrganisation'
  | 'assignments';

export interface NavItem {
  id: PageId;
  /** absolute path of the page */
  path: string;
  labelKey: MessageKey;
  /** the roles that see the link and may open the page */
  roles: readonly Role[];
}

const EVERY_ROLE: readonly Role[] = ['admin', 'operator', 'viewer', 'collaborator', 'aggregator'];

/** The single source for both the navigation and the route guards: a page is reachable only from its roles. */
export const NAV_ITEMS: readonly NavItem[] = [
  { id: 'dashboard', path: '/', labelKey: 'nav.dashboard', roles: EVERY_ROLE },
  { id: 'users', path: '/users', labelKey: 'nav.users', roles: ['admin'] },
  { id: 'audit', path: '/audit', labelKey: 'nav.audit', roles: ['admin'] },
  { id: 'needs', path: '/needs', labelKey: 'nav.needs', roles: ['operator'] },
  { id: 'collaborators', path: '/collaborators', labelKey: 'nav.collaborators', roles: ['operator'] },
  { id: 'programs', path: '/programs', labelKey: 'nav.programs', roles: ['operator', 'viewer'] },
  { id: 'myOrganisation', path: '/my-organisation', labelKey: 'nav.myOrganisation', roles: ['collaborator'] },
  { id: 'assignments', path: '/assignments', labelKey: 'nav.assignments', roles: ['aggregator'] },
];

export function mayOpen(item: NavItem, role: Role | null): boolean {
  return role !== null && item.roles.includes(role);
}

export function navItemsFor(role: Role | null): NavItem[] {
  return NAV_ITEMS.filter((item) => mayOpen(item, role));
}
