import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { failureText } from '../../api/failure';
import { ATTACHMENT_TYPES } from '../../api/enums';
import { useCurrentUser } from '../../auth/current-user';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { PdfButton } from '../../components/PdfButton';
import { ProgressBar } from '../../components/ProgressBar';
import { ErrorState, LoadingState } from '../../components/StatusViews';
import { useToast } from '../../components/Toast';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n, type I18n } from '../../i18n/I18nProvider';
import { commitmentPath } from '../../navigation';
import { AttachmentGallery } from './AttachmentGallery';
import { HandoverStatusBadge, type Handover } from './handover-parts';
import { HandoverReview } from './HandoverReview';
import { KelurahanConfirmation } from './KelurahanConfirmation';
import { uploadAttachment } from './upload-attachment';
import { RegionName } from '../../components/RegionName';

/**
 * One handover (BAST) for Pokja (`/handovers/:id`, to review), for the one who delivered (`/deliveries/:id`) and for
 * the kelurahan officer of its area (`/area-handovers/:id`, to confirm as the witness).
 */
export default function HandoverDetailPage() {
  const { id = '' } = useParams();
  const i18n = useI18n();
  const { t } = i18n;
  const { role } = useCurrentUser();
  const pokja = role === 'admin' || role === 'operator';
  const officer = role === 'kelurahan';
  const handover = useApiQuery(
    (signal) => api.GET('/api/v1/handovers/{id}', { params: { path: { id } }, signal }),
    [id],
  );
  if (handover.status === 'loading') return <LoadingState />;
  if (handover.status === 'error') return <ErrorState failure={handover.failure} onRetry={handover.reload} />;
  const row = handover.data;

  return (
    <>
      <PageHeader title={row.bastNumber} intro={t('handovers.detailIntro', { name: row.collaboratorName })}>
        <div className="page-header__actions">
          <HandoverStatusBadge status={row.status} i18n={i18n} />
          <Link
            className="button button--secondary"
            to={pokja ? '/handovers' : officer ? '/area-handovers' : '/deliveries'}
          >
            {t('action.backToList')}
          </Link>
        </div>
      </PageHeader>
      <div className="stack">
        {row.duplicateWarningsWithheld && row.status === 'submitted' && (
          <p className="notice notice--info">{t('handovers.duplicatesWithheld')}</p>
        )}
        {row.duplicateWarnings.length > 0 && (
          <div className="notice notice--error" role="alert">
            <p>
              <strong>{t('handovers.duplicatesTitle')}</strong>
            </p>
            <ul className="plain-list">
              {row.duplicateWarnings.map((warning) => (
                <li key={`${warning.nikMasked}-${warning.bastNumber}`}>
                  {t('handovers.duplicate', { nik: warning.nikMasked, number: warning.bastNumber })}
                </li>
              ))}
            </ul>
          </div>
        )}
        <Summary
          handover={row}
          i18n={i18n}
          commitmentLink={officer ? null : commitmentPath(role, row.commitmentId)}
        />
        <KelurahanConfirmation handover={row} onConfirmed={handover.reload} />
        <section className="card stack" aria-labelledby="ho-items-title">
          <h2 id="ho-items-title">{t('handoverForm.items')}</h2>
          <DataTable
            caption={t('handoverForm.items')}
            rows={row.items}
            rowKey={(item) => item.allocationId}
            columns={[
              { header: t('allocations.need'), cell: (item) => item.needTitle },
              { header: t('commitments.package'), cell: (item) => item.packageName },
              {
                header: t('handovers.quantity'),
                className: 'num',
                cell: (item) => `${i18n.format.number(item.quantity)} ${item.unit}`,
              },
            ]}
          />
          {row.recipients && row.recipients.length > 0 && (
            <DataTable
              caption={t('handoverForm.recipients')}
              rows={row.recipients}
              rowKey={(recipient) => `${recipient.nikMasked}-${recipient.name}`}
              columns={[
                {
                  header: t('handoverForm.nik'),
                  cell: (recipient) => <span className="mono">{recipient.nikMasked}</span>,
                },
                { header: t('handoverForm.name'), cell: (recipient) => recipient.name },
              ]}
            />
          )}
        </section>
        <section className="card stack" aria-labelledby="ho-photos-title">
          <h2 id="ho-photos-title">{t('handoverForm.photos')}</h2>
          <AttachmentGallery handoverId={row.id} attachments={row.attachments} />
          {row.status === 'submitted' && !officer && <AddAttachments handoverId={row.id} onAdded={handover.reload} />}
        </section>
        <section className="card row-actions" aria-label={t('handovers.documents')}>
          <PdfButton
            label={t('handovers.bastPdf')}
            fileName={`${row.bastNumber.replaceAll('/', '-')}.pdf`}
            testId="bast-pdf-link"
            load={() =>
              api.GET('/api/v1/handovers/{id}/bast.pdf', {
                params: { path: { id: row.id } },
                parseAs: 'blob',
              })
            }
          />
        </section>
        {pokja && row.status === 'submitted' && <HandoverReview handover={row} onDecided={handover.reload} />}
      </div>
    </>
  );
}

