import type { ActorKind, Language, ProgramStatus, Role } from '../api/enums';
import { labelsOf } from './messages/types';
import type { Dictionary } from './id';
import { commonEn } from './messages/common';
import { needsEn } from './messages/needs';
import { partnersEn } from './messages/partners';
import { commitmentsEn } from './messages/commitments';
import { handoversEn } from './messages/handovers';
import { mobileEn } from './messages/mobile';
import { fieldEn } from './messages/field';
import { overviewEn } from './messages/overview';
import { publicSiteEn } from './messages/public-site';
import { chartsEn } from './messages/charts';
import { homeEn } from './messages/home';
import { kelurahanEn } from './messages/kelurahan';
import { operationsEn } from './messages/operations';
import { problemsEn } from './messages/problems';
import { auditEn } from './messages/audit';
import { signupEn } from './messages/signup';
import { institutionsEn } from './messages/institutions';
import { institutionReachEn } from './messages/institution-reach';
import { operatorWorkEn } from './messages/operator-work';
import { regionsEn } from './messages/regions';

export const en: Dictionary = {
  'app.name': 'KSBB',
  'app.subtitle': 'Large-Scale Social Collaboration',
  'app.console': 'Admin console',
  'app.documentTitle': 'KSBB Admin',

  'a11y.skipToContent': 'Skip to main content',
  'a11y.mainNav': 'Main navigation',
  'a11y.scrollableTable': '{name} (scrollable table)',

  'lang.label': 'Language',
  ...labelsOf('lang', {
    id: 'Bahasa Indonesia',
    en: 'English',
  } satisfies Record<Language, string>),

  'login.title': 'Sign in',
  'login.intro': 'Sign in with your KSBB account to manage the collaboration.',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.failed': 'Sign-in failed.',
  'login.sessionExpired': 'Your session has ended. Please sign in again.',
  'login.welcome': 'Welcome, {name}.',
  'login.footer': 'Jakarta Provincial Government · Regional Cooperation Bureau',

  'header.user': 'Signed-in user',
  'header.logout': 'Log out',
  'logout.done': 'You have logged out.',

  ...labelsOf('role', {
    admin: 'Admin',
    operator: 'Operator',
    viewer: 'Viewer',
    collaborator: 'Collaborator',
    aggregator: 'Aggregator',
    kelurahan: 'Kelurahan officer',
  } satisfies Record<Role, string>),

  'nav.dashboard': 'Dashboard',
  'nav.users': 'Users',
  'nav.audit': 'Audit',
  'nav.needs': 'Needs',
  'nav.collaborators': 'Collaborators',
  'nav.programs': 'Programs',
  'nav.myOrganisation': 'My organisation',
  'nav.assignments': 'Assignments',

  'state.loading': 'Loading…',
  'state.errorTitle': 'The data could not be loaded',
  'state.retry': 'Try again',
  'state.empty': 'No data yet.',
  'error.network': 'The server cannot be reached. Check your connection and try again.',
  'error.unknown': 'Something unexpected went wrong.',

  'page.backToDashboard': 'Back to the dashboard',
  'notAllowed.title': 'Not allowed',
  'notAllowed.body': 'Your role ({role}) does not have access to this page.',
  'notFound.title': 'Page not found',
  'notFound.body': 'The address you opened does not exist or has moved.',

  'dashboard.welcome': 'Welcome, {name}',
  'dashboard.intro': 'Collaboration programs managed through KSBB.',
  'dashboard.programs': 'KSBB programs',
  'dashboard.noPrograms': 'No programs yet.',

  'program.name': 'Program',
  'program.code': 'Code',
  'program.status': 'Status',
  'program.claimHold': 'Claim hold',
  'program.days': '{count} days',
  'program.opensAt': 'Open since',
  ...labelsOf('programStatus', {
    draft: 'Draft',
    open: 'Open',
    closed: 'Closed',
  } satisfies Record<ProgramStatus, string>),

  'users.title': 'Users',
  'users.intro': 'Accounts that can access KSBB and their roles.',
  'users.name': 'Name',
  'users.email': 'Email',
  'users.role': 'Role',
  'users.status': 'Status',
  'users.lastLogin': 'Last sign-in',
  'users.active': 'Active',
  'users.inactive': 'Inactive',
  'users.never': 'Never',
  'users.empty': 'No users yet.',

  'audit.title': 'Audit log',
  'audit.intro': 'Who did what, when and from where.',
  'audit.at': 'Time',
  'audit.actor': 'Actor',
  'audit.action': 'Action',
  'audit.entity': 'Object',
  'audit.ip': 'IP address',
  'audit.empty': 'No audit entries yet.',
  ...labelsOf('actorKind', {
    user: 'User',
    api_key: 'API key',
    system: 'System',
    anonymous: 'Anonymous',
  } satisfies Record<ActorKind, string>),

  'pagination.label': 'Pagination',
  'pagination.previous': 'Previous',
  'pagination.next': 'Next',
  'pagination.summary': 'Page {page} of {pages} · {total} records',

  'toast.region': 'Notifications',
  'toast.close': 'Close notification',

  ...commonEn,
  ...needsEn,
  ...partnersEn,
  ...commitmentsEn,
  ...handoversEn,
  ...mobileEn,
  ...fieldEn,
  ...overviewEn,
  ...publicSiteEn,
  ...operationsEn,
  ...problemsEn,
  ...auditEn,
  ...signupEn,
  ...chartsEn,
  ...institutionsEn,
  ...institutionReachEn,
  ...operatorWorkEn,
  ...homeEn,
  ...kelurahanEn,
  ...regionsEn,
};
