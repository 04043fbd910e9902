import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { failureText, type ApiFailure } from '../../api/failure';
import { idempotencyKey, mutate } from '../../api/mutate';
import { useCurrentUser } from '../../auth/current-user';
import { DataTable } from '../../components/DataTable';
import { MapPanel } from '../../components/map/MapPanel';
import type { MapPoint } from '../../components/map/map-types';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { useToast } from '../../components/Toast';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';

type Kind = Schemas['InstitutionResponse']['kind'];
type ImportResult = Schemas['InstitutionImportResponse'];
type Institution = Schemas['InstitutionResponse'];
const KINDS: Kind[] = ['school', 'msme', 'vendor_site'];
/** the page of a list; the map shows the first 100 matches (the API's largest page) */
const LIST_LIMIT = 50;
const MAP_LIMIT = 100;
const KIND_TONE: Record<Kind, MapPoint['tone']> = { school: 'open', msme: 'done', vendor_site: 'idle' };

/** The institutions with a recorded location, as points: a colour per kind, the kind and the id in the popup. */
function institutionPoints(rows: readonly Institution[], kindLabel: (kind: Kind) => string): MapPoint[] {
  return rows.flatMap((i) =>
    i.location
      ? [
          {
            id: i.id,
            lat: i.location.lat,
            lon: i.location.lon,
            label: i.name,
            detail: [kindLabel(i.kind), i.npsn ?? i.nib ?? i.siteCode].filter(Boolean).join(' · '),
            tone: KIND_TONE[i.kind],
            weight: 0.3,
          },
        ]
      : [],
  );
}

/** Schools, MSMEs and vendor sites: search by name or national id and kind; staff import them by CSV. */
export default function InstitutionsPage() {
  const { t, format } = useI18n();
  const { role } = useCurrentUser();
  const toast = useToast();
  const staff = role === 'admin' || role === 'operator';
  const navigate = useNavigate();
  const [view, setView] = useState<'list' | 'map'>('list');
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<Kind | ''>('');
  const [applied, setApplied] = useState<{ q: string; kind: Kind | '' }>({ q: '', kind: '' });
  const list = useApiQuery(
    (signal) =>
      api.GET('/api/v1/institutions', {
        params: {
          query: { limit: view === 'map' ? MAP_LIMIT : LIST_LIMIT, ...(applied.q ? { q: applied.q } : {}), ...(applied.kind ? { kind: applied.kind } : {}) },
        },
        signal,
      }),
    [applied.q, applied.kind, view],
  );
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function importFile(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setFailure(null);
    const form = new FormData();
    form.append('file', new Blob([file], { type: 'text/csv' }), file.name);
    const res = await mutate(() =>
      api.POST('/api/v1/institutions/import', {
        params: { header: { 'Idempotency-Key': idempotencyKey() } },
        body: '',
        bodySerializer: () => form,
      }),
    );
    setBusy(false);
    if (!res.ok) {
      setFailure(res.failure);
      return;
    }
    setResult(res.data);
    toast.show(
      t('institutions.importSummary', {
        inserted: format.number(res.data.inserted),
        updated: format.number(res.data.updated),
        rejected: format.number(res.data.rejected.length),
      }),
      res.data.rejected.length ? 'info' : 'success',
    );
    list.reload();
  }

  return (
    <>
      <PageHeader title={t('institutions.title')} intro={t('institutions.intro')} />
      <div className="stack">
        <form
          className="card filters"
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            setApplied({ q: q.trim(), kind });
          }}
        >
          <div className="field">
            <label htmlFor="institutions-q">{t('institutions.search')}</label>
            <input id="institutions-q" type="search" maxLength={100} value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="institutions-kind">{t('institutions.kind')}</label>
            <select id="institutions-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind | '')}>
              <option value="">{t('institutions.anyKind')}</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`institutionKind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <button className="button" type="submit">
            {t('institutions.searchAction')}
          </button>
        </form>
        <section className="card stack" aria-label={t('institutions.title')}>
          <div className="segmented" role="group" aria-label={t('institutions.view')}>
            {(['list', 'map'] as const).map((option) => (
              <button
                key={option}
                type="button"
                className="segmented__option"
                aria-pressed={view === option}
                onClick={() => setView(option)}
              >
                {t(option === 'map' ? 'institutions.viewMap' : 'institutions.viewList')}
              </button>
            ))}
          </div>
          {list.status === 'loading' && <LoadingState />}
          {list.status === 'error' && <ErrorState failure={list.failure} onRetry={list.reload} />}
          {list.status === 'success' && list.data.data.length === 0 && <EmptyState title={t('institutions.empty')} />}
          {list.status === 'success' && list.data.data.length > 0 && view === 'map' && (
            <>
              <div className="detail-map" data-testid="institutions-map">
                <MapPanel
                  points={institutionPoints(list.data.data, (k) => t(`institutionKind.${k}`))}
                  label={t('institutions.mapLabel')}
                  onSelect={(id) => navigate(`/institutions/${id}`)}
                />
              </div>
              <p className="muted small">
                {t('institutions.mapNote', {
                  shown: format.number(list.data.data.filter((i) => i.location).length),
                  page: format.number(list.data.data.length),
                  total: format.number(list.data.meta.total),
                })}
              </p>
            </>
          )}
          {list.status === 'success' && list.data.data.length > 0 && view === 'list' && (
            <DataTable
              caption={t('institutions.title')}
              rows={list.data.data}
              rowKey={(i) => i.id}
              columns={[
                {
                  header: t('institutions.name'),
                  cell: (i) => <Link to={`/institutions/${i.id}`}>{i.name}</Link>,
                  title: (i) => i.name,
                  card: 'title',
                },
                { header: t('institutions.kind'), cell: (i) => t(`institutionKind.${i.kind}`) },
                { header: t('institutions.id'), cell: (i) => <code>{i.npsn ?? i.nib ?? i.siteCode}</code> },
                { header: t('institutions.level'), cell: (i) => i.schoolLevel ?? (i.jakpreneurMember ? t('institutions.jakpreneur') : '—') },
                { header: t('institutions.region'), cell: (i) => `${i.regionName ?? ''} (${i.regionCode})` },
              ]}
            />
          )}
        </section>
        {staff && (
          <form className="card stack" onSubmit={importFile} aria-labelledby="institutions-import-title">
            <h2 id="institutions-import-title">{t('institutions.import')}</h2>
            <div className="field">
              <label htmlFor="institutions-file">{t('institutions.importFile')}</label>
              <input
                id="institutions-file"
                type="file"
                accept=".csv,text/csv"
                aria-describedby="institutions-file-hint"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
              <p id="institutions-file-hint" className="field__hint">
                {t('institutions.importColumns')}
              </p>
            </div>
            {failure && (
              <p className="notice notice--error" role="alert">
                {failureText(failure, t)}
              </p>
            )}
            <div>
              <button className="button" type="submit" disabled={!file || busy}>
                {t('institutions.importSend')}
              </button>
            </div>
            {result && result.rejected.length > 0 && (
              <DataTable
                caption={t('institutions.rejectedErrors')}
                rows={result.rejected}
                rowKey={(r) => String(r.line)}
                columns={[
                  { header: t('institutions.rejectedLine'), cell: (r) => format.number(r.line), className: 'num' },
                  { header: t('institutions.rejectedErrors'), cell: (r) => r.errors.join('; ') },
                ]}
              />
            )}
          </form>
        )}
      </div>
    </>
  );
}
