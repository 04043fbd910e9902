import { loadDeliverySettings, retryDelayMs } from './delivery-settings';
import { renderEventEmail } from './email-template';
import { EVENT_AUDIENCES, WEBHOOK_EVENT_TYPES } from './event-routing';
import { NOTIFICATION_TEXTS } from './notification-texts';

describe('notification texts', () => {
  it('has a text in both languages for every routed and subscribable event', () => {
    const types = new Set([...Object.keys(EVENT_AUDIENCES), ...WEBHOOK_EVENT_TYPES]);
    for (const type of types) {
      expect(Object.keys(NOTIFICATION_TEXTS[`notification.${type}`] ?? {}).sort()).toEqual(['en', 'id']);
    }
  });

  it('renders subject, plain text and HTML in the recipient language, escaping what comes from the event', () => {
    const payload = {
      number: 'KOM/PANGAN/2026/000001',
      programCode: 'PANGAN',
      reason: '<b>dokumen</b> kurang',
    };
    const id = renderEventEmail('commitment.rejected', 'id', payload);
    const en = renderEventEmail('commitment.rejected', 'en', payload);
    expect(id.subject).toBe('[KSBB] Komitmen KOM/PANGAN/2026/000001 ditolak');
    expect(en.subject).toBe('[KSBB] Commitment KOM/PANGAN/2026/000001 rejected');
    expect(id.text).toContain('Alasan: <b>dokumen</b> kurang');
    expect(en.text).toContain('Reason:');
    expect(id.html).toContain('&lt;b&gt;dokumen&lt;/b&gt;');
    expect(id.html).not.toContain('<b>dokumen');
  });
});

describe('retry backoff', () => {
  it('doubles from the base with jitter and stays under the cap', () => {
    const s = loadDeliverySettings({ DELIVERY_BACKOFF_BASE_MS: '1000', DELIVERY_BACKOFF_MAX_MS: '5000' });
    expect(retryDelayMs(1, s, () => 0)).toBe(500);
    expect(retryDelayMs(1, s, () => 1)).toBe(1000);
    expect(retryDelayMs(3, s, () => 1)).toBe(4000);
    expect(retryDelayMs(10, s, () => 1)).toBe(5000);
    expect(retryDelayMs(10, s, () => 0)).toBe(2500);
  });

  it('refuses nonsense settings at start', () => {
    expect(() => loadDeliverySettings({ DELIVERY_MAX_ATTEMPTS: '0' })).toThrow(/DELIVERY_MAX_ATTEMPTS/);
  });
});
