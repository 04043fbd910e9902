import { api } from '../../api/client';
import { idempotencyKey, mutate } from '../../api/mutate';

/** One photo or PDF as the multipart "file" part (the browser sets the boundary for the FormData). */
export function uploadAttachment(handoverId: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return mutate(() =>
    api.POST('/api/v1/handovers/{id}/attachments', {
      params: { path: { id: handoverId }, header: { 'Idempotency-Key': idempotencyKey() } },
      body: { file: file.name },
      bodySerializer: () => form,
    }),
  );
}
