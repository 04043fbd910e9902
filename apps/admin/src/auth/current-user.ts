import { createContext, useContext } from 'react';
import { roleOf, type Me, type Role } from './session-store';

export interface CurrentUser {
  me: Me;
  role: Role | null;
  name: string;
}

export const CurrentUserContext = createContext<CurrentUser | null>(null);

export function currentUserFrom(me: Me): CurrentUser {
  return { me, role: roleOf(me), name: me.user?.name ?? me.user?.email ?? '' };
}

/** The signed-in user; only inside the authenticated part of the app. */
export function useCurrentUser(): CurrentUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser must be used inside <RequireAuth>');
  return user;
}
