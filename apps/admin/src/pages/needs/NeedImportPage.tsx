import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { failureText, type ApiFailure } from '../../api/failure';
import { idempotencyKey, mutate } from '../../api/mutate';
import { DataTable } from '../../components/DataTable';
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
        params: { query: { publish }, header: { 'Idempotency-Key': idempotencyKey() } },
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
      t('needImport.summary', {
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
          <button type="submit" className="button button--primary" disabled={!file || busy}>
            {t('needImport.start')}
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
      <h2 id="import-result-title">{t('needImport.resultTitle')}</h2>
      <ProgressBar label={t('needImport.finished')} value={1} />
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
