import { Injectable, Logger } from '@nestjs/common';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** what the message is for, so transports (and tests) can pick messages without parsing text */
  kind: 'password-reset';
  /** e.g. the reset link; never a password */
  link?: string;
}

/** How Omnibus sends e-mail; production binds a real provider to MAIL_TRANSPORT. */
export interface MailTransport {
  send(message: MailMessage): Promise<void>;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/**
 * Development transport: logs the message (pino, through Nest's logger) instead of sending it and
 * keeps the last few in memory, so a developer or a test can follow a reset link.
 */
@Injectable()
export class LogMailTransport implements MailTransport {
  private readonly logger = new Logger('Mail');
  private readonly outbox: MailMessage[] = [];

  async send(message: MailMessage): Promise<void> {
    this.outbox.push(message);
    if (this.outbox.length > 50) this.outbox.shift();
    this.logger.log({
      msg: 'mail not sent (log transport)',
      to: message.to,
      subject: message.subject,
      kind: message.kind,
      // never the link: it carries a single-use token (a password reset), and logs are read by many
    });
  }

  lastMessage(to?: string): MailMessage | undefined {
    return [...this.outbox].reverse().find((m) => to === undefined || m.to === to);
  }
}
