import { useState, type FormEvent } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { REPORT_FORMATS, REPORT_KINDS } from '../../api/enums';
import { failureText, type ApiFailure } from '../../api/failure';
import { fieldErrorsOf, idempotencyKey, mutate } from '../../api/mutate';
import { controlProps, Field } from '../../components/Field';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';

type CreateSchedule = Schemas['CreateReportScheduleRequest'];

function splitRecipients(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((address) => address.trim())
    .filter(Boolean);
}

/** Create a report schedule; the API checks the cron expression and the addresses and says what is wrong. */
export function ScheduleForm({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [name, setName] = useState('');
  const [cron, setCron] = useState('0 7 * * 1');
  const [report, setReport] = useState<CreateSchedule['report']>('summary');
  const [format, setFormat] = useState<CreateSchedule['format']>('xlsx');
  const [recipients, setRecipients] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [missing, setMissing] = useState<Record<string, string>>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body: CreateSchedule = {
      name: name.trim(),
      cron: cron.trim(),
      report,
      format,
      recipients: splitRecipients(recipients),
    };
    const required: Record<string, string> = {};
    if (!body.name) required.name = t('validation.required');
    if (!body.cron) required.cron = t('validation.required');
    if (body.recipients.length === 0) required.recipients = t('validation.required');
    setMissing(required);
    setFailure(null);
    if (Object.keys(required).length > 0) return;
    setBusy(true);
    const result = await mutate(() =>
      api.POST('/api/v1/report-schedules', {
        params: { header: { 'Idempotency-Key': idempotencyKey() } },
        body,
      }),
    );
    setBusy(false);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    toast.show(t('schedules.created', { name: result.data.name }));
    setName('');
    setRecipients('');
    onCreated();
  }

  const errors = { ...fieldErrorsOf(failure), ...missing };
  const recipientsError =
    errors.recipients ?? Object.entries(errors).find(([key]) => key.startsWith('recipients'))?.[1];
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('schedules.create')}>
      <Field id="schedule-name" label={t('schedules.name')} error={errors.name}>
        <input
          {...controlProps('schedule-name', errors.name)}
          value={name}
          maxLength={200}
          onChange={(event) => setName(event.target.value)}
        />
      </Field>
      <Field
        id="schedule-cron"
        label={t('schedules.cron')}
        error={errors.cron}
        hint={t('schedules.cronHint')}
      >
        <input
          {...controlProps('schedule-cron', errors.cron, t('schedules.cronHint'))}
          className="mono"
          value={cron}
          onChange={(event) => setCron(event.target.value)}
        />
      </Field>
      <Field id="schedule-report" label={t('schedules.report')}>
        <select
          id="schedule-report"
          value={report}
          onChange={(event) => setReport(event.target.value as CreateSchedule['report'])}
        >
          {REPORT_KINDS.map((option) => (
            <option key={option} value={option}>
              {t(`reportKind.${option}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="schedule-format" label={t('schedules.format')}>
        <select
          id="schedule-format"
          value={format}
          onChange={(event) => setFormat(event.target.value as CreateSchedule['format'])}
        >
          {REPORT_FORMATS.map((option) => (
            <option key={option} value={option}>
              {option.toUpperCase()}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="schedule-recipients"
        label={t('schedules.recipients')}
        error={recipientsError}
        hint={t('schedules.recipientsHint')}
        className="form-grid__wide"
      >
        <input
          {...controlProps('schedule-recipients', recipientsError, t('schedules.recipientsHint'))}
          type="text"
          inputMode="email"
          value={recipients}
          onChange={(event) => setRecipients(event.target.value)}
        />
      </Field>
      {failure && (
        <p className="notice notice--error form-grid__wide" role="alert">
          {failureText(failure, t)}
        </p>
      )}
      <div className="form-actions form-grid__wide">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('action.saving') : t('schedules.create')}
        </button>
      </div>
    </form>
  );
}
