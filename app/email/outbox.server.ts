import crypto from "node:crypto";
import type { EmailPayloads, EmailTemplate } from "../../emails/render.tsx";
import { env } from "~/config/env.server.ts";
import { db, type Tx } from "~/db/client.server.ts";
import type { Locale, OutboxStatus } from "~/domain/constants.ts";
import { wakeSignal } from "~/jobs/periodic.server.ts";
import { runAfterResponse } from "~/request-scope.server.ts";
import { showCallText, textInSentence } from "~/domain/call-texts.ts";
import { catalogs } from "~/i18n/catalogs.ts";
import { wordingInUse } from "~/models/email-template.server.ts";

export type OutboxMessage<T extends EmailTemplate = EmailTemplate> = {
  to: string;
  template: T;
  locale: Locale;
  payload: EmailPayloads[T];
  /** Same key, same email: enqueueing again is a no-op. */
  dedupeKey: string;
};

/**
 * A new Message-ID on the sender's domain. It is fixed when the email is queued, so
 * every attempt to send it — including a re-send after a worker died between the SMTP
 * server's acceptance and its own commit — is the same message to the recipient's
 * mail client, which can then recognise the duplicate.
 */
export function newMessageId(mailFrom = env().MAIL_FROM): string {
  const domain = /@([^\s@<>]+)>?\s*$/.exec(mailFrom)?.[1] ?? "tremplin.localhost";
  return `<${crypto.randomUUID()}@${domain}>`;
}

/** A call's title as an email in `locale` names it: translated, or the French title isolated and marked. */
export function callTitleForEmail(call: { title: string; titleEn: string | null; titleAr: string | null }, locale: Locale): string {
  return textInSentence(showCallText(call, "title", locale), catalogs[locale].calls.inFrench);
}

/** Listened to by the outbox worker in the process that runs it (app/email/worker.server.ts). */
export const emailQueued = wakeSignal();

/**
 * Queues an email inside the caller's transaction, so it is sent if and only if
 * the state change that caused it commits. Queued by a request to the process that
 * runs the worker, it leaves as soon as the response has gone (the transaction has
 * committed by then) rather than at the worker's next tick.
 */
export async function enqueueEmail<T extends EmailTemplate>(tx: Tx, message: OutboxMessage<T>): Promise<void> {
  collectors.get(tx)?.push(message as OutboxMessage);
  // The wording is fixed now, with the state change: an admin's later edit never rewrites an email already decided.
  const templateVersionId = await wordingOf(tx, message.template, message.locale);
  await tx.outboxEmail.upsert({
    where: { dedupeKey: message.dedupeKey },
    create: {
      to: message.to.toLowerCase(),
      template: message.template,
      locale: message.locale,
      payload: JSON.stringify(message.payload),
      dedupeKey: message.dedupeKey,
      messageId: newMessageId(),
      templateVersionId,
    },
    update: {},
  });
  runAfterResponse(emailQueued.notify);
}

// The wording in use per template and language, read once per transaction: a release queues hundreds of
// emails of three templates, and no transaction that queues emails also changes a wording.
const wordingsRead = new WeakMap<Tx, Map<string, Promise<string | null>>>();

function wordingOf(tx: Tx, template: string, locale: string): Promise<string | null> {
  // Called with the client itself (not a transaction), there is no "once" to keep it for: read it each time.
  if (typeof (tx as { $transaction?: unknown }).$transaction === "function") return wordingInUse(tx, template, locale);
  let read = wordingsRead.get(tx);
  if (!read) wordingsRead.set(tx, (read = new Map()));
  const key = `${template}:${locale}`;
  let id = read.get(key);
  if (!id) read.set(key, (id = wordingInUse(tx, template, locale)));
  return id;
}

// The emails a transaction queued, for whoever asked to see them (collectQueuedEmails).
const collectors = new WeakMap<Tx, OutboxMessage[]>();

/**
 * The emails `tx` queues from now on, as enqueueEmail receives them: lets a bulk action check, in the
 * transaction that sends, that it sends what its preview showed.
 */
export function collectQueuedEmails(tx: Tx): readonly OutboxMessage[] {
  const queued: OutboxMessage[] = [];
  collectors.set(tx, queued);
  return queued;
}

class DryRunRollback extends Error {}

