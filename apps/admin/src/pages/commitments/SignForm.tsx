import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { failureText, type ApiFailure } from '../../api/failure';
import { fieldErrorsOf, idempotencyKey, mutate } from '../../api/mutate';
import { controlProps, Field } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';
import type { Commitment } from './commitment-parts';

/** The collaborator signs its draft: who signs, in which capacity, and the explicit agreement. */
export function SignForm({
  commitment,
  onSigned,
}: {
  commitment: Commitment;
  onSigned(signed: Commitment): void;
}) {
  const { t, format } = useI18n();
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [agree, setAgree] = useState(false);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const server = fieldErrorsOf(failure);

  const errors = {
    name: !name.trim() ? t('validation.required') : server.signatoryName,
    title: !title.trim() ? t('validation.required') : server.signatoryTitle,
    agree: !agree ? t('sign.mustAgree') : server.agree,
  };
  const shown = (error: string | undefined) => (touched ? error : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!name.trim() || !title.trim() || !agree) return;
    setBusy(true);
    setFailure(null);
    const result = await mutate(() =>
      api.POST('/api/v1/commitments/{id}/sign', {
        params: { path: { id: commitment.id }, header: { 'Idempotency-Key': idempotencyKey() } },
        body: { signatoryName: name.trim(), signatoryTitle: title.trim(), agree: true },
      }),
    );
    setBusy(false);
    if (result.ok) onSigned(result.data);
    else setFailure(result.failure);
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="sign-title">
      <h2 id="sign-title">{t('sign.title')}</h2>
      <p className="muted">
        {t('sign.intro', { total: format.rupiah(commitment.totalValue), program: commitment.programName })}
      </p>
      {failure && (
        <p className="notice notice--error" role="alert">
          {failureText(failure, t)}
        </p>
      )}
      <div className="form-grid">
        <Field id="sign-name" label={t('sign.name')} error={shown(errors.name)}>
          <input
            {...controlProps('sign-name', shown(errors.name))}
            value={name}
            autoComplete="name"
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <Field id="sign-title-input" label={t('sign.role')} error={shown(errors.title)}>
          <input
            {...controlProps('sign-title-input', shown(errors.title))}
            value={title}
            autoComplete="organization-title"
            onChange={(event) => setTitle(event.target.value)}
          />
        </Field>
      </div>
      <div className="field">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={agree}
            aria-invalid={shown(errors.agree) ? true : undefined}
            aria-describedby={shown(errors.agree) ? 'sign-agree-error' : undefined}
            onChange={(event) => setAgree(event.target.checked)}
          />
          {t('sign.agree')}
        </label>
        {shown(errors.agree) && (
          <p id="sign-agree-error" className="field__error">
            {shown(errors.agree)}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('sign.submit')}
        </button>
      </div>
    </form>
  );
}
