import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import type { ApiFailure } from '../../api/failure';
import { fieldErrorsOf, idempotencyKey, ifMatch, mutate } from '../../api/mutate';
import { controlProps, Field } from '../../components/Field';
import { FormProblems } from '../../components/FormProblems';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/StatusViews';
import { useToast } from '../../components/Toast';
import { useApiQuery } from '../../hooks/useApiQuery';
import { usePackages, usePrograms } from '../../hooks/usePrograms';
import { useI18n } from '../../i18n/I18nProvider';
import {
  EMPTY_NEED_FORM,
  formValuesOf,
  needDetailsBody,
  SERVER_FIELD_TO_INPUT,
  validateNeedForm,
  type NeedFormErrors,
  type NeedFormValues,
} from './need-form-model';
import { RegionInput } from './RegionInput';

type Need = Schemas['NeedResponse'];

/** `/needs/new` and `/needs/:id/edit`. */
export default function NeedFormPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const need = useApiQuery(
    (signal) =>
      id
        ? api.GET('/api/v1/needs/{id}', { params: { path: { id } }, signal })
        : Promise.resolve({ data: null, response: new Response(null, { status: 200 }) }),
    [id],
  );
  const title = id ? t('needForm.editTitle') : t('needForm.newTitle');
  return (
    <>
      <PageHeader title={title} intro={t('needForm.intro')}>
        <Link className="button button--secondary" to="/needs">
          {t('action.backToList')}
        </Link>
      </PageHeader>
      {need.status === 'loading' && <LoadingState />}
      {need.status === 'error' && <ErrorState failure={need.failure} onRetry={need.reload} />}
      {need.status === 'success' && <NeedForm need={need.data ?? null} />}
    </>
  );
}

