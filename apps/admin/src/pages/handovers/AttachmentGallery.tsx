import { useEffect, useState } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { PdfButton } from '../../components/PdfButton';
import { useI18n } from '../../i18n/I18nProvider';

type Attachment = Schemas['HandoverAttachmentResponse'];

/** A photo fetched through the client (it needs the bearer token) and shown from an object URL. */
function Photo({ handoverId, attachment }: { handoverId: string; attachment: Attachment }) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    let objectUrl: string | null = null;
    api
      .GET('/api/v1/handovers/{id}/attachments/{attachmentId}', {
        params: { path: { id: handoverId, attachmentId: attachment.id } },
        parseAs: 'blob',
        signal: controller.signal,
      })
      .then(({ data }) => {
        if (data instanceof Blob) {
          objectUrl = URL.createObjectURL(data);
          setUrl(objectUrl);
        } else setFailed(true);
      })
      .catch(() => !controller.signal.aborted && setFailed(true));
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [handoverId, attachment.id]);

  if (failed) return <span className="thumb__doc">{t('handovers.previewFailed')}</span>;
  if (!url) return <span className="thumb__doc" aria-busy="true" />;
  return (
    <a href={url} target="_blank" rel="noreferrer">
      <img src={url} alt={attachment.originalName} />
    </a>
  );
}

/** The handover's photos as previews and its PDFs as documents to open. */
export function AttachmentGallery({
  handoverId,
  attachments,
}: {
  handoverId: string;
  attachments: Attachment[];
}) {
  const { t, format } = useI18n();
  if (attachments.length === 0) return <p className="muted">{t('handovers.noAttachments')}</p>;
  return (
    <ul className="thumbs">
      {attachments.map((attachment) => (
        <li key={attachment.id} className="thumb">
          {attachment.contentType === 'application/pdf' ? (
            <PdfButton
              label={t('handovers.openPdf')}
              fileName={attachment.originalName}
              load={() =>
                api.GET('/api/v1/handovers/{id}/attachments/{attachmentId}', {
                  params: { path: { id: handoverId, attachmentId: attachment.id } },
                  parseAs: 'blob',
                })
              }
            />
          ) : (
            <Photo handoverId={handoverId} attachment={attachment} />
          )}
          <span className="small break">
            {attachment.originalName} · {format.number(Math.ceil(attachment.sizeBytes / 1024))} KB
          </span>
          <span className="muted mono small break" title="SHA-256">
            {attachment.sha256.slice(0, 16)}…
          </span>
        </li>
      ))}
    </ul>
  );
}
