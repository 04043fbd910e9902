import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { RequireRole } from './auth/RequireRole';
import { LoadingState } from './components/StatusViews';
import { NAV_ITEMS, type PageId } from './navigation';
import { RoleHome } from './pages/home/RoleHome';

// every page is its own chunk: a role downloads only the screens it opens
const LoginPage = lazy(() => import('./pages/LoginPage'));
const PublicPage = lazy(() => import('./pages/public/PublicPage'));
const SignupPage = lazy(() => import('./pages/signup/SignupPage'));
const SignupStatusPage = lazy(() => import('./pages/signup/SignupStatusPage'));
const VerifyEmailPage = lazy(() => import('./pages/signup/VerifyEmailPage'));
const BastPage = lazy(() => import('./pages/public/BastPage'));
const AppLayout = lazy(() => import('./layout/AppLayout'));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage'));
const UsersPage = lazy(() => import('./pages/users/UsersPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const ProgramsPage = lazy(() => import('./pages/ProgramsPage'));
const NeedsPage = lazy(() => import('./pages/needs/NeedsPage'));
const NeedFormPage = lazy(() => import('./pages/needs/NeedFormPage'));
const NeedImportPage = lazy(() => import('./pages/needs/NeedImportPage'));
const CollaboratorsPage = lazy(() => import('./pages/partners/CollaboratorsPage'));
const NeedDetailPage = lazy(() => import('./pages/details/NeedDetailPage'));
const CollaboratorDetailPage = lazy(() => import('./pages/details/CollaboratorDetailPage'));
const AggregatorsPage = lazy(() => import('./pages/partners/AggregatorsPage'));
const AggregatorDetailPage = lazy(() => import('./pages/partners/AggregatorDetailPage'));
const CommitmentsPage = lazy(() => import('./pages/commitments/CommitmentsPage'));
const CommitmentDetailPage = lazy(() => import('./pages/commitments/CommitmentDetailPage'));
const AllocationsPage = lazy(() => import('./pages/commitments/AllocationsPage'));
const AssignmentsPage = lazy(() => import('./pages/commitments/AssignmentsPage'));
const MyOrganisationPage = lazy(() => import('./pages/collaborator/MyOrganisationPage'));
const OpenNeedsPage = lazy(() => import('./pages/collaborator/OpenNeedsPage'));
const CommitmentNewPage = lazy(() => import('./pages/collaborator/CommitmentNewPage'));
const HandoversPage = lazy(() => import('./pages/handovers/HandoversPage'));
const HandoverDetailPage = lazy(() => import('./pages/handovers/HandoverDetailPage'));
const HandoverNewPage = lazy(() => import('./pages/handovers/HandoverNewPage'));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage'));
const OutboxPage = lazy(() => import('./pages/outbox/OutboxPage'));
const InstitutionsPage = lazy(() => import('./pages/institutions/InstitutionsPage'));
const InstitutionDetailPage = lazy(() => import('./pages/institutions/InstitutionDetailPage'));
const NeedFlagsPage = lazy(() => import('./pages/institutions/NeedFlagsPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const InboxPage = lazy(() => import('./pages/inbox/InboxPage'));
const AreaNeedsPage = lazy(() => import('./pages/kelurahan/AreaNeedsPage'));
const AreaNeedDetailPage = lazy(() => import('./pages/kelurahan/AreaNeedDetailPage'));

/** What each navigation entry shows. */
const PAGES: Record<PageId, ReactNode> = {
  // a donor's, an aggregator's or a kelurahan officer's own home; staff keep the dashboard
  dashboard: (
    <RoleHome>
      <DashboardPage />
    </RoleHome>
  ),
  needs: <NeedsPage />,
  needNew: <NeedFormPage />,
  needEdit: <NeedFormPage />,
  needImport: <NeedImportPage />,
  needDetail: <NeedDetailPage />,
  collaboratorDetail: <CollaboratorDetailPage />,
  collaborators: <CollaboratorsPage />,
  aggregators: <AggregatorsPage />,
  aggregatorDetail: <AggregatorDetailPage />,
  commitments: <CommitmentsPage />,
  commitmentDetail: <CommitmentDetailPage />,
  allocations: <AllocationsPage />,
  handovers: <HandoversPage />,
  handoverDetail: <HandoverDetailPage />,
  institutions: <InstitutionsPage />,
  institutionDetail: <InstitutionDetailPage />,
  needFlags: <NeedFlagsPage />,
  programs: <ProgramsPage />,
  reports: <ReportsPage />,
  outbox: <OutboxPage />,
  users: <UsersPage />,
  audit: <AuditPage />,
  myOrganisation: <MyOrganisationPage />,
  openNeeds: <OpenNeedsPage />,
  myCommitments: <CommitmentsPage />,
  myCommitmentNew: <CommitmentNewPage />,
  myCommitmentDetail: <CommitmentDetailPage />,
  myClaims: <AllocationsPage />,
  assignments: <AssignmentsPage />,
  assignmentDetail: <CommitmentDetailPage />,
  deliveries: <HandoversPage />,
  deliveryNew: <HandoverNewPage />,
  deliveryDetail: <HandoverDetailPage />,
  areaNeeds: <AreaNeedsPage />,
  areaNeedDetail: <AreaNeedDetailPage />,
  areaClaims: <AllocationsPage />,
  areaHandovers: <HandoversPage />,
  areaHandoverDetail: <HandoverDetailPage />,
  inbox: <InboxPage />,
};

function WholePageSuspense({ children }: { children: ReactNode }) {
  return <Suspense fallback={<LoadingState fullPage />}>{children}</Suspense>;
}

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <WholePageSuspense>
        <LoginPage />
      </WholePageSuspense>
    ),
  },
  {
    path: '/public',
    element: (
      <WholePageSuspense>
        <PublicPage />
      </WholePageSuspense>
    ),
  },
  // self sign-up and its follow-ups, outside the console's layout
  {
    path: '/signup',
    element: (
      <WholePageSuspense>
        <SignupPage />
      </WholePageSuspense>
    ),
  },
  {
    path: '/signup/status',
    element: (
      <RequireAuth>
        <WholePageSuspense>
          <SignupStatusPage />
        </WholePageSuspense>
      </RequireAuth>
    ),
  },
  {
    path: '/verify-email',
    element: (
      <WholePageSuspense>
        <VerifyEmailPage />
      </WholePageSuspense>
    ),
  },
  // the BAST verification page (what the QR code on a BAST opens): `/bast/BAST/PANGAN/2026/000001`; `/bast`: the form
  ...['/bast', '/bast/*'].map((path) => ({
    path,
    element: (
      <WholePageSuspense>
        <BastPage />
      </WholePageSuspense>
    ),
  })),
  {
    path: '/',
    element: (
      <RequireAuth>
        <WholePageSuspense>
          <AppLayout />
        </WholePageSuspense>
      </RequireAuth>
    ),
    children: [
      ...NAV_ITEMS.map((item) => {
        // the key makes a page start fresh when the same component serves another role's URL or another id
        const element = (
          <RequireRole key={item.id} item={item}>
            {PAGES[item.id]}
          </RequireRole>
        );
        return item.path === '/' ? { index: true, element } : { path: item.path.slice(1), element };
      }),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
