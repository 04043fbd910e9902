import { useI18n } from '../i18n/I18nProvider';
import { LOCALES } from '../i18n/locales';

/** Two toggle buttons, ID and EN; the pressed one is the current language. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t('lang.label')}>
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className="language-switch__option"
          aria-pressed={option === locale}
          // the name starts with what is shown (WCAG 2.5.3, axe's label-content-name-mismatch)
          aria-label={`${option.toUpperCase()} – ${t(option === 'id' ? 'lang.id' : 'lang.en')}`}
          onClick={() => setLocale(option)}
        >
          {option.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
