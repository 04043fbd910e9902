import { useEffect, useRef, useState } from 'react';
import { failureText, type ApiFailure } from '../api/failure';
import { mutate } from '../api/mutate';
import type { ApiResult } from '../hooks/useApiQuery';
import { useI18n } from '../i18n/I18nProvider';

interface DownloadButtonProps {
  label: string;
  /** what the saved file is called */
  fileName: string;
  /** the client call that returns the file as a blob (`parseAs: 'blob'`) */
  load(): Promise<ApiResult<unknown>>;
  className?: string;
  testId?: string;
}

/**
 * Fetches a file through the API client (it needs the bearer token, so a plain link would not do) and saves it from an
 * object URL; the link stays on the page so the user can save it again.
 */
export function DownloadButton({ label, fileName, load, className, testId }: DownloadButtonProps) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const link = useRef<HTMLAnchorElement>(null);

  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  useEffect(() => {
    if (url) link.current?.click();
  }, [url]);

  async function download() {
    setBusy(true);
    setFailure(null);
    const result = await mutate(load);
    setBusy(false);
    if (!result.ok || !(result.data instanceof Blob)) {
      setFailure(result.ok ? { kind: 'unexpected' } : result.failure);
      return;
    }
    setUrl(URL.createObjectURL(result.data));
  }

  return (
    <span className="download-action">
      <button
        type="button"
        className={className ?? 'button button--secondary button--small'}
        onClick={download}
        disabled={busy}
        aria-busy={busy}
      >
        {busy ? t('state.loading') : label}
      </button>
      {url && (
        <a ref={link} href={url} download={fileName} className="small" data-testid={testId}>
          {fileName}
        </a>
      )}
      {failure && (
        <span className="notice notice--error" role="alert">
          {failureText(failure, t)}
        </span>
      )}
    </span>
  );
}
