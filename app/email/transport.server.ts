import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Transporter, TransportOptions } from "nodemailer";

export type OutgoingEmail = {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The Message-ID header, `<id@domain>`: the same on every attempt to send one email. */
  messageId?: string;
  headers?: Record<string, string>;
  /**
   * A calendar invitation (an .ics file). Nodemailer's `icalEvent`: it sends the file both as a
   * `text/calendar; method=…` alternative to the text and HTML, which mail clients show as an invitation, and
   * as an attachment (`application/ics`, named `filename`) a reader can open: give it once, not also in
   * `attachments`.
   */
  icalEvent?: { method: "REQUEST" | "CANCEL"; filename: string; content: string };
  attachments?: Array<{ filename: string; content: string; contentType: string }>;
};

export interface MailTransport {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * A nodemailer transporter made on the first email: nodemailer is loaded then, not by every HTTP
 * worker that imports this module (only the process running the outbox sends), which keeps it out
 * of the other workers' memory.
 */
function transporterOnFirstUse(options: TransportOptions | Record<string, unknown>) {
  let made: Promise<Transporter> | undefined;
  return {
    get: () => (made ??= import("nodemailer").then(({ default: nodemailer }) => nodemailer.createTransport(options as TransportOptions))),
    close: () => void made?.then((transporter) => transporter.close()),
  };
}

/** A real SMTP server, through a pooled connection (SMTP_URL: smtp://user:pass@host:587 or smtps://…). */
export function smtpTransport(url: string): MailTransport {
  // Time-outs stay well inside the worker's lease, so a slow send is never taken over and sent twice.
  const transporter = transporterOnFirstUse({
    url,
    pool: true,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(email) {
      const info = await (await transporter.get()).sendMail(email);
      return { messageId: info.messageId };
    },
    close: transporter.close,
  };
}

/**
 * Without SMTP_URL mail is written as .eml files to a local folder, so the app
 * runs with no mail server and admins can read what was sent.
 */
export function mailboxTransport(dir: string): MailTransport {
  const transporter = transporterOnFirstUse({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(email) {
      const info = await (await transporter.get()).sendMail(email);
      await fs.mkdir(dir, { recursive: true });
      // Sortable by time; the random tail keeps names unique and unguessable.
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${crypto.randomBytes(4).toString("hex")}.eml`;
      await fs.writeFile(path.join(dir, name), info.message as Buffer);
      return { messageId: info.messageId };
    },
    close: transporter.close,
  };
}

export function transportFor(config: { SMTP_URL?: string; MAILBOX_DIR: string }): MailTransport {
  return config.SMTP_URL ? smtpTransport(config.SMTP_URL) : mailboxTransport(config.MAILBOX_DIR);
}
