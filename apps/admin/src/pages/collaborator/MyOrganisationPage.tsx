import { Link } from 'react-router';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/current-user';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { COLLABORATOR_TONE } from '../../components/status-tones';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';

/** "Organisasi saya": the collaborator the member belongs to, its verification status and what it allows. */
export default function MyOrganisationPage() {
  const { t, format } = useI18n();
  const { me } = useCurrentUser();
  const collaboratorId = me.collaborator?.id ?? '';
  const organisation = useApiQuery(
    (signal) =>
      collaboratorId
        ? api.GET('/api/v1/collaborators/{id}', { params: { path: { id: collaboratorId } }, signal })
        : Promise.resolve({ data: null, response: new Response(null, { status: 200 }) }),
    [collaboratorId],
  );

  return (
    <>
      <PageHeader title={t('nav.myOrganisation')} intro={t('myOrganisation.intro')} />
      {organisation.status === 'loading' && <LoadingState />}
      {organisation.status === 'error' && (
        <ErrorState failure={organisation.failure} onRetry={organisation.reload} />
      )}
      {organisation.status === 'success' && !organisation.data && (
        <EmptyState title={t('myOrganisation.none')} />
      )}
      {organisation.status === 'success' && organisation.data && (
        <div className="stack">
          <section className="card" aria-labelledby="organisation-name">
            <div className="card__heading">
              <h2 id="organisation-name">{organisation.data.name}</h2>
              <StatusBadge
                label={t(`collaboratorStatus.${organisation.data.status}`)}
                tone={COLLABORATOR_TONE[organisation.data.status]}
              />
            </div>
            <p
              className={
                organisation.data.status === 'verified' ? 'notice notice--success' : 'notice notice--info'
              }
            >
              {t(`myOrganisation.status.${organisation.data.status}`)}
              {organisation.data.statusReason &&
                ` ${t('myOrganisation.reason', { reason: organisation.data.statusReason })}`}
            </p>
            <dl className="details">
              <dt>{t('collaborators.type')}</dt>
              <dd>{t(`collaboratorType.${organisation.data.type}`)}</dd>
              <dt>{t('myOrganisation.registrationNumber')}</dt>
              <dd>{organisation.data.registrationNumber ?? '—'}</dd>
              <dt>{t('myOrganisation.taxNumber')}</dt>
              <dd>{organisation.data.taxNumber ?? '—'}</dd>
              <dt>{t('myOrganisation.pic')}</dt>
              <dd>{organisation.data.picName ?? '—'}</dd>
              <dt>{t('collaborators.contact')}</dt>
              <dd>{[organisation.data.email, organisation.data.phone].filter(Boolean).join(' · ') || '—'}</dd>
              <dt>{t('myOrganisation.address')}</dt>
              <dd>{organisation.data.address ?? '—'}</dd>
              <dt>{t('myOrganisation.members')}</dt>
              <dd>{format.number(organisation.data.memberCount)}</dd>
              <dt>{t('myOrganisation.verifiedAt')}</dt>
              <dd>{organisation.data.verifiedAt ? format.date(organisation.data.verifiedAt) : '—'}</dd>
            </dl>
          </section>
          {organisation.data.status === 'verified' && (
            <section className="card row-actions" aria-label={t('myOrganisation.next')}>
              <Link className="button button--primary" to="/my-commitments/new">
                {t('commitmentForm.title')}
              </Link>
              <Link className="button button--secondary" to="/open-needs">
                {t('nav.openNeeds')}
              </Link>
              <Link className="button button--secondary" to="/my-claims">
                {t('nav.myClaims')}
              </Link>
            </section>
          )}
        </div>
      )}
    </>
  );
}
