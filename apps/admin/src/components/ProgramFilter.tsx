import { usePrograms } from '../hooks/usePrograms';
import { useI18n } from '../i18n/I18nProvider';

interface ProgramFilterProps {
  id: string;
  label: string;
  /** the chosen program's code; '' is "all" */
  value: string;
  onChange(code: string): void;
}

/** A filter by program: "all" first (the empty value, so the caller sends no filter), then each program by name. */
export function ProgramFilter({ id, label, value, onChange }: ProgramFilterProps) {
  const { t } = useI18n();
  const programs = usePrograms();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('filters.allPrograms')}</option>
        {programs.map((program) => (
          <option key={program.code} value={program.code}>
            {program.name}
          </option>
        ))}
      </select>
    </div>
  );
}
