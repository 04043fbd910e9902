import { useState, type FormEvent } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { REPORT_FORMATS, REPORT_KINDS } from '../../api/enums';
import { failureText, type ApiFailure } from '../../api/failure';
import { fieldErrorsOf, idempotencyKey, mutate } from '../../api/mutate';
import { controlProps, Field } from '../../components/Field';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import {
  cronInWords,
  cronOf,
  DEFAULT_PICK,
  FREQUENCIES,
  isTime,
  MONTH_DAYS,
  WEEKDAYS,
  type Frequency,
  type Weekday,
} from './schedule-picker';

type CreateSchedule = Schemas['CreateReportScheduleRequest'];

function splitRecipients(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((address) => address.trim())
    .filter(Boolean);
}

/** The schedule in words ("Every Monday at 07:00 WIB"), or the cron as it is when the picker cannot say it. */
export function useCronInWords(): (cron: string) => string {
  const { t } = useI18n();
  return (cron) => {
    const words = cronInWords(cron, (weekday) => t(`weekday.${weekday}`));
    return t(words.key, words.vars);
  };
}

/**
 * Create a report schedule: when it runs is picked (daily, weekly on a day, monthly on a day, at a time in WIB) and
 * written as the cron the API stores; a custom cron remains possible. The API checks the cron and the addresses.
 */
export function ScheduleForm({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const toast = useToast();
  const inWords = useCronInWords();
  const [name, setName] = useState('');
  const [frequency, setFrequency] = useState<Frequency | 'custom'>(DEFAULT_PICK.frequency);
  const [time, setTime] = useState(DEFAULT_PICK.time);
  const [weekday, setWeekday] = useState<Weekday>(DEFAULT_PICK.weekday);
  const [monthDay, setMonthDay] = useState(DEFAULT_PICK.monthDay);
  const [customCron, setCustomCron] = useState('0 7 * * 1');
  const [report, setReport] = useState<CreateSchedule['report']>('summary');
  const [format, setFormat] = useState<CreateSchedule['format']>('xlsx');
  const [recipients, setRecipients] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [missing, setMissing] = useState<Record<string, string>>({});

  const timeValid = isTime(time);
  const cron =
    frequency === 'custom'
      ? customCron.trim()
      : timeValid
        ? cronOf({ frequency, time, weekday, monthDay })
        : '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body: CreateSchedule = {
      name: name.trim(),
      cron,
      report,
      format,
      recipients: splitRecipients(recipients),
    };
    const required: Record<string, string> = {};
    if (!body.name) required.name = t('validation.required');
    if (frequency !== 'custom' && !timeValid) required.time = t('validation.required');
    else if (!body.cron) required.cron = t('validation.required');
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
      <Field id="schedule-frequency" label={t('schedules.frequency')}>
        <select
          id="schedule-frequency"
          value={frequency}
          onChange={(event) => setFrequency(event.target.value as Frequency | 'custom')}
        >
          {[...FREQUENCIES, 'custom' as const].map((option) => (
            <option key={option} value={option}>
              {t(`schedules.frequency.${option}`)}
            </option>
          ))}
        </select>
      </Field>
      {frequency === 'weekly' && (
        <Field id="schedule-weekday" label={t('schedules.weekday')}>
          <select
            id="schedule-weekday"
            value={weekday}
            onChange={(event) => setWeekday(event.target.value as Weekday)}
          >
            {WEEKDAYS.map((day) => (
              <option key={day} value={day}>
                {t(`weekday.${day}`)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {frequency === 'monthly' && (
        <Field id="schedule-month-day" label={t('schedules.monthDay')} hint={t('schedules.monthDayHint')}>
          <select
            {...controlProps('schedule-month-day', undefined, t('schedules.monthDayHint'))}
            value={monthDay}
            onChange={(event) => setMonthDay(Number(event.target.value))}
          >
            {MONTH_DAYS.map((day) => (
              <option key={day} value={day}>
                {day}
              </option>
            ))}
          </select>
        </Field>
      )}
      {frequency === 'custom' ? (
        <Field
          id="schedule-cron"
          label={t('schedules.cron')}
          error={errors.cron}
          hint={t('schedules.cronHint')}
        >
          <input
            {...controlProps('schedule-cron', errors.cron, t('schedules.cronHint'))}
            className="mono"
            value={customCron}
            onChange={(event) => setCustomCron(event.target.value)}
          />
        </Field>
      ) : (
        <Field id="schedule-time" label={t('schedules.time')} error={errors.time ?? errors.cron}>
          <input
            {...controlProps('schedule-time', errors.time ?? errors.cron)}
            type="time"
            step={60}
            value={time}
            onChange={(event) => setTime(event.target.value)}
          />
        </Field>
      )}
      <p className="muted form-grid__wide" aria-live="polite" data-testid="schedule-in-words">
        {cron ? t('schedules.runsAt', { when: inWords(cron) }) : ''}{' '}
        {cron && <code>{cron}</code>}
      </p>
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
        hint={`${t('schedules.recipientsHint')} ${t('schedules.attachmentHint')}`}
        className="form-grid__wide"
      >
        <input
          {...controlProps(
            'schedule-recipients',
            recipientsError,
            `${t('schedules.recipientsHint')} ${t('schedules.attachmentHint')}`,
          )}
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
