import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { DELIVERY_MODES } from '../../api/enums';
import { controlProps, Field } from '../../components/Field';
import { useApiQuery } from '../../hooks/useApiQuery';
import { usePrograms } from '../../hooks/usePrograms';
import { useI18n } from '../../i18n/I18nProvider';
import {
  commitmentTotal,
  itemValue,
  withPackage,
  type CommitmentFormValues,
  type ItemRow,
} from './commitment-form-model';

type Package = Schemas['PackageResponse'];
type ErrorOf = (path: string) => string | undefined;
type Patch = (change: Partial<CommitmentFormValues>) => void;

/**
 * The open program the commitment is for, and how it is delivered: by the collaborator itself or through one of the
 * program's aggregators. Another program starts the packages over.
 */
export function ProgramSection({
  values,
  patch,
  newItem,
  errorOf,
}: {
  values: CommitmentFormValues;
  patch: Patch;
  newItem(): ItemRow;
  errorOf: ErrorOf;
}) {
  const { t } = useI18n();
  const programs = usePrograms().filter((program) => program.status === 'open');
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
  return (
    <>
      <Field id="commitment-program" label={t('commitments.program')} error={errorOf('programCode')}>
        <select
          {...controlProps('commitment-program', errorOf('programCode'))}
          value={values.programCode}
          onChange={(event) =>
            patch({ programCode: event.target.value, aggregatorId: '', items: [newItem()] })
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
    </>
  );
}

/** The packages committed, each with quantity and unit value (and the package's range), and the total. */
export function ItemsSection({
  values,
  packages,
  patch,
  patchItem,
  newItem,
  errorOf,
}: {
  values: CommitmentFormValues;
  packages: readonly Package[];
  patch: Patch;
  patchItem(key: number, change: Partial<ItemRow>): void;
  newItem(): ItemRow;
  errorOf: ErrorOf;
}) {
  const { t, format } = useI18n();
  return (
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
                  const code = event.target.value;
                  const chosen = packages.find((candidate) => candidate.code === code);
                  patchItem(row.key, withPackage(row, code, chosen));
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
              onClick={() => patch({ items: values.items.filter((candidate) => candidate.key !== row.key) })}
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
        onClick={() => patch({ items: [...values.items, newItem()] })}
      >
        {t('commitmentForm.addItem')}
      </button>
      <p className="total-line" aria-live="polite">
        {t('commitments.total')}: <strong>{format.rupiah(commitmentTotal(values))}</strong>
      </p>
    </fieldset>
  );
}

/** When the goods will be delivered, and a note for Pokja. */
export function WindowSection({
  values,
  patch,
  errorOf,
}: {
  values: CommitmentFormValues;
  patch: Patch;
  errorOf: ErrorOf;
}) {
  const { t } = useI18n();
  return (
    <>
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
    </>
  );
}
