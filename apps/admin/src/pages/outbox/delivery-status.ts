import type { Schemas } from '@ksbb/api-client';
import type { Tone } from '../../components/StatusBadge';

export type DeliveryStatus = Schemas['DeliveryResponse']['status'];

export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'sending', 'sent', 'failed', 'dead'];
export const DELIVERY_TONE: Record<DeliveryStatus, Tone> = {
  pending: 'neutral',
  sending: 'info',
  sent: 'good',
  failed: 'warn',
  dead: 'bad',
};
