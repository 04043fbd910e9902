import { useEffect, useState } from 'react';
import { failureText, type ApiFailure } from '../api/failure';
import { mutate } from '../api/mutate';
import type { ApiResult } from '../hooks/useApiQuery';
import { useI18n } from '../i18n/I18nProvider';

interface PdfButtonProps {
  label: string;
  fileName: string;
  /** the client call that returns the document as a blob (`parseAs: 'blob'`) */
  load(): Promise<ApiResult<unknown>>;
  testId?: string;
}

/**
 * Fetches a document through the API client (it needs the bearer token, so a plain link would not do) and opens it
 * from an object URL; a download link stays on the page in case the browser blocks the new tab.
 */
export function PdfButton({ label, fileName, load, testId }: PdfButtonProps) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );

  async function open() {
    setBusy(true);
    setFailure(null);
    const result = await mutate(load);
    setBusy(false);
    if (!result.ok || !(result.data instanceof Blob)) {
      setFailure(result.ok ? { kind: 'unexpected' } : result.failure);
      return;
    }
    const objectUrl = URL.createObjectURL(result.data);
    setUrl(objectUrl);
    window.open(objectUrl, '_blank');
  }

  return (
    <div className="pdf-action">
      <button type="button" className="button button--secondary" onClick={open} disabled={busy}>
        {busy ? t('state.loading') : label}
      </button>
      {url && (
        <a href={url} download={fileName} className="small" data-testid={testId}>
          {t('document.download')}
        </a>
      )}
      {failure && (
        <p className="notice notice--error" role="alert">
          {failureText(failure, t)}
        </p>
      )}
    </div>
  );
}
