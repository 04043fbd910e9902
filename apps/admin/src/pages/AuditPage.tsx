import type { Schemas } from '@ksbb/api-client';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { AuditAction, AuditEntity } from '../api/enums';
import { isRole } from '../auth/session-store';
import type { Column } from '../components/DataTable';
import { DownloadButton } from '../components/DownloadButton';
import { PageHeader } from '../components/PageHeader';
import { PagedTable } from '../components/PagedTable';
import { StatusFilter } from '../components/StatusFilter';
import { useApiQuery } from '../hooks/useApiQuery';
import { useListPage } from '../hooks/useListPage';
import type { QueryParams } from '../hooks/useQueryParams';
import { useI18n, type I18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/id';
import { AUDIT_ACTION_KEYS, AUDIT_ENTITY_KEYS } from '../i18n/messages/audit';

type AuditEntry = Schemas['AuditEntryResponse'];
const PAGE_SIZE = 25;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filters as the URL holds them (`?entity=collaborator&entityId=…&actorId=…&action=…&from=…&to=…`). */
interface AuditFilters {
  entity?: AuditEntity;
  entityId?: string;
  actorId?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
}

const NO_FILTERS: Record<keyof AuditFilters, ''> = {
  entity: '',
  entityId: '',
  actorId: '',
  action: '',
  from: '',
  to: '',
};

/** The date bounds of the log; neither may cross the other. */
const DATE_FILTERS: readonly { key: 'from' | 'to'; label: MessageKey }[] = [
  { key: 'from', label: 'audit.filterFrom' },
  { key: 'to', label: 'audit.filterTo' },
];

/** A filter set from a row (its actor, its object), shown as a chip that removes it. */
interface ChipFilter {
  key: 'actorId' | 'entityId';
  testId: string;
  text(id: string): string;
}

/** Reads the filters from the URL, dropping values the API would refuse (a stale or hand-edited link). */
function filtersOf(params: QueryParams): AuditFilters {
  const entity = params.get('entity') as AuditEntity;
  const action = params.get('action') as AuditAction;
  const entityId = params.get('entityId');
  const actorId = params.get('actorId');
  const from = params.get('from');
  const to = params.get('to');
  return {
    entity: AUDIT_ENTITY_KEYS.includes(entity) ? entity : undefined,
    entityId: entityId && entityId.length <= 64 ? entityId : undefined,
    actorId: UUID.test(actorId) ? actorId : undefined,
    action: AUDIT_ACTION_KEYS.includes(action) ? action : undefined,
    from: DATE.test(from) ? from : undefined,
    to: DATE.test(to) ? to : undefined,
  };
}

function ActorCell({ entry, i18n, onFilter }: { entry: AuditEntry; i18n: I18n; onFilter(id: string): void }) {
  const { t } = i18n;
  const { actor } = entry;
  const name = actor.name ?? (actor.id ? t('audit.unknownActor') : t(`actorKind.${actor.kind}`));
  // the role of a user, "API key · of <aggregator>" for a key; nothing more for the system or an anonymous caller
  const details = [
    !actor.id
      ? null
      : actor.kind === 'user' && actor.role && isRole(actor.role)
        ? t(`role.${actor.role}`)
        : t(`actorKind.${actor.kind}`),
    actor.aggregator?.name ? t('audit.viaAggregator', { name: actor.aggregator.name }) : null,
  ].filter(Boolean);
  return (
    <div className="audit-actor">
      {actor.id ? (
        <button
          type="button"
          className="link-button"
          title={t('audit.showActor')}
          onClick={() => actor.id && onFilter(actor.id)}
        >
          {name}
        </button>
      ) : (
        <span>{name}</span>
      )}
      {details.length > 0 && <div className="muted small">{details.join(' · ')}</div>}
    </div>
  );
}

function ObjectCell({ entry, i18n }: { entry: AuditEntry; i18n: I18n }) {
  const { t } = i18n;
  const { object } = entry;
  const text = object.label ?? (object.id ? object.id.slice(0, 8) : '—');
  return (
    <div className="audit-object">
      <div className="muted small">{t(`auditEntity.${object.type}`)}</div>
      {object.link ? (
        <Link to={object.link}>{text}</Link>
      ) : (
        <span className={object.label ? '' : 'mono'}>{text}</span>
      )}
    </div>
  );
}

function auditColumns(i18n: I18n, onActor: (id: string) => void): Column<AuditEntry>[] {
  const { t, format } = i18n;
  return [
    {
      header: t('audit.at'),
      sortKey: 'at',
      className: 'audit-at',
      cell: (entry) => <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>,
    },
    { header: t('audit.actor'), cell: (entry) => <ActorCell entry={entry} i18n={i18n} onFilter={onActor} /> },
    {
      header: t('audit.action'),
      cell: (entry) => <span title={entry.action}>{t(`auditAction.${entry.action}`)}</span>,
    },
    { header: t('audit.entity'), cell: (entry) => <ObjectCell entry={entry} i18n={i18n} /> },
    { header: t('audit.ip'), cell: (entry) => <span className="mono small">{entry.ip ?? '—'}</span> },
  ];
}

/**
 * The audit log for the Pokja: who did what to which object and when (WIB), in words, filtered by actor, object,
 * action and dates kept in the URL (so another page can link to an object's history), and exported as CSV with the
 * same filters.
 */
export default function AuditPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { params, page, setPage, sort, setSort } = useListPage({ defaultSort: '-at', sorts: ['at', '-at'] });
  const filters = filtersOf(params);
  const key = JSON.stringify(filters);
  const entries = useApiQuery(
    (signal) =>
      api.GET('/api/v1/audit', { params: { query: { ...filters, page, limit: PAGE_SIZE, sort } }, signal }),
    [page, sort, key],
  );
  const actions = filters.entity
    ? AUDIT_ACTION_KEYS.filter((action) => action.startsWith(`${filters.entity}.`))
    : AUDIT_ACTION_KEYS;
  const rows = entries.status === 'success' ? entries.data.data : [];
  const actorName = filters.actorId ? rows.find((r) => r.actor.id === filters.actorId)?.actor.name : null;
  const objectLabel = filters.entityId
    ? rows.find((r) => r.object.id === filters.entityId)?.object.label
    : null;
  const anyFilter = Object.values(filters).some(Boolean);
  const chips: readonly ChipFilter[] = [
    {
      key: 'actorId',
      testId: 'audit-actor-chip',
      text: (id) => `${t('audit.filterActor')}: ${actorName ?? id.slice(0, 8)}`,
    },
    {
      key: 'entityId',
      testId: 'audit-object-chip',
      text: (id) => t('audit.filterObject', { id: objectLabel ?? id.slice(0, 8) }),
    },
  ];
  const day = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

  return (
    <>
      <PageHeader title={t('audit.title')} intro={t('audit.intro')}>
        <DownloadButton
          label={t('audit.export')}
          fileName={`audit-${day}.csv`}
          testId="audit-csv"
          load={() => api.GET('/api/v1/audit/export.csv', { params: { query: filters }, parseAs: 'blob' })}
        />
      </PageHeader>
      <section className="card">
        <form
          className="filters"
          role="search"
          aria-label={t('filters.label')}
          onSubmit={(e) => e.preventDefault()}
        >
          <StatusFilter
            id="audit-entity"
            label={t('audit.filterEntity')}
            options={AUDIT_ENTITY_KEYS}
            labelOf={(option) => t(`auditEntity.${option}`)}
            value={filters.entity ?? ''}
            onChange={(entity) =>
              params.set({
                entity,
                entityId: '',
                action:
                  filters.action && entity && !filters.action.startsWith(`${entity}.`)
                    ? ''
                    : (filters.action ?? ''),
              })
            }
          />
          <StatusFilter
            id="audit-action"
            label={t('audit.filterAction')}
            options={actions}
            labelOf={(option) => t(`auditAction.${option}`)}
            value={filters.action ?? ''}
            onChange={(action) => params.set({ action })}
          />
          {DATE_FILTERS.map(({ key, label }) => (
            <div className="field" key={key}>
              <label htmlFor={`audit-${key}`}>{t(label)}</label>
              <input
                id={`audit-${key}`}
                type="date"
                value={filters[key] ?? ''}
                min={key === 'to' ? filters.from : undefined}
                max={key === 'from' ? filters.to : undefined}
                onChange={(event) => params.set({ [key]: event.target.value })}
              />
            </div>
          ))}
          {chips.map(({ key, testId, text }) => {
            const id = filters[key];
            return id ? (
              <button
                key={key}
                type="button"
                className="button button--ghost button--small filters__submit"
                data-testid={testId}
                onClick={() => params.set({ [key]: '' })}
              >
                {text(id)} ✕
              </button>
            ) : null;
          })}
          {anyFilter && (
            <button
              type="button"
              className="button button--secondary button--small filters__submit"
              onClick={() => params.set(NO_FILTERS)}
            >
              {t('audit.clearFilters')}
            </button>
          )}
        </form>
        <PagedTable
          query={entries}
          caption={t('audit.title')}
          columns={auditColumns(i18n, (actorId) => params.set({ actorId }))}
          rowKey={(entry) => entry.id}
          emptyTitle={t('audit.empty')}
          onPageChange={setPage}
          sort={sort}
          onSortChange={setSort}
        />
      </section>
    </>
  );
}
