import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { failureText, type ApiFailure } from '../../api/failure';
import { idempotencyKey, mutate } from '../../api/mutate';
import { DataTable } from '../../components/DataTable';
import { DownloadButton } from '../../components/DownloadButton';
import { PageHeader } from '../../components/PageHeader';
import { ProgressBar } from '../../components/ProgressBar';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';

type ImportResult = Schemas['NeedImportResponse'];
type Phase =
  | { step: 'idle' }
  | { step: 'reading'; read: number; total: number }
  | { step: 'sending'; rows: number }
  | { step: 'done'; result: ImportResult }
  | { step: 'failed'; failure: ApiFailure };

const NEWLINE = 10;

/** One CSV field, quoted when needed; text a spreadsheet would run as a formula gets a leading `'`. */
function csvField(value: string): string {
  const text = /^[=+@\t\r]/.test(value) || /^-[^0-9.]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The rejected rows as a CSV: the line in the uploaded file, the reasons, then the row's values in the import's
 * columns. The import ignores the first two columns, so the file can be corrected and imported as it is.
 */
export function rejectedRowsCsv(result: ImportResult): string {
  const header = ['rejectedLine', 'rejectedReasons', ...result.columns];
  const lines = result.rejected.map((row) =>
    [String(row.line), row.errors.join('; '), ...(row.values ?? result.columns.map(() => ''))]
      .map(csvField)
      .join(','),
  );
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}

/**
 * Read the file chunk by chunk (the determinate part of the progress) and count its data rows; the browser then
 * sends it and the API parses it, which takes an unknown time (the indeterminate part).
 */
async function readCsv(
  file: File,
  onProgress: (read: number) => void,
): Promise<{ blob: Blob; rows: number }> {
  const reader = file.stream().getReader();
  let read = 0;
  let lines = 0;
  let last = NEWLINE;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
    for (const byte of value) if (byte === NEWLINE) lines += 1;
    last = value[value.byteLength - 1] ?? last;
    onProgress(read);
  }
  const totalLines = lines + (last === NEWLINE ? 0 : 1);
  // the file itself is sent (no copy); the blob only labels it as CSV whatever the OS called it
  return { blob: new Blob([file], { type: 'text/csv' }), rows: Math.max(0, totalLines - 1) };
}

