import { useEffect, useState } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { ATTACHMENT_TYPES } from '../../api/enums';
import { controlProps, Field } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';
import {
  remainingOf,
  type HandoverFormValues,
  type PartyRow,
  type RecipientRow,
} from './handover-form-model';
import { RegionName } from '../../components/RegionName';

type Allocation = Schemas['AllocationResponse'];
type ErrorOf = (path: string) => string | undefined;
type Patch = (change: Partial<HandoverFormValues>) => void;

/** The claims of one commitment and how much of each is handed over now. */
export function ItemsSection({
  values,
  allocations,
  patch,
  errorOf,
}: {
  values: HandoverFormValues;
  allocations: readonly Allocation[];
  patch: Patch;
  errorOf: ErrorOf;
}) {
  const { t, format } = useI18n();
  const commitments = [
    ...new Map(allocations.map((a) => [a.commitmentId, a.commitmentNumber ?? a.commitmentId])),
  ];
  const ofCommitment = allocations.filter((allocation) => allocation.commitmentId === values.commitmentId);
  let itemIndex = -1;
  return (
    <fieldset className="form-grid__wide fieldset">
      <legend>{t('handoverForm.items')}</legend>
      <Field id="ho-commitment" label={t('claim.commitment')} error={errorOf('commitmentId')}>
        <select
          {...controlProps('ho-commitment', errorOf('commitmentId'))}
          value={values.commitmentId}
          onChange={(event) => {
            const commitmentId = event.target.value;
            const quantities: Record<string, string> = {};
            for (const allocation of allocations)
              if (allocation.commitmentId === commitmentId)
                quantities[allocation.id] = String(remainingOf(allocation));
            const first = allocations.find((allocation) => allocation.commitmentId === commitmentId);
            patch({ commitmentId, quantities, regionCode: values.regionCode || (first?.regionCode ?? '') });
          }}
        >
          <option value="">{t('form.choose')}</option>
          {commitments.map(([id, number]) => (
            <option key={id} value={id}>
              {number}
            </option>
          ))}
        </select>
      </Field>
      {errorOf('items') && <p className="field__error">{errorOf('items')}</p>}
      {ofCommitment.map((allocation) => {
        const included = (values.quantities[allocation.id] ?? '') !== '';
        if (included) itemIndex += 1;
        const path = `items[${itemIndex}].quantity`;
        const error = included ? errorOf(path) : undefined;
        const id = `ho-item-${allocation.id}`;
        return (
          <div key={allocation.id} className="handover-item" role="group" aria-label={allocation.needTitle}>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={included}
                onChange={(event) =>
                  patch({
                    quantities: {
                      ...values.quantities,
                      [allocation.id]: event.target.checked ? String(remainingOf(allocation)) : '',
                    },
                  })
                }
              />
              <span>
                <strong>{allocation.needTitle}</strong>
                <span className="muted small">
                  {' '}
                  · {allocation.packageCode} · <RegionName code={allocation.regionCode} />
                </span>
              </span>
            </label>
            {included && (
              <Field
                id={id}
                label={t('handoverForm.quantity')}
                error={error}
                hint={t('handoverForm.remaining', { count: format.number(remainingOf(allocation)) })}
              >
                <input
                  {...controlProps(id, error, 'hint')}
                  type="number"
                  min={1}
                  max={remainingOf(allocation)}
                  value={values.quantities[allocation.id]}
                  onChange={(event) =>
                    patch({ quantities: { ...values.quantities, [allocation.id]: event.target.value } })
                  }
                />
              </Field>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

/** Witnesses (name, role, organisation) or recipients (NIK, name): rows that can be added and removed. */
export function RowsSection<Row extends PartyRow | RecipientRow>({
  legend,
  rows,
  prefix,
  fields,
  onChange,
  newRow,
  errorOf,
  addLabel,
  hint,
}: {
  legend: string;
  rows: Row[];
  prefix: 'witnesses' | 'recipients';
  fields: { name: keyof Row & string; label: string; inputMode?: 'numeric' }[];
  onChange(rows: Row[]): void;
  newRow(): Row;
  errorOf: ErrorOf;
  addLabel: string;
  hint?: string;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="form-grid__wide fieldset">
      <legend>{legend}</legend>
      {hint && <p className="field__hint">{hint}</p>}
      {rows.map((row, index) => (
        <div key={row.key} className="party-row" role="group" aria-label={`${legend} ${index + 1}`}>
          {fields.map((field) => {
            const id = `ho-${prefix}-${row.key}-${field.name}`;
            const error = errorOf(`${prefix}[${index}].${field.name}`);
            return (
              <Field key={field.name} id={id} label={field.label} error={error}>
                <input
                  {...controlProps(id, error)}
                  inputMode={field.inputMode}
                  value={String(row[field.name])}
                  onChange={(event) =>
                    onChange(
                      rows.map((candidate) =>
                        candidate.key === row.key
                          ? { ...candidate, [field.name]: event.target.value }
                          : candidate,
                      ),
                    )
                  }
                />
              </Field>
            );
          })}
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => onChange(rows.filter((candidate) => candidate.key !== row.key))}
          >
            {t('handoverForm.remove')}
            <span className="visually-hidden">
              {' '}
              {legend} {index + 1}
            </span>
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => onChange([...rows, newRow()])}
      >
        {addLabel}
      </button>
    </fieldset>
  );
}

/** Photos (JPEG/PNG) and PDFs to attach, previewed before they are sent. */
export function PhotosSection({
  files,
  onChange,
  errorOf,
}: {
  files: File[];
  onChange(files: File[]): void;
  errorOf: ErrorOf;
}) {
  const { t, format } = useI18n();
  const [previews, setPreviews] = useState<string[]>([]);
  useEffect(() => {
    const urls = files.map((file) => (file.type.startsWith('image/') ? URL.createObjectURL(file) : ''));
    setPreviews(urls);
    return () => urls.forEach((url) => url && URL.revokeObjectURL(url));
  }, [files]);

  return (
    <fieldset className="form-grid__wide fieldset">
      <legend>{t('handoverForm.photos')}</legend>
      <div className="field">
        <label htmlFor="ho-files">{t('handoverForm.addPhotos')}</label>
        <input
          id="ho-files"
          type="file"
          multiple
          accept={ATTACHMENT_TYPES.join(',')}
          aria-describedby="ho-files-hint"
          onChange={(event) => {
            onChange([...files, ...Array.from(event.target.files ?? [])]);
            event.target.value = '';
          }}
        />
        <p id="ho-files-hint" className="field__hint">
          {t('handoverForm.photosHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="ho-camera" className="button button--secondary camera-button">
          {t('handoverForm.takePhoto')}
        </label>
        {/* on a phone this opens the rear camera; a desktop browser offers its file picker */}
        <input
          id="ho-camera"
          className="visually-hidden"
          type="file"
          accept="image/*"
          capture="environment"
          onChange={(event) => {
            onChange([...files, ...Array.from(event.target.files ?? [])]);
            event.target.value = '';
          }}
        />
      </div>
      <ul className="thumbs">
        {files.map((file, index) => (
          <li key={`${file.name}-${index}`} className="thumb">
            {previews[index] ? (
              <img src={previews[index]} alt={file.name} />
            ) : (
              <span className="thumb__doc">PDF</span>
            )}
            <span className="small break">
              {file.name} · {format.number(Math.ceil(file.size / 1024))} KB
            </span>
            {errorOf(`files[${index}]`) && <span className="field__error">{errorOf(`files[${index}]`)}</span>}
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => onChange(files.filter((_, at) => at !== index))}
            >
              {t('handoverForm.remove')}
              <span className="visually-hidden"> {file.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
