import { skeletonOf } from './confusable-skeleton';
import { emailRefusal, isMixedScript, normaliseEmail } from './email-address';

describe('email addresses', () => {
  it('normalises compatibility forms and case, and trims ordinary white space but not a byte-order mark', () => {
    expect(normaliseEmail('  ＡＤＭＩＮ@ｄｅｍｏ.KSBB.id\n')).toBe('admin@demo.ksbb.id');
    expect(normaliseEmail('\ufeffadmin@demo.ksbb.id')).toBe('\ufeffadmin@demo.ksbb.id');
  });

  it.each([
    ['ad\u200bmin@x.id', 'email_zero_width'],
    ['admin\u2066@x.id', 'email_bidi_control'],
    ['admin\u0007@x.id', 'email_control_character'],
    ['p\u0430ypal@x.id', 'email_mixed_script'],
    ['paypal@x.\u0441om', 'email_mixed_script'],
    ['paypal@example.org', null],
    ['\u0440\u0438\u043d\u0430@example.org', null], // рина: one script in the local part, Latin domain
    ['\u5c71\u7530\u305f\u308d\u3046@example.jp', null], // 山田たろう: Han with Hiragana is one writing system
  ])('%j → %s', (email, code) => {
    expect(emailRefusal(normaliseEmail(email))).toBe(code);
  });

  it('counts digits and punctuation as no script', () => {
    expect(isMixedScript('rina.2024_x')).toBe(false);
    expect(isMixedScript('\u03b1\u03b2\u03b3-42')).toBe(false);
    expect(isMixedScript('\u03b1b')).toBe(true);
  });
});

describe('confusable skeletons', () => {
  it('equal for look-alikes, ignoring case and white space', () => {
    expect(skeletonOf('Yayasan \u03a1eduli')).toBe(skeletonOf('yayasan  peduli'));
    expect(skeletonOf('d0nor@demo.ksbb.id')).toBe(skeletonOf('DONOR@demo.ksbb.id'));
    expect(skeletonOf('\u0430dmin')).toBe(skeletonOf('admin'));
    expect(skeletonOf('ad\u200bmin')).toBe(skeletonOf('admin'));
  });

  it('different for different names', () => {
    expect(skeletonOf('Yayasan Peduli')).not.toBe(skeletonOf('Yayasan Pedali'));
  });
});
