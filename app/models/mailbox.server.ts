import fs from "node:fs/promises";
import path from "node:path";
import { env } from "~/config/env.server.ts";
import { db } from "~/db/client.server.ts";
import { redactRenderedSecrets, secretLinks } from "~/email/outbox.server.ts";

const EML_NAME = /^[\w.-]+\.eml$/;
export const MAILBOX_LIST_LIMIT = 100;

export type MailboxEntry = { file: string; subject: string; to: string; from: string; date: string | null };

async function parseFile(file: string) {
  // Loaded when an admin opens the mailbox, not with every HTTP worker (it weighs about 20 MB).
  const { simpleParser } = await import("mailparser");
  return simpleParser(await fs.readFile(path.join(env().MAILBOX_DIR, file)));
}

function addressText(value: { text: string } | Array<{ text: string }> | undefined): string {
  if (!value) return "";
  return Array.isArray(value) ? value.map((v) => v.text).join(", ") : value.text;
}

/** The newest emails written by the local mailbox transport (file names sort by time). */
export async function listMailbox(): Promise<MailboxEntry[]> {
  let files: string[];
  try {
    files = (await fs.readdir(env().MAILBOX_DIR)).filter((f) => EML_NAME.test(f));
  } catch {
    return [];
  }
  const newest = files.sort().reverse().slice(0, MAILBOX_LIST_LIMIT);
  return Promise.all(
    newest.map(async (file) => {
      const mail = await parseFile(file);
      return {
        file,
        subject: mail.subject ?? "",
        to: addressText(mail.to),
        from: addressText(mail.from),
        date: mail.date?.toISOString() ?? null,
      };
    }),
  );
}

/** The one-time links of the outbox email a mailbox file was written for (its X-Tremplin-Outbox-Id header). */
async function secretLinksOf(outboxId: unknown) {
  if (typeof outboxId !== "string" || !outboxId) return [];
  const row = await db.outboxEmail.findUnique({ where: { id: outboxId }, select: { template: true, payload: true } });
  if (!row) return [];
  try {
    return secretLinks(row.template, JSON.parse(row.payload) as Record<string, unknown>);
  } catch {
    return [];
  }
}

/**
 * One email as its recipient would read it, except that its one-time links
 * (password reset, invitation…) are redacted the way the outbox shows them: an
 * admin must not be able to take over an account from here. Only an explicit demo
 * mode (TREMPLIN_DEMO=on) shows them, so the quick start's flows can be followed.
 * Null for unknown names (never a path outside the mailbox).
 */
export async function readMailboxEmail(file: string, options: { revealSecrets?: boolean } = {}) {
  if (!EML_NAME.test(file)) return null;
  let mail;
  try {
    mail = await parseFile(file);
  } catch {
    return null;
  }
  const reveal = options.revealSecrets ?? env().DEMO_MODE;
  const links = reveal ? [] : await secretLinksOf(mail.headers.get("x-tremplin-outbox-id"));
  const shown = (content: string) => (reveal ? content : redactRenderedSecrets(content, links));
  return {
    file,
    subject: mail.subject ?? "",
    to: addressText(mail.to),
    from: addressText(mail.from),
    date: mail.date?.toISOString() ?? null,
    html: typeof mail.html === "string" ? shown(mail.html) : null,
    text: shown(mail.text ?? ""),
  };
}
