import { valuesOf, type DeliveryStatus } from '../../api/enums';
import type { Tone } from '../../components/status-tones';

export const DELIVERY_TONE: Record<DeliveryStatus, Tone> = {
  pending: 'neutral',
  sending: 'info',
  sent: 'good',
  failed: 'warn',
  dead: 'bad',
};
export const DELIVERY_STATUSES = valuesOf(DELIVERY_TONE);
