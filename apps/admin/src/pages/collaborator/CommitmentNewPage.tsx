import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { ApiFailure } from '../../api/failure';
import { fieldErrorsOf, idempotencyKey, mutate } from '../../api/mutate';
import { useCurrentUser } from '../../auth/current-user';
import { FormProblems } from '../../components/FormProblems';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/Toast';
import { usePackages } from '../../hooks/usePrograms';
import { useI18n } from '../../i18n/I18nProvider';
import { wibToday } from '../../i18n/wib';
import {
  commitmentBody,
  emptyCommitmentForm,
  emptyItem,
  validateCommitmentForm,
  type CommitmentFormErrors,
  type CommitmentFormValues,
  type ItemRow,
} from './commitment-form-model';
import { ItemsSection, ProgramSection, WindowSection } from './CommitmentFormSections';

const today = () => wibToday();

/** A new commitment: program, how it is delivered, the packages with quantity and unit value, and the window. */
export default function CommitmentNewPage() {
  const { t, format } = useI18n();
  const toast = useToast();
  const navigate = useNavigate();
  const { me } = useCurrentUser();
  const nextKey = useRef(1);
  const [values, setValues] = useState<CommitmentFormValues>(() => emptyCommitmentForm(today()));
  const [errors, setErrors] = useState<CommitmentFormErrors>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const packages = usePackages(values.programCode);
  const server = fieldErrorsOf(failure);
  const errorOf = (path: string) => {
    const own = errors[path];
    if (!own) return server[path];
    // numbers in these messages are amounts of rupiah
    const vars = Object.fromEntries(
      Object.entries(own.vars ?? {}).map(([name, value]) => [
        name,
        typeof value === 'number' ? format.rupiah(value) : value,
      ]),
    );
    return t(own.key, vars);
  };
  const newItem = () => emptyItem(nextKey.current++);

  function patch(change: Partial<CommitmentFormValues>) {
    setValues((current) => ({ ...current, ...change }));
  }
  function patchItem(key: number, change: Partial<ItemRow>) {
    setValues((current) => ({
      ...current,
      items: current.items.map((row) => (row.key === key ? { ...row, ...change } : row)),
    }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateCommitmentForm(values, packages);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length || !me.collaborator) return;
    setSaving(true);
    const result = await mutate(() =>
      api.POST('/api/v1/commitments', {
        params: { header: { 'Idempotency-Key': idempotencyKey() } },
        body: commitmentBody(values, me.collaborator?.id ?? ''),
      }),
    );
    setSaving(false);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    toast.show(t('commitmentForm.created'));
    navigate(`/my-commitments/${result.data.id}`);
  }

  return (
    <>
      <PageHeader title={t('commitmentForm.title')} intro={t('commitmentForm.intro')}>
        <Link className="button button--secondary" to="/my-commitments">
          {t('action.backToList')}
        </Link>
      </PageHeader>
      <form className="card form-grid" onSubmit={submit} noValidate aria-label={t('commitmentForm.title')}>
        <FormProblems errors={errors} failure={failure} />
        <ProgramSection values={values} patch={patch} newItem={newItem} errorOf={errorOf} />
        <ItemsSection
          values={values}
          packages={packages}
          patch={patch}
          patchItem={patchItem}
          newItem={newItem}
          errorOf={errorOf}
        />
        <WindowSection values={values} patch={patch} errorOf={errorOf} />
        <div className="form-grid__wide form-actions">
          <p className="muted small">{t('commitmentForm.signNext')}</p>
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? t('action.saving') : t('commitmentForm.save')}
          </button>
        </div>
      </form>
    </>
  );
}
