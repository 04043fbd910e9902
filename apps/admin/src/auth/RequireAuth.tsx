import { useMemo, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { LoadingState } from '../components/StatusViews';
import { CurrentUserContext, currentUserFrom } from './current-user';
import { useSession } from './useSession';

/** Renders its children only for a signed-in user; otherwise waits for the session or goes to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const me = session.status === 'authenticated' ? session.me : null;
  const currentUser = useMemo(() => (me ? currentUserFrom(me) : null), [me]);

  if (session.status === 'restoring') return <LoadingState fullPage />;
  if (!currentUser) {
    const returnTo = location.pathname + location.search;
    const wantsReturn = session.status === 'anonymous' && session.ended !== 'logout' && returnTo !== '/';
    const target = wantsReturn ? `/login?next=${encodeURIComponent(returnTo)}` : '/login';
    return <Navigate to={target} replace />;
  }
  return <CurrentUserContext.Provider value={currentUser}>{children}</CurrentUserContext.Provider>;
}
