import { lazy, type ReactNode } from 'react';
import { useCurrentUser } from '../../auth/current-user';

const DeliverersHome = lazy(() => import('./HomePage'));

/** `/`: a donor's or an aggregator's own home; every other role keeps what `children` shows (the dashboard). */
export function RoleHome({ children }: { children: ReactNode }) {
  const { role } = useCurrentUser();
  return role === 'collaborator' || role === 'aggregator' ? <DeliverersHome /> : <>{children}</>;
}
