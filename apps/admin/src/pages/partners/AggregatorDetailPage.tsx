import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { failureText, type ApiFailure } from '../../api/failure';
import { mutate } from '../../api/mutate';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyButton } from '../../components/CopyButton';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { useToast } from '../../components/Toast';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';
import { AggregatorWork } from '../details/AggregatorWork';
import { ObjectHistory } from '../details/ObjectHistory';
import { RegionNames } from '../../components/RegionName';

type ApiKey = Schemas['ApiKeyResponse'];
type IssuedKey = Schemas['IssuedApiKeyResponse'];

export default function AggregatorDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const aggregator = useApiQuery(
    (signal) => api.GET('/api/v1/aggregators/{id}', { params: { path: { id } }, signal }),
    [id],
  );
  if (aggregator.status === 'loading') return <LoadingState />;
  if (aggregator.status === 'error')
    return <ErrorState failure={aggregator.failure} onRetry={aggregator.reload} />;
  const row = aggregator.data;
  return (
    <>
      <PageHeader title={row.name} intro={t('aggregators.detailIntro')}>
        <Link className="button button--secondary" to="/aggregators">
          {t('action.backToList')}
        </Link>
      </PageHeader>
      <section className="card" aria-labelledby="aggregator-profile">
        <h2 id="aggregator-profile" className="card__title">
          {t('aggregators.profile')}
        </h2>
        <dl className="details">
          <dt>{t('aggregators.status')}</dt>
          <dd>
            <StatusBadge
              label={t(`aggregatorStatus.${row.status}`)}
              tone={row.status === 'active' ? 'good' : 'neutral'}
            />
          </dd>
          <dt>{t('aggregators.programs')}</dt>
          <dd>{row.programCodes.join(', ') || '—'}</dd>
          <dt>{t('aggregators.regions')}</dt>
          <dd>
            <RegionNames codes={row.regionCodes} />
          </dd>
          <dt>{t('aggregators.contact')}</dt>
          <dd>{[row.email, row.phone].filter(Boolean).join(' · ') || '—'}</dd>
        </dl>
      </section>
      <ApiKeys aggregatorId={row.id} />
      <AggregatorWork aggregatorId={row.id} />
      <ObjectHistory entity="aggregator" entityId={row.id} name={row.name} />
    </>
  );
}

function ApiKeys({ aggregatorId }: { aggregatorId: string }) {
  const { t, format } = useI18n();
  const toast = useToast();
  const [name, setName] = useState('');
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<IssuedKey | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const keys = useApiQuery(
    (signal) =>
      api.GET('/api/v1/aggregators/{id}/api-keys', { params: { path: { id: aggregatorId } }, signal }),
    [aggregatorId],
  );

  async function issue(event: FormEvent) {
    event.preventDefault();
    setIssuing(true);
    setFailure(null);
    const result = await mutate(() =>
      api.POST('/api/v1/aggregators/{id}/api-keys', {
        // No Idempotency-Key: the API never keeps an answer that holds a secret (the key is shown once).
        params: { path: { id: aggregatorId } },
        body: name.trim() ? { name: name.trim() } : {},
      }),
    );
    setIssuing(false);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    setIssued(result.data);
    setName('');
    toast.show(t('apiKeys.created'));
    keys.reload();
  }

  async function revoke(): Promise<ApiFailure | null> {
    if (!revoking) return null;
    const result = await mutate(() =>
      api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id: revoking.id } } }),
    );
    if (!result.ok) return result.failure;
    toast.show(t('apiKeys.revoked', { name: revoking.name }));
    keys.reload();
    return null;
  }

  return (
    <section className="card stack" aria-labelledby="api-keys-title">
      <h2 id="api-keys-title">{t('apiKeys.title')}</h2>
      <p className="muted">{t('apiKeys.intro')}</p>
      {issued && (
        <div className="notice notice--success" role="status">
          <p>
            <strong>{t('apiKeys.onceTitle')}</strong> {t('apiKeys.onceBody')}
          </p>
          <p className="secret">
            <code id="issued-key">{issued.key}</code>
          </p>
          <div className="row-actions">
            <CopyButton text={issued.key} label={t('apiKeys.copy')} targetId="issued-key" />
            <button type="button" className="button button--ghost" onClick={() => setIssued(null)}>
              {t('apiKeys.stored')}
            </button>
          </div>
        </div>
      )}
      <form className="filters" onSubmit={issue} aria-label={t('apiKeys.create')}>
        <div className="field filters__grow">
          <label htmlFor="api-key-name">{t('apiKeys.name')}</label>
          <input
            id="api-key-name"
            value={name}
            maxLength={100}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <button type="submit" className="button button--primary filters__submit" disabled={issuing}>
          {t('apiKeys.create')}
        </button>
      </form>
      {failure && (
        <p className="notice notice--error" role="alert">
          {failureText(failure, t)}
        </p>
      )}
      {keys.status === 'loading' && <LoadingState />}
      {keys.status === 'error' && <ErrorState failure={keys.failure} onRetry={keys.reload} />}
      {keys.status === 'success' && keys.data.length === 0 && <EmptyState title={t('apiKeys.empty')} />}
      {keys.status === 'success' && keys.data.length > 0 && (
        <DataTable
          caption={t('apiKeys.title')}
          rows={keys.data}
          rowKey={(key) => key.id}
          columns={[
            { header: t('apiKeys.name'), cell: (key) => key.name },
            { header: t('apiKeys.prefix'), cell: (key) => <code>{key.prefix}…</code> },
            { header: t('apiKeys.createdAt'), cell: (key) => format.dateTime(key.createdAt) },
            {
              header: t('apiKeys.lastUsed'),
              cell: (key) => (key.lastUsedAt ? format.dateTime(key.lastUsedAt) : t('users.never')),
            },
            {
              header: t('table.actions'),
              cell: (key) =>
                key.revokedAt ? (
                  <StatusBadge
                    label={t('apiKeys.revokedAt', { at: format.date(key.revokedAt) })}
                    tone="bad"
                  />
                ) : (
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    onClick={() => setRevoking(key)}
                  >
                    {t('apiKeys.revoke')}
                    <span className="visually-hidden"> {key.name}</span>
                  </button>
                ),
            },
          ]}
        />
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={t('apiKeys.revokeTitle')}
        body={revoking ? t('apiKeys.revokeBody', { name: revoking.name }) : ''}
        confirmLabel={t('apiKeys.revoke')}
        danger
        onConfirm={revoke}
        onClose={() => setRevoking(null)}
      />
    </section>
  );
}