function Summary({
  handover,
  i18n,
  commitmentLink,
}: {
  handover: Handover;
  i18n: I18n;
  /** null: the reader has no commitment page (the kelurahan officer) */
  commitmentLink: string | null;
}) {
  const { t, format } = i18n;
  const party = (name: string, ...details: (string | null | undefined)[]) =>
    [name, ...details.filter(Boolean)].join(' · ');
  return (
    <section className="card" aria-labelledby="ho-summary-title">
      <h2 id="ho-summary-title" className="card__title">
        {t('commitments.summary')}
      </h2>
      <dl className="details">
        <dt>{t('commitments.program')}</dt>
        <dd>{handover.programName}</dd>
        <dt>{t('allocations.commitment')}</dt>
        <dd>
          {commitmentLink ? <Link to={commitmentLink}>{handover.commitmentNumber}</Link> : handover.commitmentNumber}
          {handover.aggregatorName && ` · ${t('handovers.via', { name: handover.aggregatorName })}`}
        </dd>
        <dt>{t('handovers.handedOverAt')}</dt>
        <dd>{format.dateTime(handover.handedOverAt)}</dd>
        <dt>{t('handovers.location')}</dt>
        <dd>
          {handover.location.address}, <RegionName code={handover.location.regionCode} />
          {handover.location.lat != null && handover.location.lon != null && (
            <span className="handover-point muted small" data-testid="handover-point">
              {handover.location.lat}, {handover.location.lon}
              {handover.location.accuracyM != null &&
                ` (${t('handovers.accuracy', { metres: format.number(handover.location.accuracyM) })})`}
            </span>
          )}
        </dd>
        <dt>{t('handoverForm.giver')}</dt>
        <dd>{party(handover.giver.name, handover.giver.title, handover.giver.organization)}</dd>
        <dt>{t('handoverForm.receiver')}</dt>
        <dd>
          {party(
            handover.receiver.name,
            handover.receiver.role,
            handover.receiver.organization,
            handover.receiver.nikMasked,
          )}
        </dd>
        {handover.witnesses.length > 0 && (
          <>
            <dt>{t('handoverForm.witnesses')}</dt>
            <dd>
              <ul className="plain-list">
                {handover.witnesses.map((witness, index) => (
                  <li key={index}>{party(witness.name, witness.role, witness.organization)}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>{t('handovers.quantity')}</dt>
        <dd>
          {format.number(handover.totalQuantity)} ·{' '}
          {t('handovers.recipientCount', { count: format.number(handover.recipientCount) })}
        </dd>
        {handover.notes && (
          <>
            <dt>{t('commitments.notes')}</dt>
            <dd>{handover.notes}</dd>
          </>
        )}
        {handover.rejectionReason && (
          <>
            <dt>{t('commitments.reason')}</dt>
            <dd>{handover.rejectionReason}</dd>
          </>
        )}
        {handover.chainHash && (
          <>
            <dt>{t('handovers.ledger')}</dt>
            <dd className="mono small break">
              #{handover.chainSeq} · {handover.chainHash}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function AddAttachments({ handoverId, onAdded }: { handoverId: string; onAdded(): void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);

  async function upload(files: File[]) {
    let failed = 0;
    for (const [index, file] of files.entries()) {
      setProgress({ done: index, total: files.length });
      const result = await uploadAttachment(handoverId, file, file.name);
      if (!result.ok) {
        failed += 1;
        toast.show(`${file.name}: ${failureText(result.failure, t)}`, 'error');
      }
    }
    setProgress(null);
    if (failed < files.length) toast.show(t('handovers.attachmentsAdded', { count: files.length - failed }));
    onAdded();
  }

  return (
    <div className="field">
      <label htmlFor="ho-more-files">{t('handoverForm.addPhotos')}</label>
      <input
        id="ho-more-files"
        type="file"
        multiple
        accept={ATTACHMENT_TYPES.join(',')}
        disabled={progress !== null}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (files.length) void upload(files);
        }}
      />
      {progress && (
        <ProgressBar
          label={t('handoverForm.uploading', { done: progress.done + 1, total: progress.total })}
          value={progress.done / progress.total}
        />
      )}
    </div>
  );
}
