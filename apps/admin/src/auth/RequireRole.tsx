import type { ReactNode } from 'react';
import { mayOpen, type NavItem } from '../navigation';
import { NotAllowedPage } from '../pages/NotAllowedPage';
import { useCurrentUser } from './current-user';

/** The page for its roles; anyone else gets the "not allowed" page (and the page's code is never loaded). */
export function RequireRole({ item, children }: { item: NavItem; children: ReactNode }) {
  const { role } = useCurrentUser();
  return mayOpen(item, role) ? children : <NotAllowedPage />;
}
