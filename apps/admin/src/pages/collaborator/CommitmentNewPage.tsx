import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { DELIVERY_MODES } from '../../api/enums';
import { failureText, type ApiFailure } from '../../api/failure';
import { fieldErrorsOf, idempotencyKey, mutate } from '../../api/mutate';
import { useCurrentUser } from '../../auth/current-user';
import { controlProps, Field } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/Toast';
import { useApiQuery } from '../../hooks/useApiQuery';
import { usePackages, usePrograms } from '../../hooks/usePrograms';
import { useI18n } from '../../i18n/I18nProvider';
import {
  commitmentBody,
  itemValue,
  validateCommitmentForm,
  type CommitmentFormErrors,
  type CommitmentFormValues,
  type ItemRow,
} from './commitment-form-model';

const today = () => new Date().toISOString().slice(0, 10);

/** A new commitment: program, how it is delivered, the packages with quantity and unit value, and the window. */
export default function CommitmentNewPage() {
  const { t, format } = useI18n();
  const toast = useToast();
  const navigate = useNavigate();
  const { me } = useCurrentUser();
  const nextKey = useRef(1);
  const [values, setValues] = useState<CommitmentFormValues>({
    programCode: '',
    deliveryMode: 'direct',
    aggregatorId: '',
    plannedFrom: today(),
    plannedTo: '',
    notes: '',
    items: [{ key: 0, packageCode: '', quantity: '', unitValue: '' }],
  });
  const [errors, setErrors] = useState<CommitmentFormErrors>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);
  const programs = usePrograms().filter((program) => program.status === 'open');
  const packages = usePackages(values.programCode);
  const aggregators = useApiQuery(
    (signal) =>
      api.GET('/api/v1/aggregators', {
        params: {
          query: { program: values.programCode || undefined, status: 'active', limit: 100, sort: 'name' },
        },
        signal,
      }),
    [values.programCode],
  );
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
  const total = values.items.reduce((sum, row) => sum + itemValue(row), 0);

  useEffect(() => {
    if (failure || Object.keys(errors).length) noticeRef.current?.focus();
  }, [failure, errors]);

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

  const errorCount = Object.keys(errors).length;
  return (
    <>
      <PageHeader title={t('commitmentForm.title')} intro={t('commitmentForm.intro')}>
        <Link className="button button--secondary" to="/my-commitments">
          {t('action.backToList')}
        </Link>
      </PageHeader>
      <form className="card form-grid" onSubmit={submit} noValidate aria-label={t('commitmentForm.title')}>
        <div ref={noticeRef} tabIndex={-1} className="form-grid__wide">
          {errorCount > 0 && (
            <p className="notice notice--error" role="alert">
              {t('validation.fixFields', { count: errorCount })}
            </p>
          )}
          {failure && (
            <p className="notice notice--error" role="alert">
              {failureText(failure, t)}
            </p>
          )}
        </div>
        <Field id="commitment-program" label={t('commitments.program')} error={errorOf('programCode')}>
          <select
            {...controlProps('commitment-program', errorOf('programCode'))}
            value={values.programCode}
            onChange={(event) =>
              patch({
                programCode: event.target.value,
                aggregatorId: '',
                items: [{ key: nextKey.current++, packageCode: '', quantity: '', unitValue: '' }],
              })
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
        <fieldset className="fieldset">
          <legend>{t('commitments.delivery')}</legend>
          {DELIVERY_MODES.map((mode) => (
            <label key={mode} className="checkbox">
              <input
                type="radio"
                name="delivery-mode"
                value={mode}
                checked={values.deliveryMode === mode}
                onChange={() => patch({ deliveryMode: mode })}
              />
              {t(`deliveryMode.${mode}`)}
            </label>
          ))}
        </fieldset>
        {values.deliveryMode === 'aggregator' && (
          <Field
            id="commitment-aggregator"
            label={t('commitmentForm.aggregator')}
            error={errorOf('aggregatorId')}
            className="form-grid__wide"
          >
            <select
              {...controlProps('commitment-aggregator', errorOf('aggregatorId'))}
              value={values.aggregatorId}
              onChange={(event) => patch({ aggregatorId: event.target.value })}
            >
              <option value="">{t('form.choose')}</option>
              {aggregators.status === 'success' &&
                aggregators.data.data.map((aggregator) => (
                  <option key={aggregator.id} value={aggregator.id}>
                    {aggregator.name}
                  </option>
                ))}
            </select>
          </Field>
        )}
        <fieldset className="form-grid__wide fieldset">
          <legend>{t('commitments.items')}</legend>
          {errorOf('items') && <p className="field__error">{errorOf('items')}</p>}
          {values.items.map((row, index) => {
            const at = `items[${index}]`;
            const pkg = packages.find((candidate) => candidate.code === row.packageCode);
            const range =
              pkg && pkg.unitValueMax > 0
                ? t('commitmentForm.range', {
                    min: format.rupiah(pkg.unitValueMin),
                    max: format.rupiah(pkg.unitValueMax),
                  })
                : undefined;
            return (
              <div
                key={row.key}
                className="item-row"
                role="group"
                aria-label={t('commitmentForm.itemLabel', { n: index + 1 })}
              >
                <Field
                  id={`item-${row.key}-package`}
                  label={t('commitments.package')}
                  error={errorOf(`${at}.packageCode`)}
                >
                  <select
                    {...controlProps(`item-${row.key}-package`, errorOf(`${at}.packageCode`))}
                    value={row.packageCode}
                    disabled={!values.programCode}
                    onChange={(event) => {
                      const chosen = packages.find((candidate) => candidate.code === event.target.value);
                      patchItem(row.key, {
                        packageCode: event.target.value,
                        unitValue:
                          row.unitValue ||
                          (chosen && chosen.unitValueMin > 0 ? String(chosen.unitValueMin) : ''),
                      });
                    }}
                  >
                    <option value="">{t('form.choose')}</option>
                    {packages.map((candidate) => (
                      <option key={candidate.code} value={candidate.code}>
                        {candidate.name} ({candidate.unit})
                      </option>
                    ))}
                  </select>
                </Field>
                <Field
                  id={`item-${row.key}-quantity`}
                  label={t('commitments.quantity')}
                  error={errorOf(`${at}.quantity`)}
                >
                  <input
                    {...controlProps(`item-${row.key}-quantity`, errorOf(`${at}.quantity`))}
                    type="number"
                    min={1}
                    value={row.quantity}
                    onChange={(event) => patchItem(row.key, { quantity: event.target.value })}
                  />
                </Field>
                <Field
                  id={`item-${row.key}-value`}
                  label={t('commitments.unitValue')}
                  error={errorOf(`${at}.unitValue`)}
                  hint={range}
                >
                  <input
                    {...controlProps(`item-${row.key}-value`, errorOf(`${at}.unitValue`), range)}
                    type="number"
                    min={1}
                    value={row.unitValue}
                    onChange={(event) => patchItem(row.key, { unitValue: event.target.value })}
                  />
                </Field>
                <div className="item-row__total">
                  <span className="muted small">{t('commitments.subtotal')}</span>
                  <strong>{format.rupiah(itemValue(row))}</strong>
                </div>
                <button
                  type="button"
                  className="button button--ghost button--small"
                  disabled={values.items.length === 1}
                  onClick={() =>
                    patch({ items: values.items.filter((candidate) => candidate.key !== row.key) })
                  }
                >
                  {t('commitmentForm.removeItem')}
                  <span className="visually-hidden"> {index + 1}</span>
                </button>
              </div>
            );
          })}
          <button
            type="button"
            className="button button--secondary"
            disabled={!values.programCode || values.items.length >= packages.length}
            onClick={() =>
              patch({
                items: [
                  ...values.items,
                  { key: nextKey.current++, packageCode: '', quantity: '', unitValue: '' },
                ],
              })
            }
          >
            {t('commitmentForm.addItem')}
          </button>
          <p className="total-line" aria-live="polite">
            {t('commitments.total')}: <strong>{format.rupiah(total)}</strong>
          </p>
        </fieldset>
        <Field id="commitment-from" label={t('commitmentForm.plannedFrom')} error={errorOf('plannedFrom')}>
          <input
            {...controlProps('commitment-from', errorOf('plannedFrom'))}
            type="date"
            value={values.plannedFrom}
            onChange={(event) => patch({ plannedFrom: event.target.value })}
          />
        </Field>
        <Field id="commitment-to" label={t('commitmentForm.plannedTo')} error={errorOf('plannedTo')}>
          <input
            {...controlProps('commitment-to', errorOf('plannedTo'))}
            type="date"
            value={values.plannedTo}
            min={values.plannedFrom}
            onChange={(event) => patch({ plannedTo: event.target.value })}
          />
        </Field>
        <Field id="commitment-notes" label={t('commitments.notes')} className="form-grid__wide">
          <textarea
            id="commitment-notes"
            rows={2}
            value={values.notes}
            onChange={(event) => patch({ notes: event.target.value })}
          />
        </Field>
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
