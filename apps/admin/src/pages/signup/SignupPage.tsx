import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { failureFromError, failureFromThrown, type ApiFailure } from '../../api/failure';
import { fieldErrorsOf } from '../../api/mutate';
import { LANGUAGES, type CollaboratorType, type Language } from '../../api/enums';
import { login } from '../../auth/auth-actions';
import { useSession } from '../../auth/useSession';
import { controlProps, Field } from '../../components/Field';
import { FormProblems } from '../../components/FormProblems';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/id';
import { StandalonePage } from './StandalonePage';
import {
  emptySignup,
  inputOfField,
  SIGNUP_TYPES,
  signupBody,
  TYPE_FIELDS,
  type SignupValues,
} from './signup-form';

type Errors = Partial<Record<keyof SignupValues, MessageKey>>;

function validate(v: SignupValues): Errors {
  const errors: Errors = {};
  if (!v.name.trim()) errors.name = 'validation.required';
  if (!v.email.trim()) errors.email = 'validation.required';
  if (v.password.length < 8) errors.password = 'signup.passwordHint';
  if (v.type !== 'individual' && v.orgName.trim().length < 2) errors.orgName = 'validation.required';
  if (!v.terms) errors.terms = 'signup.termsRequired';
  return errors;
}

/** Self sign-up: the account, the organisation (fields by type) and the terms; then signed in to the status page. */
export default function SignupPage() {
  const { t, locale } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const [values, setValues] = useState<SignupValues>(() => emptySignup(locale as Language));
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [submitting, setSubmitting] = useState(false);

  if (session.status === 'authenticated' && !submitting)
    return <Navigate to={session.me.roles.includes('collaborator') ? '/signup/status' : '/'} replace />;

  const server: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrorsOf(failure)))
    server[inputOfField(field, values.type)] = message;
  const errorOf = (input: keyof SignupValues): string | undefined => {
    const own = errors[input];
    return own ? t(own) : server[input];
  };
  const patch = (change: Partial<SignupValues>) => setValues((current) => ({ ...current, ...change }));
  const text = (
    input:
      | 'name'
      | 'email'
      | 'password'
      | 'orgName'
      | 'registrationNumber'
      | 'taxNumber'
      | 'picName'
      | 'phone'
      | 'address'
      | 'country',
    hint?: string,
  ) =>
    ({
      ...controlProps(`signup-${input}`, errorOf(input), hint),
      name: input,
      value: values[input],
      onChange: (event: { target: { value: string } }) => patch({ [input]: event.target.value }),
    }) as const;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validate(values);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    setSubmitting(true);
    try {
      const { data, error, response } = await api.POST('/api/v1/auth/register', {
        body: signupBody(values),
        headers: { 'accept-language': locale },
      });
      if (!data) {
        setFailure(
          response.status === 409
            ? {
                kind: 'problem',
                problem: {
                  type: 'about:blank',
                  code: 'email_taken',
                  title: 'Conflict',
                  status: 409,
                  detail: t('signup.emailTaken'),
                },
              }
            : failureFromError(error, response),
        );
        setSubmitting(false);
        return;
      }
    } catch (thrown) {
      setFailure(failureFromThrown(thrown));
      setSubmitting(false);
      return;
    }
    // registration answers no tokens: sign in with the new account (if that fails, the login page asks again)
    const loginFailure = await login(values.email.trim(), values.password);
    setSubmitting(false);
    navigate(loginFailure ? '/login?next=%2Fsignup%2Fstatus' : '/signup/status', { replace: true });
  }

  const fields = TYPE_FIELDS[values.type];
  return (
    <StandalonePage titleId="signup-title">
      <h1 id="signup-title">{t('signup.title')}</h1>
      <p className="muted">{t('signup.intro')}</p>
      <form className="form-grid" onSubmit={submit} noValidate>
        <FormProblems errors={errors} failure={failure} />
        <fieldset className="fieldset form-grid__wide">
          <legend>{t('signup.account')}</legend>
          <Field id="signup-name" label={t('signup.name')} error={errorOf('name')}>
            <input {...text('name')} autoComplete="name" required maxLength={200} />
          </Field>
          <Field
            id="signup-email"
            label={t('signup.email')}
            error={errorOf('email')}
            hint={t('signup.emailHint')}
          >
            <input
              {...text('email', t('signup.emailHint'))}
              type="email"
              autoComplete="email"
              required
              maxLength={254}
            />
          </Field>
          <Field
            id="signup-password"
            label={t('signup.password')}
            error={errorOf('password')}
            hint={t('signup.passwordHint')}
          >
            <input
              {...text('password', t('signup.passwordHint'))}
              type="password"
              autoComplete="new-password"
              required
              maxLength={128}
            />
          </Field>
          <Field id="signup-language" label={t('signup.language')}>
            <select
              id="signup-language"
              name="language"
              value={values.language}
              onChange={(event) => patch({ language: event.target.value as Language })}
            >
              {LANGUAGES.map((language) => (
                <option key={language} value={language}>
                  {t(language === 'id' ? 'lang.id' : 'lang.en')}
                </option>
              ))}
            </select>
          </Field>
        </fieldset>
        <fieldset className="fieldset form-grid__wide">
          <legend>{t('signup.organisation')}</legend>
          <Field id="signup-type" label={t('signup.type')} error={errorOf('type')}>
            <select
              {...controlProps('signup-type', errorOf('type'))}
              name="type"
              value={values.type}
              onChange={(event) => patch({ type: event.target.value as CollaboratorType })}
            >
              {SIGNUP_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`collaboratorType.${type}`)}
                </option>
              ))}
            </select>
          </Field>
          {values.type === 'individual' ? (
            <>
              <p className="muted">{t('signup.individualNote')}</p>
              <label className="checkbox">
                <input
                  type="checkbox"
                  name="publicOptIn"
                  checked={values.publicOptIn}
                  onChange={(event) => patch({ publicOptIn: event.target.checked })}
                />
                <span>{t('signup.publicOptIn')}</span>
              </label>
            </>
          ) : (
            <Field id="signup-orgName" label={t(`signup.orgName.${values.type}`)} error={errorOf('orgName')}>
              <input {...text('orgName')} autoComplete="organization" required maxLength={200} />
            </Field>
          )}
          {fields.includes('country') && (
            <Field id="signup-country" label={t('signup.country')} error={errorOf('country')}>
              <input {...text('country')} autoComplete="country" maxLength={2} />
            </Field>
          )}
          {fields.includes('registrationNumber') && (
            <Field
              id="signup-registrationNumber"
              label={t('signup.registrationNumber')}
              error={errorOf('registrationNumber')}
            >
              <input {...text('registrationNumber')} maxLength={64} />
            </Field>
          )}
          {fields.includes('taxNumber') && (
            <Field
              id="signup-taxNumber"
              label={t('signup.taxNumber')}
              error={errorOf('taxNumber')}
              hint={t('signup.taxNumberHint')}
            >
              <input {...text('taxNumber', t('signup.taxNumberHint'))} inputMode="numeric" maxLength={32} />
            </Field>
          )}
          {fields.includes('picName') && (
            <Field
              id="signup-picName"
              label={t('signup.picName')}
              error={errorOf('picName')}
              hint={t('signup.picNameHint')}
            >
              <input {...text('picName', t('signup.picNameHint'))} maxLength={200} />
            </Field>
          )}
          {fields.includes('phone') && (
            <Field id="signup-phone" label={t('signup.phone')} error={errorOf('phone')}>
              <input {...text('phone')} type="tel" autoComplete="tel" maxLength={32} />
            </Field>
          )}
          {fields.includes('address') && (
            <Field id="signup-address" label={t('signup.address')} error={errorOf('address')}>
              <textarea {...text('address')} autoComplete="street-address" rows={2} maxLength={500} />
            </Field>
          )}
        </fieldset>
        <div className="form-grid__wide">
          <label className="checkbox">
            <input
              {...controlProps('signup-terms', errorOf('terms'))}
              type="checkbox"
              name="terms"
              required
              checked={values.terms}
              onChange={(event) => patch({ terms: event.target.checked })}
            />
            <span>{t('signup.terms')}</span>
          </label>
          {errorOf('terms') && (
            <p id="signup-terms-error" className="field__error">
              {errorOf('terms')}
            </p>
          )}
        </div>
        <div className="form-grid__wide">
          <button type="submit" className="button button--primary button--block" disabled={submitting}>
            {submitting ? t('signup.submitting') : t('signup.submit')}
          </button>
          <p className="login__public">
            <Link to="/login">{t('signup.haveAccount')}</Link>
          </p>
        </div>
      </form>
    </StandalonePage>
  );
}
