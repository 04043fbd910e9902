import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { sha256Hex } from '../common/hashing';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnsupportedMediaTypeError,
} from '../common/domain-errors';
import { Principal } from '../common/request-context';
import { UnitOfWork } from '../database/unit-of-work';
import { FileStorage, newStorageKey } from '../storage/file-storage';
import { detectDocumentType, safeFileName } from './document-type';
import { actsForHandover } from './handover-input';
import { HandoverAttachmentView } from './handover.view';
import { HandoverViewsRepository } from './handover-views.repository';
import { HandoversRepository } from './handovers.repository';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_HANDOVER = 20;

export interface AttachmentDownload {
  attachment: HandoverAttachmentView;
  content: Readable;
}

/**
 * Photos and scans of a handover. Accepted only while it waits for verification (a verified record is sealed);
 * the type comes from the content's magic bytes; the file goes to storage under a server-made key.
 */
@Injectable()
export class HandoverAttachmentsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly handovers: HandoversRepository,
    private readonly views: HandoverViewsRepository,
    private readonly storage: FileStorage,
  ) {}

  async attach(
    handoverId: string,
    upload: { content: Buffer; filename: string | null },
    principal: Principal,
  ): Promise<HandoverAttachmentView> {
    // Checked before anything is written, and again under the lock below.
    const visible = await this.views.findView(handoverId, principal, { withRecipients: false });
    if (!visible) throw new NotFoundError('handover', handoverId);
    if (!actsForHandover(principal, visible)) {
      throw new ForbiddenError('only the party that delivered, or Pokja, may add documents to a handover');
    }
    const contentType = detectDocumentType(upload.content);
    if (!contentType) {
      throw new UnsupportedMediaTypeError('attachments must be JPEG or PNG photos or PDF documents');
    }
    const key = newStorageKey('handovers');
    await this.storage.put(key, upload.content);
    try {
      return await this.uow.run(async (tx) => {
        const locked = await this.handovers.lock(tx.manager, handoverId);
        if (!locked) throw new NotFoundError('handover', handoverId);
        if (locked.status !== 'submitted') {
          throw new ConflictError(
            `the handover is ${locked.status}; documents can only be added while it awaits verification`,
          );
        }
        if ((await this.handovers.countAttachments(tx.manager, handoverId)) >= MAX_ATTACHMENTS_PER_HANDOVER) {
          throw new ConflictError(`a handover holds at most ${MAX_ATTACHMENTS_PER_HANDOVER} documents`);
        }
        const attachment = {
          handoverId,
          contentType,
          sizeBytes: upload.content.length,
          sha256: sha256Hex(upload.content),
          storageKey: key,
          originalName: safeFileName(upload.filename, contentType),
          uploadedBy: principal.id,
        };
        const { id, createdAt } = await this.handovers.insertAttachment(tx.manager, attachment);
        const view: HandoverAttachmentView = {
          id,
          contentType,
          sizeBytes: attachment.sizeBytes,
          sha256: attachment.sha256,
          originalName: attachment.originalName,
          uploadedBy: attachment.uploadedBy,
          createdAt,
        };
        await tx.audit({
          action: 'handover.attachment_added',
          entity: 'handover',
          entityId: handoverId,
          after: { bastNumber: locked.bastNumber, ...view },
        });
        return view;
      });
    } catch (e) {
      await this.storage.delete(key).catch(() => undefined);
      throw e;
    }
  }

  /** Whoever may see the handover may download its documents. */
  async open(handoverId: string, attachmentId: string, principal: Principal): Promise<AttachmentDownload> {
    const visible = await this.views.findView(handoverId, principal, { withRecipients: false });
    if (!visible) throw new NotFoundError('handover', handoverId);
    const stored = await this.views.findAttachment(handoverId, attachmentId);
    if (!stored) throw new NotFoundError('attachment', attachmentId);
    const { storageKey, ...attachment } = stored;
    return { attachment, content: this.storage.stream(storageKey) };
  }
}
