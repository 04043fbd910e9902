import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { refreshUnread, resetUnread, useUnreadCount } from '../inbox/unread-count';
import { useI18n } from '../i18n/I18nProvider';
import './bell.css';

/** How often the unread count is asked for while the tab is shown. */
export const UNREAD_POLL_MS = 60_000;

/**
 * The header's bell: the unread count (polled every minute, paused while the tab is hidden, asked again when it is
 * shown), a button that opens the inbox. Its accessible name says the count.
 */
export function NotificationBell() {
  const { t, format } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const count = useUnreadCount();

  useEffect(() => {
    let timer: number | undefined;
    const stop = () => {
      if (timer !== undefined) window.clearInterval(timer);
      timer = undefined;
    };
    const start = () => {
      stop();
      timer = window.setInterval(() => void refreshUnread(), UNREAD_POLL_MS);
    };
    const onVisibility = () => {
      if (document.hidden) return stop();
      void refreshUnread();
      start();
    };
    void refreshUnread();
    if (!document.hidden) start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
      resetUnread();
    };
  }, []);

  const unread = count ?? 0;
  const label = unread > 0 ? t('inbox.bell', { count: format.number(unread) }) : t('inbox.bellNone');
  return (
    <button
      type="button"
      className={unread > 0 ? 'button button--ghost bell bell--unread' : 'button button--ghost bell'}
      aria-label={label}
      title={label}
      aria-current={pathname === '/inbox' ? 'page' : undefined}
      onClick={() => navigate('/inbox')}
      data-testid="notification-bell"
    >
      <svg
        className="bell__icon"
        viewBox="0 0 24 24"
        width="20"
        height="20"
        aria-hidden="true"
        focusable="false"
      >
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread > 0 && (
        <span className="bell__count" aria-hidden="true">
          {unread > 99 ? '99+' : format.number(unread)}
        </span>
      )}
    </button>
  );
}
