import { useState, type FormEvent } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType as EventType } from '../../api/enums';
import { failureText, type ApiFailure } from '../../api/failure';
import { fieldErrorsOf, mutate } from '../../api/mutate';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyButton } from '../../components/CopyButton';
import { controlProps, Field } from '../../components/Field';
import { PagedTable } from '../../components/PagedTable';
import { useToast } from '../../components/Toast';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';
import { WebhookDeliveries } from './WebhookDeliveries';

type Webhook = Schemas['WebhookResponse'];
type CreatedWebhook = Schemas['CreatedWebhookResponse'];
const PAGE_SIZE = 20;

/** Webhook subscriptions: create one (its secret shown once), delete one, and read its delivery log. */
export function Webhooks() {
  const { t, format } = useI18n();
  const toast = useToast();
  const [page, setPage] = useState(1);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<EventType[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [noEvent, setNoEvent] = useState(false);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const [showing, setShowing] = useState<Webhook | null>(null);
  const webhooks = useApiQuery(
    (signal) => api.GET('/api/v1/webhooks', { params: { query: { page, limit: PAGE_SIZE } }, signal }),
    [page],
  );

  function toggle(event: EventType, checked: boolean) {
    setEvents((current) => (checked ? [...current, event] : current.filter((item) => item !== event)));
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setNoEvent(events.length === 0);
    if (events.length === 0) return;
    setBusy(true);
    const result = await mutate(() =>
      api.POST('/api/v1/webhooks', {
        // No Idempotency-Key: the API never keeps an answer that holds a secret (the secret is shown once).
        body: { url: url.trim(), events },
      }),
    );
    setBusy(false);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    setCreated(result.data);
    setUrl('');
    setEvents([]);
    toast.show(t('webhooks.created'));
    webhooks.reload();
  }

  async function remove(): Promise<ApiFailure | null> {
    if (!deleting) return null;
    const result = await mutate(() =>
      api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id: deleting.id } } }),
    );
    if (!result.ok) return result.failure;
    toast.show(t('webhooks.deleted'));
    if (showing?.id === deleting.id) setShowing(null);
    webhooks.reload();
    return null;
  }

  const errors = fieldErrorsOf(failure);
  return (
    <section className="card stack" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">{t('webhooks.title')}</h2>
      <p className="muted">{t('webhooks.intro')}</p>
      {created && (
        <div className="notice notice--success" role="status">
          <p>
            <strong>{t('webhooks.onceTitle')}</strong> {t('webhooks.onceBody')}
          </p>
          <p className="secret">
            <code id="webhook-secret">{created.secret}</code>
          </p>
          <div className="row-actions">
            <CopyButton text={created.secret} label={t('webhooks.copy')} targetId="webhook-secret" />
            <button type="button" className="button button--ghost" onClick={() => setCreated(null)}>
              {t('webhooks.stored')}
            </button>
          </div>
        </div>
      )}
      <form className="stack" onSubmit={create} noValidate aria-label={t('webhooks.create')}>
        <Field id="webhook-url" label={t('webhooks.url')} error={errors.url}>
          <input
            {...controlProps('webhook-url', errors.url)}
            type="url"
            required
            value={url}
            placeholder="https://"
            onChange={(event) => setUrl(event.target.value)}
          />
        </Field>
        <fieldset className="field" aria-describedby={noEvent ? 'webhook-events-error' : undefined}>
          <legend>{t('webhooks.events')}</legend>
          <div className="checkbox-group">
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <label key={type} className="checkbox">
                <input
                  type="checkbox"
                  checked={events.includes(type)}
                  onChange={(event) => toggle(type, event.target.checked)}
                />{' '}
                <code>{type}</code>
              </label>
            ))}
          </div>
          {(noEvent || errors.events) && (
            <p id="webhook-events-error" className="field__error">
              {noEvent ? t('webhooks.chooseEvent') : errors.events}
            </p>
          )}
        </fieldset>
        {failure && (
          <p className="notice notice--error" role="alert">
            {failureText(failure, t)}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('action.saving') : t('webhooks.create')}
          </button>
        </div>
      </form>
      <PagedTable<Webhook>
        query={webhooks}
        caption={t('webhooks.title')}
        emptyTitle={t('webhooks.empty')}
        onPageChange={setPage}
        rowKey={(webhook) => webhook.id}
        columns={[
          { header: t('webhooks.url'), cell: (webhook) => <span className="mono">{webhook.url}</span> },
          { header: t('webhooks.events'), cell: (webhook) => webhook.events.join(', ') },
          { header: t('apiKeys.createdAt'), cell: (webhook) => format.dateTime(webhook.createdAt) },
          {
            header: t('table.actions'),
            cell: (webhook) => (
              <div className="row-actions">
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-pressed={showing?.id === webhook.id}
                  onClick={() => setShowing(showing?.id === webhook.id ? null : webhook)}
                >
                  {t('webhooks.deliveries')}
                  <span className="visually-hidden"> {webhook.url}</span>
                </button>
                <button
                  type="button"
                  className="button button--ghost button--small"
                  onClick={() => setDeleting(webhook)}
                >
                  {t('webhooks.delete')}
                  <span className="visually-hidden"> {webhook.url}</span>
                </button>
              </div>
            ),
          },
        ]}
      />
      {showing && <WebhookDeliveries key={showing.id} webhook={showing} />}
      <ConfirmDialog
        open={deleting !== null}
        title={t('webhooks.deleteTitle')}
        body={deleting ? t('webhooks.deleteBody', { url: deleting.url }) : ''}
        confirmLabel={t('webhooks.delete')}
        danger
        onConfirm={remove}
        onClose={() => setDeleting(null)}
      />
    </section>
  );
}
