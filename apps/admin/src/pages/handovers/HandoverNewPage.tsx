import { useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import type { ApiFailure } from '../../api/failure';
import { fieldErrorsOf, idempotencyKey } from '../../api/mutate';
import { useCurrentUser } from '../../auth/current-user';
import { controlProps, Field } from '../../components/Field';
import { FormProblems } from '../../components/FormProblems';
import { PageHeader } from '../../components/PageHeader';
import { ProgressBar } from '../../components/ProgressBar';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { useToast } from '../../components/Toast';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';
import { HandoverQueuePanel } from '../../offline/HandoverQueuePanel';
import { discard, keep, newEntry, sendEntry } from '../../offline/handover-queue';
import {
  handoverBody,
  localDateTime,
  remainingOf,
  validateHandoverForm,
  type HandoverFormErrors,
  type HandoverFormValues,
  type PartyRow,
  type RecipientRow,
} from './handover-form-model';
import { ItemsSection, PhotosSection, RowsSection } from './HandoverFormSections';
import { LocationPoint } from './LocationPoint';

/** Claims that can be handed over: at most this many are offered. */
const ALLOCATION_LIMIT = 100;

/** Submit a handover (BAST): what was handed over from which claims, where, between whom, with photos. */
export default function HandoverNewPage() {
  const { t } = useI18n();
  const allocations = useApiQuery(
    (signal) =>
      api.GET('/api/v1/allocations', {
        params: { query: { limit: ALLOCATION_LIMIT, sort: 'expiresAt' } },
        signal,
      }),
    [],
  );
  const page = allocations.status === 'success' ? allocations.data : null;
  const open = useMemo(
    () =>
      (page?.data ?? []).filter(
        (allocation) =>
          (allocation.status === 'reserved' || allocation.status === 'partially_delivered') &&
          remainingOf(allocation) > 0,
      ),
    [page],
  );

  return (
    <>
      <PageHeader title={t('handoverForm.title')} intro={t('handoverForm.intro')}>
        <Link className="button button--secondary" to="/deliveries">
          {t('action.backToList')}
        </Link>
      </PageHeader>
      <HandoverQueuePanel />
      {allocations.status === 'loading' && <LoadingState />}
      {allocations.status === 'error' && (
        <ErrorState failure={allocations.failure} onRetry={allocations.reload} />
      )}
      {allocations.status === 'success' && open.length === 0 && (
        <EmptyState title={t('handoverForm.nothingToHand')}>
          <p>{t('handoverForm.nothingToHandBody')}</p>
        </EmptyState>
      )}
      {allocations.status === 'success' && open.length > 0 && <HandoverForm allocations={open} />}
    </>
  );
}

function HandoverForm({ allocations }: { allocations: Schemas['AllocationResponse'][] }) {
  const { t } = useI18n();
  const toast = useToast();
  const navigate = useNavigate();
  const { me, name } = useCurrentUser();
  const nextKey = useRef(1);
  /** the Idempotency-Key of this handover: chosen at the first submit, kept by the offline queue for every retry */
  const submissionKey = useRef<string | null>(null);
  const [values, setValues] = useState<HandoverFormValues>({
    commitmentId: '',
    quantities: {},
    handedOverAt: localDateTime(new Date()),
    regionCode: '',
    address: '',
    lat: '',
    lon: '',
    accuracy: null,
    giverName: name,
    giverTitle: '',
    giverOrganization: me.collaborator?.name ?? me.aggregator?.name ?? '',
    receiverName: '',
    receiverRole: '',
    receiverNik: '',
    witnesses: [],
    recipients: [],
    notes: '',
  });
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<HandoverFormErrors>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [saving, setSaving] = useState(false);
  const server = fieldErrorsOf(failure);
  const errorOf = (path: string) => {
    const own = errors[path];
    return own ? t(own.key, own.vars) : server[path];
  };
  const patch = (change: Partial<HandoverFormValues>) => setValues((current) => ({ ...current, ...change }));
  const newKey = () => nextKey.current++;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateHandoverForm(values, allocations, files);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    setSaving(true);
    submissionKey.current ??= idempotencyKey();
    const entry = newEntry(submissionKey.current, handoverBody(values, allocations), files);
    // kept on the device first: without a connection (or if the page is closed while sending) the queue sends it later
    const kept = await keep(entry);
    if (!navigator.onLine) {
      setSaving(false);
      if (!kept) {
        toast.show(t('offlineQueue.noStorage'), 'error');
        return;
      }
      toast.show(t('offlineQueue.queued'));
      navigate('/deliveries');
      return;
    }
    const outcome = await sendEntry(entry, {
      quiet: true,
      onUpload: (done, total) => setProgress({ done, total }),
    });
    setProgress(null);
    setSaving(false);
    if (outcome.kind === 'refused') {
      // not kept: the user fixes the form here, and the fixed body needs a key of its own
      await discard(entry.key);
      submissionKey.current = null;
      setFailure(outcome.failure);
      return;
    }
    if (outcome.kind === 'waiting') {
      if (!kept) {
        setFailure(outcome.failure);
        return;
      }
      toast.show(t('offlineQueue.queued'));
      navigate('/deliveries');
      return;
    }
    toast.show(t('handoverForm.submitted', { number: outcome.created.bastNumber }));
    if (outcome.failedUploads)
      toast.show(t('handoverForm.uploadsFailed', { count: outcome.failedUploads }), 'error');
    navigate(`/deliveries/${outcome.created.id}`);
  }

  const text = (
    path: string,
    id: string,
    label: string,
    value: string,
    onChange: (value: string) => void,
  ) => (
    <Field id={id} label={label} error={errorOf(path)}>
      <input
        {...controlProps(id, errorOf(path))}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </Field>
  );

  return (
    <form className="card form-grid" onSubmit={submit} noValidate aria-label={t('handoverForm.title')}>
      <FormProblems errors={errors} failure={failure} />
      <ItemsSection values={values} allocations={allocations} patch={patch} errorOf={errorOf} />
      <Field
        id="ho-at"
        label={t('handovers.handedOverAt')}
        error={errorOf('handedOverAt')}
        hint={t('time.wibHint')}
      >
        <input
          {...controlProps('ho-at', errorOf('handedOverAt'), t('time.wibHint'))}
          type="datetime-local"
          value={values.handedOverAt}
          max={localDateTime(new Date())}
          onChange={(event) => patch({ handedOverAt: event.target.value })}
        />
      </Field>
      {text('location.regionCode', 'ho-region', t('needs.regionCode'), values.regionCode, (regionCode) =>
        patch({ regionCode }),
      )}
      <div className="form-grid__wide">
        {text('location.address', 'ho-address', t('handoverForm.address'), values.address, (address) =>
          patch({ address }),
        )}
      </div>
      <LocationPoint values={values} patch={patch} errorOf={errorOf} />
      <fieldset className="form-grid__wide fieldset">
        <legend>{t('handoverForm.giver')}</legend>
        <div className="form-grid form-grid--three">
          {text('giver.name', 'ho-giver-name', t('handoverForm.name'), values.giverName, (giverName) =>
            patch({ giverName }),
          )}
          {text('giver.title', 'ho-giver-title', t('sign.role'), values.giverTitle, (giverTitle) =>
            patch({ giverTitle }),
          )}
          {text(
            'giver.organization',
            'ho-giver-org',
            t('handoverForm.organization'),
            values.giverOrganization,
            (giverOrganization) => patch({ giverOrganization }),
          )}
        </div>
      </fieldset>
      <fieldset className="form-grid__wide fieldset">
        <legend>{t('handoverForm.receiver')}</legend>
        <div className="form-grid form-grid--three">
          {text(
            'receiver.name',
            'ho-receiver-name',
            t('handoverForm.name'),
            values.receiverName,
            (receiverName) => patch({ receiverName }),
          )}
          {text(
            'receiver.role',
            'ho-receiver-role',
            t('handoverForm.role'),
            values.receiverRole,
            (receiverRole) => patch({ receiverRole }),
          )}
          {text(
            'receiver.nik',
            'ho-receiver-nik',
            t('handoverForm.nikOptional'),
            values.receiverNik,
            (receiverNik) => patch({ receiverNik }),
          )}
        </div>
      </fieldset>
      <RowsSection<PartyRow>
        legend={t('handoverForm.witnesses')}
        rows={values.witnesses}
        prefix="witnesses"
        fields={[
          { name: 'name', label: t('handoverForm.name') },
          { name: 'role', label: t('handoverForm.role') },
          { name: 'organization', label: t('handoverForm.organization') },
        ]}
        onChange={(witnesses) => patch({ witnesses })}
        newRow={() => ({ key: newKey(), name: '', role: '', organization: '' })}
        errorOf={errorOf}
        addLabel={t('handoverForm.addWitness')}
      />
      <RowsSection<RecipientRow>
        legend={t('handoverForm.recipients')}
        rows={values.recipients}
        prefix="recipients"
        fields={[
          { name: 'nik', label: t('handoverForm.nik'), inputMode: 'numeric' },
          { name: 'name', label: t('handoverForm.name') },
        ]}
        onChange={(recipients) => patch({ recipients })}
        newRow={() => ({ key: newKey(), nik: '', name: '' })}
        errorOf={errorOf}
        addLabel={t('handoverForm.addRecipient')}
        hint={t('handoverForm.recipientsHint')}
      />
      <PhotosSection files={files} onChange={setFiles} errorOf={errorOf} />
      <Field id="ho-notes" label={t('commitments.notes')} className="form-grid__wide">
        <textarea
          id="ho-notes"
          rows={2}
          value={values.notes}
          onChange={(event) => patch({ notes: event.target.value })}
        />
      </Field>
      <div className="form-grid__wide form-actions">
        {progress && (
          <ProgressBar
            label={t('handoverForm.uploading', { done: progress.done + 1, total: progress.total })}
            value={progress.done / progress.total}
          />
        )}
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? t('action.saving') : t('handoverForm.submit')}
        </button>
      </div>
    </form>
  );
}
