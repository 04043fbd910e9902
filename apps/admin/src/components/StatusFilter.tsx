import { useI18n } from '../i18n/I18nProvider';

interface StatusFilterProps<V extends string> {
  id: string;
  label: string;
  options: readonly V[];
  labelOf(option: V): string;
  /** the chosen value; '' is "all" */
  value: V | '';
  onChange(value: V | ''): void;
}

/**
 * A list filter over one of the API's closed lists (a status, a type, a channel). "All" comes first and is the empty
 * value, so the caller sends no filter for it.
 */
export function StatusFilter<V extends string>({
  id,
  label,
  options,
  labelOf,
  value,
  onChange,
}: StatusFilterProps<V>) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as V | '')}>
        <option value="">{t('filters.all')}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {labelOf(option)}
          </option>
        ))}
      </select>
    </div>
  );
}
