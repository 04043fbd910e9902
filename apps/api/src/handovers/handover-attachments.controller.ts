import { Controller, Get, Param, Post, Req, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { ApiFile, fileResponse } from '../platform/file-response';
import type { FastifyRequest } from 'fastify';
import {
  ATTACHMENT_TYPES,
  HandoverAttachmentsService,
  MAX_ATTACHMENT_BYTES,
  Principal,
  safeFileName,
  UnsupportedMediaTypeError,
} from '@ksbb/core';
import { CurrentPrincipal, Roles, STAFF } from '../platform/auth.decorators';
import { ApiIdempotent, ApiProblems } from '../platform/openapi.decorators';
import { UploadBody } from '../platform/body-limits';
import { readUpload } from '../platform/upload';
import { HandoverAttachmentResponse } from './dto/handover.response';
import { ParseUuid } from '../platform/uuid.pipe';

@ApiTags('handovers')
@Controller('handovers/:id/attachments')
export class HandoverAttachmentsController {
  constructor(private readonly attachments: HandoverAttachmentsService) {}

  @Post()
  @Roles('collaborator', 'aggregator', ...STAFF)
  // The file plus the multipart framing around it.
  @UploadBody({ maxBytes: MAX_ATTACHMENT_BYTES + 64 * 1024 })
  @ApiIdempotent()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description: 'a "file" part: a JPEG or PNG photo or a PDF (checked by content), at most 10 MB',
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({
    type: HandoverAttachmentResponse,
    description: 'only while the handover is submitted',
  })
  @ApiProblems(400, 404, 409, 413, 415)
  @ApiOperation({
    operationId: 'handoverAttachmentsUpload',
    summary: 'Attach a photo or document to a handover',
    description: 'multipart/form-data with one file (JPEG, PNG or PDF). Only while the handover is submitted (409 otherwise). 413 when the file is too large, 415 for another type.',
  })
  async upload(
    @Param('id', ParseUuid) id: string,
    @Req() request: FastifyRequest,
    @CurrentPrincipal() p: Principal,
  ): Promise<HandoverAttachmentResponse> {
    if (!request.isMultipart()) {
      throw new UnsupportedMediaTypeError(
        'send the document as the "file" part of a multipart/form-data body',
      );
    }
    const upload = await readUpload(request, MAX_ATTACHMENT_BYTES);
    return HandoverAttachmentResponse.of(await this.attachments.attach(id, upload, p));
  }

  @Get(':attachmentId')
  @Roles()
  @ApiFile('the document, to whoever may see the handover', ...ATTACHMENT_TYPES)
  @ApiProblems(400, 404)
  @ApiOperation({
    operationId: 'handoverAttachmentsDownload',
    summary: 'Download a handover attachment',
    description: 'To whoever may see the handover. 404 otherwise.',
  })
  async download(
    @Param('id', ParseUuid) id: string,
    @Param('attachmentId', ParseUuid) attachmentId: string,
    @CurrentPrincipal() p: Principal,
  ): Promise<StreamableFile> {
    const { attachment, content } = await this.attachments.open(id, attachmentId, p);
    return fileResponse(content, {
      type: attachment.contentType,
      // Stored names are already safe; names stored before that rule are made so here.
      name: safeFileName(attachment.originalName, attachment.contentType),
      disposition: 'attachment',
      length: attachment.sizeBytes,
    });
  }
}
