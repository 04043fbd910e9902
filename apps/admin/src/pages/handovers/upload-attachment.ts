import { api } from '../../api/client';
import { idempotencyKey, mutate } from '../../api/mutate';

/**
 * One photo or PDF as the multipart "file" part (the browser sets the boundary for the FormData). The offline queue
 * passes its own key per photo (`<handover key>:photo:<n>`), so a retry attaches the photo once.
 */
export function uploadAttachment(handoverId: string, file: Blob, name: string, key = idempotencyKey()) {
  const form = new FormData();
  form.append('file', file, name);
  return mutate(() =>
    api.POST('/api/v1/handovers/{id}/attachments', {
      params: { path: { id: handoverId }, header: { 'Idempotency-Key': key } },
      body: { file: name },
      bodySerializer: () => form,
    }),
  );
}
