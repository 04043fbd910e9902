import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { RequireRole } from './auth/RequireRole';
import { LoadingState } from './components/StatusViews';
import { NAV_ITEMS, type PageId } from './navigation';

const LoginPage = lazy(() => import('./pages/LoginPage'));
const AppLayout = lazy(() => import('./layout/AppLayout'));
const DashboardPage = lazy(() => import('./pages/DashboardPage'));
const UsersPage = lazy(() => import('./pages/UsersPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const ComingSoonPage = lazy(() => import('./pages/ComingSoonPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

/** What each navigation entry shows; pages not built yet are a "coming soon" state. */
const PAGES: Record<PageId, ReactNode> = {
  dashboard: <DashboardPage />,
  users: <UsersPage />,
  audit: <AuditPage />,
  needs: <ComingSoonPage titleKey="nav.needs" />,
  collaborators: <ComingSoonPage titleKey="nav.collaborators" />,
  programs: <ComingSoonPage titleKey="nav.programs" />,
  myOrganisation: <ComingSoonPage titleKey="nav.myOrganisation" />,
  assignments: <ComingSoonPage titleKey="nav.assignments" />,
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
        const element = <RequireRole item={item}>{PAGES[item.id]}</RequireRole>;
        return item.path === '/' ? { index: true, element } : { path: item.path.slice(1), element };
      }),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
