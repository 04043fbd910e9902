import type { MailRecipient, MailTransport, OutgoingMail, SharedMail } from '../notifications/mail-transport';

/**
 * A MailTransport that sends nothing: every message, whether sent whole or prepared once and sent per recipient,
 * lands in `sent` as the recipient would have got it (the shared message with the recipient's own fields and headers).
 */
export function fakeMailTransport(sent: OutgoingMail[]): MailTransport {
  return {
    domain: 'ksbb.test',
    send: async (mail: OutgoingMail) => void sent.push(mail),
    prepare: async (mail: SharedMail) => ({ mail }),
    sendPrepared: async ({ mail }: { mail: SharedMail }, own: MailRecipient) =>
      void sent.push({ ...mail, ...own, headers: { ...mail.headers, ...own.headers } }),
  } as unknown as MailTransport;
}
