import { onFirstUse } from '../on-first-use.js';

/** Sends the few emails the newsroom needs: invitations and password resets. */
export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/**
 * Without SMTP settings the message (and so the link in it) is written to the
 * log instead, so a site can be set up before its mail is.
 */
export function logMailer(log: (entry: { to: string; subject: string; text: string }, line: string) => void): Mailer {
  return {
    async send(message) {
      log(message, `Email not sent (no SMTP_URL configured) to ${message.to}: ${message.subject}`);
    },
  };
}

/** SMTP through nodemailer, e.g. SMTP_URL=smtps://user:pass@smtp.example.com:465; loaded only when configured. */
export async function smtpMailer(input: { url: string; from: string }): Promise<Mailer> {
  const { createTransport } = await onFirstUse.nodemailer();
  const transport = createTransport(input.url);
  return {
    async send(message) {
      await transport.sendMail({ from: input.from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}
