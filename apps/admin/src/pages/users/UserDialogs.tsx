import { useState, type FormEvent } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { LANGUAGES, ROLES, type Language, type Role } from '../../api/enums';
import { failureText, type ApiFailure } from '../../api/failure';
import { fieldErrorsOf, idempotencyKey, ifMatch, mutate } from '../../api/mutate';
import { Dialog } from '../../components/Dialog';
import { controlProps, Field } from '../../components/Field';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';

type User = Schemas['UserResponse'];

function RoleSelect({ id, value, onChange }: { id: string; value: Role; onChange(role: Role): void }) {
  const { t } = useI18n();
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value as Role)}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`role.${role}`)}
        </option>
      ))}
    </select>
  );
}

function LanguageSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: Language;
  onChange(language: Language): void;
}) {
  const { t } = useI18n();
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value as Language)}>
      {LANGUAGES.map((language) => (
        <option key={language} value={language}>
          {t(`lang.${language}`)}
        </option>
      ))}
    </select>
  );
}

function FailureNotice({ failure }: { failure: ApiFailure | null }) {
  const { t } = useI18n();
  if (!failure) return null;
  return (
    <p className="notice notice--error" role="alert">
      {failureText(failure, t)}
    </p>
  );
}

/** A new account; collaborators and aggregators are tied to their organisation by its id. */
export function CreateUserDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose(): void;
  onCreated(): void;
}) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [language, setLanguage] = useState<Language>(locale);
  const [organisationId, setOrganisationId] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const needsOrganisation = role === 'collaborator' || role === 'aggregator' || role === 'kelurahan';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const organisation = organisationId.trim();
    const result = await mutate(() =>
      api.POST('/api/v1/users', {
        params: { header: { 'Idempotency-Key': idempotencyKey() } },
        body: {
          email: email.trim(),
          password,
          name: name.trim(),
          role,
          language,
          ...(role === 'collaborator' && organisation ? { collaboratorId: organisation } : {}),
          ...(role === 'aggregator' && organisation ? { aggregatorId: organisation } : {}),
          ...(role === 'kelurahan' && organisation ? { kelurahanCode: organisation } : {}),
        },
      }),
    );
    setBusy(false);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    toast.show(t('users.created', { name: result.data.name }));
    setEmail('');
    setPassword('');
    setName('');
    setOrganisationId('');
    onCreated();
    onClose();
  }

  const errors = fieldErrorsOf(failure);
  const organisationField =
    role === 'aggregator' ? 'aggregatorId' : role === 'kelurahan' ? 'kelurahanCode' : 'collaboratorId';
  const organisationLabel =
    role === 'aggregator' ? 'users.aggregatorId' : role === 'kelurahan' ? 'users.kelurahanCode' : 'users.collaboratorId';
  const organisationHint = role === 'kelurahan' ? 'users.kelurahanHint' : 'users.linkHint';
  return (
    <Dialog open={open} title={t('users.createTitle')} onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate>
        <Field id="user-email" label={t('users.email')} error={errors.email}>
          <input
            {...controlProps('user-email', errors.email)}
            type="email"
            autoComplete="off"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </Field>
        <Field
          id="user-password"
          label={t('users.password')}
          error={errors.password}
          hint={t('users.passwordHint')}
        >
          <input
            {...controlProps('user-password', errors.password, t('users.passwordHint'))}
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={128}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
        <Field id="user-name" label={t('users.name')} error={errors.name}>
          <input
            {...controlProps('user-name', errors.name)}
            required
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <Field id="user-role" label={t('users.role')} error={errors.role}>
          <RoleSelect id="user-role" value={role} onChange={setRole} />
        </Field>
        {needsOrganisation && (
          <Field
            id="user-organisation"
            label={t(organisationLabel)}
            error={errors[organisationField]}
            hint={t(organisationHint)}
          >
            <input
              {...controlProps('user-organisation', errors[organisationField], t(organisationHint))}
              className="mono"
              required
              value={organisationId}
              onChange={(event) => setOrganisationId(event.target.value)}
            />
          </Field>
        )}
        <Field id="user-language" label={t('users.language')}>
          <LanguageSelect id="user-language" value={language} onChange={setLanguage} />
        </Field>
        <FailureNotice failure={failure} />
        <div className="form-actions">
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('action.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('action.saving') : t('users.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Change an account's role, name, language or whether it may sign in; stale edits are refused (If-Match). */
export function EditUserDialog({ user, onClose, onSaved }: { user: User; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role>(user.role);
  const [language, setLanguage] = useState<Language>(user.language);
  const [active, setActive] = useState(user.active);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const result = await mutate(() =>
      api.PATCH('/api/v1/users/{id}', {
        params: { path: { id: user.id }, header: { 'If-Match': ifMatch(user.version) } },
        body: { name: name.trim(), role, language, active },
      }),
    );
    setBusy(false);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    toast.show(t('users.updated', { name: result.data.name }));
    onSaved();
    onClose();
  }

  const errors = fieldErrorsOf(failure);
  return (
    <Dialog open title={t('users.editTitle', { name: user.name })} onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate>
        <Field id="edit-user-name" label={t('users.name')} error={errors.name}>
          <input
            {...controlProps('edit-user-name', errors.name)}
            required
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <Field id="edit-user-role" label={t('users.role')} error={errors.role}>
          <RoleSelect id="edit-user-role" value={role} onChange={setRole} />
        </Field>
        <Field id="edit-user-language" label={t('users.language')}>
          <LanguageSelect id="edit-user-language" value={language} onChange={setLanguage} />
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} />{' '}
          {t('users.activeLabel')}
        </label>
        <FailureNotice failure={failure} />
        <div className="form-actions">
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('action.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('action.saving') : t('action.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