function NeedForm({ need }: { need: Need | null }) {
  const { t } = useI18n();
  const toast = useToast();
  const navigate = useNavigate();
  const creating = need === null;
  const [values, setValues] = useState<NeedFormValues>(need ? formValuesOf(need) : EMPTY_NEED_FORM);
  const [errors, setErrors] = useState<NeedFormErrors>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const programs = usePrograms();
  const packages = usePackages(values.programCode);

  function set<K extends keyof NeedFormValues>(field: K, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
  }

  function errorOf(field: keyof NeedFormValues): string | undefined {
    const own = errors[field];
    return own ? t(own) : serverErrors[field];
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateNeedForm(values, creating);
    setErrors(found);
    setServerErrors({});
    setFailure(null);
    if (Object.keys(found).length) return;
    setSaving(true);
    const details = needDetailsBody(values);
    const result = need
      ? await mutate(() =>
          api.PATCH('/api/v1/needs/{id}', {
            params: { path: { id: need.id }, header: { 'If-Match': ifMatch(need.version) } },
            body: details,
          }),
        )
      : await mutate(() =>
          api.POST('/api/v1/needs', {
            params: { header: { 'Idempotency-Key': idempotencyKey() } },
            body: {
              ...details,
              programCode: values.programCode,
              packageCode: values.packageCode,
            },
          }),
        );
    setSaving(false);
    if (!result.ok) {
      const byField: Record<string, string> = {};
      for (const [field, message] of Object.entries(fieldErrorsOf(result.failure))) {
        byField[SERVER_FIELD_TO_INPUT[field] ?? field] = message;
      }
      setServerErrors(byField);
      setFailure(result.failure);
      return;
    }
    toast.show(t(creating ? 'needForm.created' : 'needForm.saved', { title: values.title.trim() }));
    navigate('/needs');
  }

  const text = (
    field: keyof NeedFormValues,
    label: string,
    options: { type?: string; hint?: string; required?: boolean } = {},
  ) => (
    <Field id={`need-${field}`} label={label} error={errorOf(field)} hint={options.hint}>
      <input
        {...controlProps(`need-${field}`, errorOf(field), options.hint)}
        type={options.type ?? 'text'}
        required={options.required}
        value={values[field]}
        onChange={(event) => set(field, event.target.value)}
      />
    </Field>
  );

  return (
    <form className="card form-grid" onSubmit={submit} noValidate aria-label={t('needForm.formLabel')}>
      <FormProblems errors={errors} failure={failure} />
      <fieldset className="form-grid__wide fieldset" disabled={!creating}>
        <legend>{t('needForm.what')}</legend>
        <div className="form-grid">
          <Field id="need-programCode" label={t('needs.program')} error={errorOf('programCode')}>
            <select
              {...controlProps('need-programCode', errorOf('programCode'))}
              required
              value={values.programCode}
              onChange={(event) =>
                setValues((current) => ({ ...current, programCode: event.target.value, packageCode: '' }))
              }
            >
              <option value="">{t('form.choose')}</option>
              {programs.map((program) => (
                <option key={program.code} value={program.code}>
                  {program.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="need-packageCode" label={t('needs.package')} error={errorOf('packageCode')}>
            <select
              {...controlProps('need-packageCode', errorOf('packageCode'))}
              required
              value={values.packageCode}
              onChange={(event) => set('packageCode', event.target.value)}
            >
              <option value="">{t('form.choose')}</option>
              {packages.map((pkg) => (
                <option key={pkg.code} value={pkg.code}>
                  {pkg.name} ({pkg.unit})
                </option>
              ))}
              {!creating && packages.length === 0 && (
                <option value={values.packageCode}>{values.packageCode}</option>
              )}
            </select>
          </Field>
        </div>
      </fieldset>
      {text('title', t('needs.title'), { required: true })}
      <Field
        id="need-regionCode"
        label={t('needs.regionCode')}
        error={errorOf('regionCode')}
        hint={t('needForm.regionHint')}
      >
        <RegionInput
          id="need-regionCode"
          value={values.regionCode}
          error={errorOf('regionCode')}
          hint={t('needForm.regionHint')}
          onChange={(code, region) =>
            setValues((current) => ({
              ...current,
              regionCode: code,
              // a region picked from the list gives the map a position when none was entered
              ...(region?.lat != null && region.lon != null && !current.lat && !current.lon
                ? { lat: String(region.lat), lon: String(region.lon) }
                : {}),
            }))
          }
        />
      </Field>
      {text('quantity', t('needs.quantity'), { type: 'number', required: true })}
      {text('beneficiaryCount', t('needs.beneficiaryCount'), { type: 'number' })}
      {text('dueDate', t('needs.dueDate'), { type: 'date' })}
      <Field
        id="need-description"
        label={t('needs.description')}
        className="form-grid__wide"
        error={errorOf('description')}
      >
        <textarea
          {...controlProps('need-description', errorOf('description'))}
          rows={3}
          value={values.description}
          onChange={(event) => set('description', event.target.value)}
        />
      </Field>
      {text('source', t('needs.source'))}
      {text('sourceRef', t('needs.sourceRef'), { hint: t('needForm.sourceRefHint') })}
      <fieldset className="form-grid__wide fieldset">
        <legend>{t('needForm.location')}</legend>
        <div className="form-grid">
          {text('lat', t('needs.lat'), { hint: '-6.1754' })}
          {text('lon', t('needs.lon'), { hint: '106.8272' })}
        </div>
      </fieldset>
      <fieldset className="form-grid__wide fieldset">
        <legend>{t('needForm.contact')}</legend>
        <div className="form-grid form-grid--three">
          {text('contactName', t('needs.contactName'))}
          {text('contactRole', t('needs.contactRole'))}
          {text('contactPhone', t('needs.contactPhone'), { type: 'tel' })}
        </div>
      </fieldset>
      <div className="form-grid__wide form-actions">
        <Link className="button button--secondary" to="/needs">
          {t('action.cancel')}
        </Link>
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? t('action.saving') : creating ? t('needForm.create') : t('action.save')}
        </button>
      </div>
    </form>
  );
}
