import { ROLES } from './api/enums';
import type { Role } from './auth/session-store';
import type { MessageKey } from './i18n/id';

export type PageId =
  | 'dashboard'
  | 'institutions'
  | 'institutionDetail'
  | 'needFlags'
  | 'needs'
  | 'needNew'
  | 'needEdit'
  | 'needImport'
  | 'needDetail'
  | 'collaboratorDetail'
  | 'collaborators'
  | 'aggregators'
  | 'aggregatorDetail'
  | 'commitments'
  | 'commitmentDetail'
  | 'allocations'
  | 'handovers'
  | 'handoverDetail'
  | 'programs'
  | 'reports'
  | 'outbox'
  | 'users'
  | 'audit'
  | 'myOrganisation'
  | 'openNeeds'
  | 'myCommitments'
  | 'myCommitmentNew'
  | 'myCommitmentDetail'
  | 'myClaims'
  | 'assignments'
  | 'assignmentDetail'
  | 'deliveries'
  | 'deliveryNew'
  | 'deliveryDetail'
  | 'areaNeeds'
  | 'areaNeedDetail'
  | 'areaClaims'
  | 'areaHandovers'
  | 'areaHandoverDetail'
  | 'inbox';

export interface NavItem {
  id: PageId;
  /** absolute path of the page (may hold route parameters like `:id`) */
  path: string;
  labelKey: MessageKey;
  /** the roles that see the link and may open the page */
  roles: readonly Role[];
  /** a page reached from another one (a detail or a form): guarded the same way, but no link in the navigation */
  subPage?: true;
}

const EVERY_ROLE: readonly Role[] = ROLES;
/** The Pokja: the API lets an admin do everything an operator does. */
const POKJA: readonly Role[] = ['admin', 'operator'];
const COLLABORATOR: readonly Role[] = ['collaborator'];
const AGGREGATOR: readonly Role[] = ['aggregator'];
/** Those who hand goods over to residents and submit the BAST: the donor itself, or the aggregator it assigned. */
const DELIVERERS: readonly Role[] = ['collaborator', 'aggregator'];
/** The kelurahan officer: the needs, claims and handovers of one kelurahan, which the API scopes. */
const KELURAHAN: readonly Role[] = ['kelurahan'];

