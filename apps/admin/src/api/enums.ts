import type { paths, Schemas } from '@ksbb/api-client';

/*
 * The API's closed lists as the admin sees them. The admin may only depend on the generated client, so it keeps its
 * own copies; each is written as a record typed by the client's schema type and read back with `valuesOf`, so a value
 * the API adds (or drops) fails the admin's typecheck instead of going missing from a filter or a form.
 */

export type Role = Schemas['UserResponse']['role'];
export type Language = Schemas['UserResponse']['language'];
export type ActorKind = Schemas['AuditEntryResponse']['actorKind'];
export type AuditAction = Schemas['AuditEntryResponse']['action'];
export type AuditEntity = Schemas['AuditEntryResponse']['entity'];
export type ProgramStatus = Schemas['ProgramResponse']['status'];
export type NeedStatus = Schemas['NeedResponse']['status'];
export type NeedSort = NonNullable<NonNullable<paths['/api/v1/needs']['get']['parameters']['query']>['sort']>;
export type CommitmentStatus = Schemas['CommitmentResponse']['status'];
export type DeliveryMode = Schemas['CommitmentResponse']['deliveryMode'];
export type AllocationStatus = Schemas['AllocationResponse']['status'];
export type HandoverStatus = Schemas['HandoverResponse']['status'];
export type AttachmentType = Schemas['HandoverAttachmentResponse']['contentType'];
export type CollaboratorStatus = Schemas['CollaboratorResponse']['status'];
export type CollaboratorType = Schemas['CollaboratorResponse']['type'];
export type AggregatorStatus = Schemas['AggregatorResponse']['status'];
export type DeliveryStatus = Schemas['DeliveryResponse']['status'];
export type DeliveryChannel = Schemas['DeliveryResponse']['channel'];
export type WebhookEventType = Schemas['WebhookResponse']['events'][number];
export type ReportKind = Schemas['CreateReportScheduleRequest']['report'];
export type ReportFormat = Schemas['CreateReportScheduleRequest']['format'];
export type ReportLevel = Schemas['CoverageResponse']['level'];
export type ReportRunStatus = Schemas['ReportRunResponse']['status'];
export type ProblemCode = Schemas['ProblemCode'];

/** The keys of a record that names every value of a list, in the record's order. */
export function valuesOf<K extends string>(record: Record<K, unknown>): readonly K[] {
  return Object.keys(record) as K[];
}

export const ROLES = valuesOf<Role>({
  admin: true,
  operator: true,
  viewer: true,
  collaborator: true,
  aggregator: true,
  kelurahan: true,
});
export const LANGUAGES = valuesOf<Language>({ id: true, en: true });
export const DELIVERY_MODES = valuesOf<DeliveryMode>({ direct: true, aggregator: true });
export const COLLABORATOR_TYPES = valuesOf<CollaboratorType>({
  individual: true,
  business: true,
  government: true,
  civil_society: true,
  foreign: true,
});
export const DELIVERY_CHANNELS = valuesOf<DeliveryChannel>({ email: true, webhook: true });
export const WEBHOOK_EVENT_TYPES = valuesOf<WebhookEventType>({
  'collaborator.verified': true,
  'commitment.submitted': true,
  'commitment.approved': true,
  'commitment.rejected': true,
  'allocation.reserved': true,
  'allocation.expiring': true,
  'allocation.expired': true,
  'allocation.released': true,
  'handover.submitted': true,
  'handover.verified': true,
  'handover.rejected': true,
  'report.ready': true,
});
export const ATTACHMENT_TYPES = valuesOf<AttachmentType>({
  'image/jpeg': true,
  'image/png': true,
  'application/pdf': true,
});
export const REPORT_KINDS = valuesOf<ReportKind>({
  summary: true,
  coverage: true,
  collaborators: true,
  timeseries: true,
});
/** the spreadsheet first: what most schedules want */
export const REPORT_FORMATS = valuesOf<ReportFormat>({ xlsx: true, csv: true, pdf: true });
export const REPORT_LEVELS = valuesOf<ReportLevel>({ city: true, district: true, village: true, rw: true });
export const NEED_SORTS = valuesOf<NeedSort>({
  createdAt: true,
  '-createdAt': true,
  dueDate: true,
  '-dueDate': true,
  quantity: true,
  '-quantity': true,
  availableQuantity: true,
  '-availableQuantity': true,
  title: true,
  '-title': true,
});