export default function NeedImportPage() {
  const { t, format } = useI18n();
  const toast = useToast();
  const [file, setFile] = useState<File | null>(null);
  const [publish, setPublish] = useState(false);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const busy = phase.step === 'reading' || phase.step === 'sending';

  async function submit(event: FormEvent) {
    event.preventDefault();
    await send(false);
  }

  async function send(dryRun: boolean) {
    if (!file) return;
    setPhase({ step: 'reading', read: 0, total: file.size });
    let csv: { blob: Blob; rows: number };
    try {
      csv = await readCsv(file, (read) => setPhase({ step: 'reading', read, total: file.size }));
    } catch {
      setPhase({ step: 'failed', failure: { kind: 'unexpected' } });
      return;
    }
    setPhase({ step: 'sending', rows: csv.rows });
    const form = new FormData();
    form.append('file', csv.blob, file.name);
    const result = await mutate(() =>
      api.POST('/api/v1/needs/import', {
        params: { query: { publish, dryRun }, header: { 'Idempotency-Key': idempotencyKey() } },
        body: '',
        // multipart: openapi-fetch sends the FormData as is and the browser sets the boundary
        bodySerializer: () => form,
      }),
    );
    if (!result.ok) {
      setPhase({ step: 'failed', failure: result.failure });
      return;
    }
    setPhase({ step: 'done', result: result.data });
    toast.show(
      t(result.data.dryRun ? 'needImport.previewSummary' : 'needImport.summary', {
        inserted: format.number(result.data.inserted),
        updated: format.number(result.data.updated),
        rejected: format.number(result.data.rejected.length),
      }),
      result.data.rejected.length ? 'info' : 'success',
    );
  }

  return (
    <>
      <PageHeader title={t('needImport.title')} intro={t('needImport.intro')}>
        <Link className="button button--secondary" to="/needs">
          {t('action.backToList')}
        </Link>
      </PageHeader>
      <section className="card stack" aria-labelledby="import-template-title">
        <h2 id="import-template-title">{t('needImport.columnsTitle')}</h2>
        <p className="muted">{t('needImport.templateHint')}</p>
        <DownloadButton
          label={t('needImport.template')}
          fileName="ksbb-needs-template.csv"
          testId="import-template"
          load={() => api.GET('/api/v1/needs/import/template', { parseAs: 'blob' })}
        />
      </section>
      <form className="card" onSubmit={submit} aria-label={t('needImport.title')}>
        <div className="field">
          <label htmlFor="import-file">{t('needImport.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby="import-file-hint"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setPhase({ step: 'idle' });
            }}
          />
          <p id="import-file-hint" className="field__hint">
            {t('needImport.columns')}
          </p>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={publish} onChange={(event) => setPublish(event.target.checked)} />
          {t('needImport.publish')}
        </label>
        <div className="form-actions">
          <button
            type="button"
            className="button button--secondary"
            disabled={!file || busy}
            onClick={() => void send(true)}
          >
            {t('needImport.dryRun')}
          </button>
          <button type="submit" className="button button--primary" disabled={!file || busy}>
            {phase.step === 'done' && phase.result.dryRun ? t('needImport.confirmImport') : t('needImport.start')}
          </button>
        </div>
        {phase.step === 'reading' && (
          <ProgressBar label={t('needImport.reading')} value={phase.total ? phase.read / phase.total : 1} />
        )}
        {phase.step === 'sending' && (
          <ProgressBar label={t('needImport.processing', { rows: format.number(phase.rows) })} />
        )}
        {phase.step === 'failed' && (
          <p className="notice notice--error" role="alert">
            {failureText(phase.failure, t)}
          </p>
        )}
      </form>
      {phase.step === 'done' && <ImportOutcome result={phase.result} />}
    </>
  );
}

function ImportOutcome({ result }: { result: ImportResult }) {
  const { t, format } = useI18n();
  return (
    <section className="card stack" aria-labelledby="import-result-title">
      <h2 id="import-result-title">
        {result.dryRun ? t('needImport.previewTitle') : t('needImport.resultTitle')}
      </h2>
      {result.dryRun ? (
        <p className="notice" data-testid="import-preview">
          {t('needImport.previewSummary', {
            inserted: format.number(result.inserted),
            updated: format.number(result.updated),
            rejected: format.number(result.rejected.length),
          })}
        </p>
      ) : (
        <ProgressBar label={t('needImport.finished')} value={1} />
      )}
      <dl className="stats">
        <div>
          <dt>{t('needImport.inserted')}</dt>
          <dd>{format.number(result.inserted)}</dd>
        </div>
        <div>
          <dt>{t('needImport.updated')}</dt>
          <dd>{format.number(result.updated)}</dd>
        </div>
        <div>
          <dt>{t('needImport.rejected')}</dt>
          <dd>{format.number(result.rejected.length)}</dd>
        </div>
      </dl>
      {result.rejected.length > 0 && (
        <DownloadButton
          label={t('needImport.downloadRejected')}
          fileName="ksbb-needs-rejected.csv"
          testId="import-rejected-download"
          // built here from the answer: the upload is not sent again (a real import must not run twice)
          load={async () => ({
            data: new Blob([rejectedRowsCsv(result)], { type: 'text/csv;charset=utf-8' }),
            response: new Response(null, { status: 200 }),
          })}
        />
      )}
      {result.rejected.length > 0 && (
        <DataTable
          caption={t('needImport.rejectedRows')}
          rows={result.rejected}
          rowKey={(row) => String(row.line)}
          columns={[
            { header: t('needImport.line'), className: 'num', cell: (row) => format.number(row.line) },
            {
              header: t('needImport.errors'),
              cell: (row) => (
                <ul className="plain-list">
                  {row.errors.map((error) => (
                    <li key={error}>{error}</li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
