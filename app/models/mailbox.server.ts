import fs from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import { env } from "~/config/env.server.ts";

const EML_NAME = /^[\w.-]+\.eml$/;
export const MAILBOX_LIST_LIMIT = 100;

export type MailboxEntry = { file: string; subject: string; to: string; from: string; date: string | null };

async function parseFile(file: string) {
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
      return { file, subject: mail.subject ?? "", to: addressText(mail.to), from: addressText(mail.from), date: mail.date?.toISOString() ?? null };
    }),
  );
}

/** One email as its recipient would read it; null for unknown names (never a path outside the mailbox). */
export async function readMailboxEmail(file: string) {
  if (!EML_NAME.test(file)) return null;
  try {
    const mail = await parseFile(file);
    return {
      file,
      subject: mail.subject ?? "",
      to: addressText(mail.to),
      from: addressText(mail.from),
      date: mail.date?.toISOString() ?? null,
      html: typeof mail.html === "string" ? mail.html : null,
      text: mail.text ?? "",
    };
  } catch {
    return null;
  }
}
