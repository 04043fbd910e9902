import { Aggregator } from '../aggregators/aggregator.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { ApiKey } from '../auth/api-key.entity';
import { RefreshToken } from '../auth/refresh-token.entity';
import { Collaborator } from '../collaborators/collaborator.entity';
import { IdempotencyRecord } from '../idempotency/idempotency-record.entity';
import { Notification } from '../notifications/notification.entity';
import { OutboxEvent } from '../outbox/outbox-event.entity';
import { AidPackage } from '../programs/package.entity';
import { Program } from '../programs/program.entity';
import { Region } from '../regions/region.entity';
import { User } from '../users/user.entity';
import { Need } from '../needs/need.entity';
import { Commitment } from '../commitments/commitment.entity';
import { CommitmentItem } from '../commitments/commitment-item.entity';
import { Allocation } from '../allocations/allocation.entity';
import { NumberSequence } from '../numbering/number-sequence.entity';
import { Handover } from '../handovers/handover.entity';
import { HandoverItem } from '../handovers/handover-item.entity';
import { HandoverRecipient } from '../handovers/handover-recipient.entity';
import { HandoverAttachment } from '../handovers/handover-attachment.entity';
import { NotificationDelivery } from '../notifications/notification-delivery.entity';
import { Webhook } from '../webhooks/webhook.entity';
import { WebhookAttempt } from '../webhooks/webhook-attempt.entity';
import { ReportSchedule } from '../reports/report-schedule.entity';
import { ReportRun } from '../reports/report-run.entity';
import { ReportFact } from '../reports/rollups/report-fact.entity';
import { ReportDailyRollup, ReportRegionRollup } from '../reports/rollups/report-rollups.entity';
import { ReportCommitmentFact, ReportDirtyCommitment } from '../reports/rollups/report-commitment-fact.entity';

/** Every entity, listed as classes (the API is bundled, so no globs). */
export const ENTITIES = [
  Region,
  Program,
  AidPackage,
  User,
  RefreshToken,
  ApiKey,
  Collaborator,
  Aggregator,
  AuditEntry,
  IdempotencyRecord,
  OutboxEvent,
  Notification,
  Need,
  Commitment,
  CommitmentItem,
  Allocation,
  NumberSequence,
  Handover,
  HandoverItem,
  HandoverRecipient,
  HandoverAttachment,
  NotificationDelivery,
  Webhook,
  WebhookAttempt,
  ReportSchedule,
  ReportRun,
  ReportFact,
  ReportRegionRollup,
  ReportDailyRollup,
  ReportCommitmentFact,
  ReportDirtyCommitment,
];