/**
 * What `work` would email, without doing any of it: it runs in a transaction that is then rolled back. The
 * previews of bulk moves and releases use it, so the code that will send the emails is the one that says who
 * gets which (issue 18). A refusal inside `work` propagates as it would have.
 */
export async function emailsWithoutSending(work: (tx: Tx) => Promise<unknown>): Promise<OutboxMessage[]> {
  let queued: readonly OutboxMessage[] = [];
  try {
    await db.$transaction(async (tx) => {
      queued = collectQueuedEmails(tx);
      await work(tx);
      throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return [...queued];
}

export const OUTBOX_PAGE_SIZE = 50;

export async function listOutbox(options: { status?: OutboxStatus; page?: number } = {}) {
  const where = options.status ? { status: options.status } : {};
  const page = Math.max(1, options.page ?? 1);
  const [rows, counts] = await Promise.all([
    db.outboxEmail.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (page - 1) * OUTBOX_PAGE_SIZE,
      take: OUTBOX_PAGE_SIZE + 1,
      select: {
        id: true,
        to: true,
        template: true,
        locale: true,
        status: true,
        attempts: true,
        lastError: true,
        nextAttemptAt: true,
        sentAt: true,
        createdAt: true,
      },
    }),
    db.outboxEmail.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  return {
    rows: rows.slice(0, OUTBOX_PAGE_SIZE),
    hasMore: rows.length > OUTBOX_PAGE_SIZE,
    page,
    counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Record<string, number>,
  };
}

export function getOutboxEmail(id: string) {
  return db.outboxEmail.findUnique({
    where: { id },
    include: { templateVersion: { select: { subject: true, body: true, version: true } } },
  });
}

/** An admin sends a dead or failed email again: it becomes due now with a fresh set of attempts. */
export async function retryOutboxEmail(id: string, actorId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.outboxEmail.updateMany({
      where: { id, status: { in: ["DEAD", "FAILED"] } },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date(), leaseUntil: null },
    });
    if (count === 0) return false;
    await tx.auditEvent.create({
      data: { actorId, subjectType: "OutboxEmail", subjectId: id, type: "EMAIL_RETRIED", toState: "PENDING" },
    });
    return true;
  });
}

// Links that act as a password: admins see that they were sent, never the link itself.
const SECRET_LINK_FIELDS: Partial<Record<EmailTemplate, string[]>> = {
  "password-reset": ["resetUrl"],
  "reviewer-invitation": ["setPasswordUrl"],
  "team-invitation": ["acceptUrl"],
  // Confirming an address signs its owner in: the link is as good as a password.
  "email-verification": ["verifyUrl"],
};

/** The payload as an admin may see it: one-time links cut after their path, the secret replaced. */
export function redactSecrets(template: string, payload: Record<string, unknown>): Record<string, unknown> {
  const fields = SECRET_LINK_FIELDS[template as EmailTemplate] ?? [];
  const redacted = { ...payload };
  for (const field of fields) {
    const value = redacted[field];
    if (typeof value === "string") redacted[field] = value.replace(/[^/]+$/, "••••••");
  }
  return redacted;
}

/**
 * The one-time links an email carries, each with the form an admin may see
 * (redactSecrets): what to replace in a rendered copy of the email (the local mailbox).
 */
export function secretLinks(template: string, payload: Record<string, unknown>): { secret: string; redacted: string }[] {
  const redacted = redactSecrets(template, payload);
  return (SECRET_LINK_FIELDS[template as EmailTemplate] ?? []).flatMap((field) => {
    const secret = payload[field];
    return typeof secret === "string" && secret !== redacted[field] ? [{ secret, redacted: String(redacted[field]) }] : [];
  });
}

/** A one-time token as issueToken makes it (32 random bytes, base64url) at the end of a link's path. */
const TOKEN_IN_LINK = /\/[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

/**
 * A rendered email (HTML or text) as an admin may see it: the email's own one-time
 * links redacted like the outbox shows them, and — should the email's outbox row be
 * gone, or a template not list its link — any token-shaped link end replaced too.
 */
export function redactRenderedSecrets(content: string, links: readonly { secret: string; redacted: string }[]): string {
  let redacted = content;
  for (const { secret, redacted: replacement } of links) redacted = redacted.split(secret).join(replacement);
  return redacted.replace(TOKEN_IN_LINK, "/••••••");
}