/**
 * The single source for both the navigation and the route guards: a page is reachable only from its roles.
 * The order is the order of the links.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  // staff open the dashboard; the other roles their own home (labelled "Beranda": see navLabelKey)
  { id: 'dashboard', path: '/', labelKey: 'nav.dashboard', roles: EVERY_ROLE },
  { id: 'areaNeeds', path: '/area-needs', labelKey: 'nav.areaNeeds', roles: KELURAHAN },
  { id: 'areaNeedDetail', path: '/area-needs/:id', labelKey: 'nav.areaNeeds', roles: KELURAHAN, subPage: true },
  { id: 'areaClaims', path: '/area-claims', labelKey: 'nav.areaClaims', roles: KELURAHAN },
  { id: 'areaHandovers', path: '/area-handovers', labelKey: 'nav.areaHandovers', roles: KELURAHAN },
  {
    id: 'areaHandoverDetail',
    path: '/area-handovers/:id',
    labelKey: 'nav.areaHandovers',
    roles: KELURAHAN,
    subPage: true,
  },
  { id: 'needs', path: '/needs', labelKey: 'nav.needs', roles: POKJA },
  { id: 'needNew', path: '/needs/new', labelKey: 'needForm.newTitle', roles: POKJA, subPage: true },
  { id: 'needImport', path: '/needs/import', labelKey: 'needImport.title', roles: POKJA, subPage: true },
  { id: 'needEdit', path: '/needs/:id/edit', labelKey: 'needForm.editTitle', roles: POKJA, subPage: true },
  { id: 'needDetail', path: '/needs/:id', labelKey: 'nav.needs', roles: POKJA, subPage: true },
  { id: 'collaborators', path: '/collaborators', labelKey: 'nav.collaborators', roles: POKJA },
  {
    id: 'collaboratorDetail',
    path: '/collaborators/:id',
    labelKey: 'nav.collaborators',
    roles: POKJA,
    subPage: true,
  },
  { id: 'aggregators', path: '/aggregators', labelKey: 'nav.aggregators', roles: POKJA },
  {
    id: 'aggregatorDetail',
    path: '/aggregators/:id',
    labelKey: 'nav.aggregators',
    roles: POKJA,
    subPage: true,
  },
  { id: 'commitments', path: '/commitments', labelKey: 'nav.commitments', roles: POKJA },
  {
    id: 'commitmentDetail',
    path: '/commitments/:id',
    labelKey: 'nav.commitments',
    roles: POKJA,
    subPage: true,
  },
  { id: 'allocations', path: '/allocations', labelKey: 'nav.allocations', roles: POKJA },
  { id: 'handovers', path: '/handovers', labelKey: 'nav.handovers', roles: POKJA },
  { id: 'handoverDetail', path: '/handovers/:id', labelKey: 'nav.handovers', roles: POKJA, subPage: true },
  { id: 'institutions', path: '/institutions', labelKey: 'nav.institutions', roles: ['admin', 'operator', 'viewer'] },
  {
    id: 'institutionDetail',
    path: '/institutions/:id',
    labelKey: 'nav.institutions',
    roles: ['admin', 'operator', 'viewer'],
    subPage: true,
  },
  { id: 'needFlags', path: '/need-flags', labelKey: 'nav.needFlags', roles: ['admin', 'operator', 'viewer', 'kelurahan'] },
  { id: 'programs', path: '/programs', labelKey: 'nav.programs', roles: ['admin', 'operator', 'viewer'] },
  { id: 'reports', path: '/reports', labelKey: 'nav.reports', roles: ['admin', 'operator', 'viewer'] },
  { id: 'outbox', path: '/outbox', labelKey: 'nav.outbox', roles: POKJA },
  { id: 'users', path: '/users', labelKey: 'nav.users', roles: ['admin'] },
  { id: 'audit', path: '/audit', labelKey: 'nav.audit', roles: POKJA },
  { id: 'myOrganisation', path: '/my-organisation', labelKey: 'nav.myOrganisation', roles: COLLABORATOR },
  { id: 'openNeeds', path: '/open-needs', labelKey: 'nav.openNeeds', roles: COLLABORATOR },
  { id: 'myCommitments', path: '/my-commitments', labelKey: 'nav.myCommitments', roles: COLLABORATOR },
  {
    id: 'myCommitmentNew',
    path: '/my-commitments/new',
    labelKey: 'commitmentForm.title',
    roles: COLLABORATOR,
    subPage: true,
  },
  {
    id: 'myCommitmentDetail',
    path: '/my-commitments/:id',
    labelKey: 'nav.myCommitments',
    roles: COLLABORATOR,
    subPage: true,
  },
  { id: 'myClaims', path: '/my-claims', labelKey: 'nav.myClaims', roles: COLLABORATOR },
  { id: 'assignments', path: '/assignments', labelKey: 'nav.assignments', roles: AGGREGATOR },
  {
    id: 'assignmentDetail',
    path: '/assignments/:id',
    labelKey: 'nav.assignments',
    roles: AGGREGATOR,
    subPage: true,
  },
  { id: 'deliveries', path: '/deliveries', labelKey: 'nav.deliveries', roles: DELIVERERS },
  {
    id: 'deliveryNew',
    path: '/deliveries/new',
    labelKey: 'handoverForm.title',
    roles: DELIVERERS,
    subPage: true,
  },
  {
    id: 'deliveryDetail',
    path: '/deliveries/:id',
    labelKey: 'nav.deliveries',
    roles: DELIVERERS,
    subPage: true,
  },
  // the notification inbox, opened from the header's bell
  { id: 'inbox', path: '/inbox', labelKey: 'inbox.title', roles: EVERY_ROLE, subPage: true },
];

export function mayOpen(item: NavItem, role: Role | null): boolean {
  return role !== null && item.roles.includes(role);
}

/** The links of the main navigation for a role. */
export function navItemsFor(role: Role | null): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.subPage && mayOpen(item, role));
}

/** The staff roles, whose home is the dashboard; every other role has its own home ("Beranda"). */
const DASHBOARD_ROLES: readonly Role[] = ['admin', 'operator', 'viewer'];

/** The label of a navigation entry for a role: the home reads "Beranda"/"Home" for a role whose home is no dashboard. */
export function navLabelKey(item: NavItem, role: Role | null): MessageKey {
  if (item.id === 'dashboard' && role !== null && !DASHBOARD_ROLES.includes(role)) return 'nav.home';
  return item.labelKey;
}

/** Where a handover's detail lives for a role. */
export function handoverPath(role: Role | null, id: string): string {
  if (role === 'kelurahan') return `/area-handovers/${id}`;
  return role === 'admin' || role === 'operator' ? `/handovers/${id}` : `/deliveries/${id}`;
}

/** Where a need's detail lives for a role (null: the role has no need detail page). */
export function needPath(role: Role | null, id: string): string | null {
  if (role === 'kelurahan') return `/area-needs/${id}`;
  return role === 'admin' || role === 'operator' ? `/needs/${id}` : null;
}

/** Where a commitment's detail lives for a role (each role has its own URL space). */
export function commitmentPath(role: Role | null, id: string): string {
  if (role === 'collaborator') return `/my-commitments/${id}`;
  if (role === 'aggregator') return `/assignments/${id}`;
  return `/commitments/${id}`;
}
