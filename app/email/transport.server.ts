import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";

export type OutgoingEmail = {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The Message-ID header, `<id@domain>`: the same on every attempt to send one email. */
  messageId?: string;
  headers?: Record<string, string>;
};

export interface MailTransport {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
  close(): void;
}

/** A real SMTP server, through a pooled connection (SMTP_URL: smtp://user:pass@host:587 or smtps://…). */
export function smtpTransport(url: string): MailTransport {
  // Time-outs stay well inside the worker's lease, so a slow send is never taken over and sent twice.
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  } as nodemailer.TransportOptions);
  return {
    async send(email) {
      const info = await transporter.sendMail(email);
      return { messageId: info.messageId };
    },
    close: () => transporter.close(),
  };
}

/**
 * Without SMTP_URL mail is written as .eml files to a local folder, so the app
 * runs with no mail server and admins can read what was sent.
 */
export function mailboxTransport(dir: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(email) {
      const info = await transporter.sendMail(email);
      await fs.mkdir(dir, { recursive: true });
      // Sortable by time; the random tail keeps names unique and unguessable.
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${crypto.randomBytes(4).toString("hex")}.eml`;
      await fs.writeFile(path.join(dir, name), info.message as Buffer);
      return { messageId: info.messageId };
    },
    close: () => transporter.close(),
  };
}

export function transportFor(config: { SMTP_URL?: string; MAILBOX_DIR: string }): MailTransport {
  return config.SMTP_URL ? smtpTransport(config.SMTP_URL) : mailboxTransport(config.MAILBOX_DIR);
}
