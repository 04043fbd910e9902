import { useEffect, useRef } from 'react';
import { failureText, type ApiFailure } from '../api/failure';
import { useI18n } from '../i18n/I18nProvider';

/**
 * The top of a form: how many fields need fixing and the API's problem. It takes the focus whenever a submit finds
 * either, so a screen reader announces it and the next Tab leads into the form.
 */
export function FormProblems({ errors, failure }: { errors: object; failure: ApiFailure | null }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const errorCount = Object.keys(errors).length;

  useEffect(() => {
    if (failure || Object.keys(errors).length) ref.current?.focus();
  }, [failure, errors]);

  return (
    <div ref={ref} tabIndex={-1} className="form-grid__wide">
      {errorCount > 0 && (
        <p className="notice notice--error" role="alert">
          {t('validation.fixFields', { count: errorCount })}
        </p>
      )}
      {failure && (
        <p className="notice notice--error" role="alert">
          {failureText(failure, t)}
        </p>
      )}
    </div>
  );
}
