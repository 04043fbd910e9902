import { lazy, type ReactNode } from 'react';
import { useCurrentUser } from '../../auth/current-user';

const DeliverersHome = lazy(() => import('./HomePage'));
const KelurahanHome = lazy(() => import('../kelurahan/KelurahanHomePage'));

/**
 * `/`: a donor's or an aggregator's own home, the kelurahan officer's home (their area's work); staff keep what
 * `children` shows (the dashboard).
 */
export function RoleHome({ children }: { children: ReactNode }) {
  const { role } = useCurrentUser();
  if (role === 'collaborator' || role === 'aggregator') return <DeliverersHome />;
  if (role === 'kelurahan') return <KelurahanHome />;
  return <>{children}</>;
}
