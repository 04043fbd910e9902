import { useEffect, useState, useSyncExternalStore } from 'react';
import { Link } from 'react-router';
import { useToast } from '../components/Toast';
import { useI18n } from '../i18n/I18nProvider';
import { discard, handoverQueue, refreshQueue, sendQueued } from './handover-queue';

/** Whether the browser believes it has a connection (`navigator.onLine`, kept up to date by its events). */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/**
 * The handovers kept on this device: "waiting to send" with their count, sent by themselves when the connection
 * returns and by the "Send now" button; one the API refused is listed with its reason, to be discarded.
 */
export function HandoverQueuePanel() {
  const { t, format } = useI18n();
  const toast = useToast();
  const online = useOnline();
  const { entries, sending } = useSyncExternalStore(handoverQueue.subscribe, handoverQueue.getSnapshot);

  useEffect(() => {
    void refreshQueue();
    return handoverQueue.onSent(({ created, failedUploads }) => {
      toast.show(t('offlineQueue.sent', { number: created.bastNumber }));
      if (failedUploads) toast.show(t('handoverForm.uploadsFailed', { count: failedUploads }), 'error');
    });
  }, [toast, t]);

  const waiting = entries.filter((entry) => !entry.refused);
  const refused = entries.filter((entry) => entry.refused);
  if (entries.length === 0) return null;

  return (
    <section
      className="notice notice--warning offline-queue"
      aria-labelledby="offline-queue-title"
      data-testid="offline-queue"
    >
      {waiting.length > 0 && (
        <>
          <h2 id="offline-queue-title" className="offline-queue__title" role="status">
            {t('offlineQueue.waiting', { count: waiting.length })}
          </h2>
          <p>{online ? t('offlineQueue.hint') : t('offlineQueue.offlineHint')}</p>
          <ul className="offline-queue__list">
            {waiting.map((entry) => (
              <li key={entry.key}>
                {t('offlineQueue.entry', {
                  date: format.dateTime(entry.body.handedOverAt),
                  quantity: format.number(entry.body.items.reduce((sum, item) => sum + item.quantity, 0)),
                  photos: entry.files.length,
                })}
                {entry.created && (
                  <>
                    {' · '}
                    <Link to={`/deliveries/${entry.created.id}`}>{entry.created.bastNumber}</Link>
                  </>
                )}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void sendQueued()}
            disabled={sending}
          >
            {sending ? t('offlineQueue.sending') : t('offlineQueue.sendNow')}
          </button>
        </>
      )}
      {refused.length > 0 && (
        <>
          {waiting.length === 0 && (
            <h2 id="offline-queue-title" className="offline-queue__title">
              {t('offlineQueue.refusedTitle')}
            </h2>
          )}
          <ul className="offline-queue__list">
            {refused.map((entry) => (
              <li key={entry.key}>
                {t('offlineQueue.refused', {
                  date: format.dateTime(entry.body.handedOverAt),
                  detail: entry.refused?.detail ?? '',
                })}{' '}
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => void discard(entry.key)}
                >
                  {t('offlineQueue.discard')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
