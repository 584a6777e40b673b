import { runPeriodically, type PeriodicTask } from "~/jobs/periodic.server.ts";
import { emailAttachments, type EmailAttachment } from "../../emails/attachments.ts";
import { renderEmail, type EmailTemplate } from "../../emails/render.tsx";
import { env } from "~/config/env.server.ts";
import { db as defaultDb, type Db } from "~/db/client.server.ts";
import { toLocale } from "~/domain/constants.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { classifyRenderError, classifySmtpError, decideRetry } from "~/domain/email-retry.ts";
import { emailQueued } from "./outbox.server.ts";
import { transportFor, type MailTransport, type OutgoingEmail } from "./transport.server.ts";

// A claimed email belongs to its worker until the lease ends; a worker that dies
// mid-send frees its emails for others once the lease runs out.
const LEASE_MS = 2 * 60_000;

export type WorkerOptions = {
  db?: Db;
  transport: MailTransport;
  from?: string;
  batchSize?: number;
  now?: () => Date;
};

export type RunSummary = { claimed: number; sent: number; failed: number; dead: number };

/** Due: new or failed and past their wait, or claimed by a worker whose lease ran out. */
function dueWhere(now: Date): Prisma.OutboxEmailWhereInput {
  return {
    OR: [
      { status: { in: ["PENDING", "FAILED"] }, nextAttemptAt: { lte: now } },
      { status: "SENDING", leaseUntil: { lt: now } },
    ],
  };
}

/** Ids of emails that are due: new or failed and past their wait, or abandoned by a dead worker. */
async function dueIds(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await db.outboxEmail.findMany({
    where: dueWhere(now),
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/**
 * Claims one email with a compare-and-set on its status, so that of several
 * workers racing for it exactly one wins.
 */
async function claim(db: Db, id: string, now: Date): Promise<Date | null> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const { count } = await db.outboxEmail.updateMany({
    where: { id, ...dueWhere(now) },
    data: { status: "SENDING", leaseUntil, attempts: { increment: 1 }, lastError: null },
  });
  return count === 1 ? leaseUntil : null;
}

/**
 * An email's files as the transport takes them: a calendar invitation as nodemailer's icalEvent, which both
 * offers it to calendar-aware clients (a text/calendar alternative) and attaches it as the .ics a reader sees,
 * so it is not attached a second time; any other file as an attachment.
 */
function filesOf(attachments: EmailAttachment[]): Pick<OutgoingEmail, "icalEvent" | "attachments"> {
  const invite = attachments.find((attachment) => attachment.method !== undefined);
  const others = attachments
    .filter((attachment) => attachment !== invite)
    .map(({ filename, content, contentType }) => ({ filename, content, contentType }));
  return {
    ...(invite?.method ? { icalEvent: { method: invite.method, filename: invite.filename, content: invite.content } } : {}),
    ...(others.length > 0 ? { attachments: others } : {}),
  };
}

/** One pass over the due emails: claim, render in the recipient's language, send, record. */
export async function runOutboxOnce(options: WorkerOptions): Promise<RunSummary> {
  const db = options.db ?? defaultDb;
  const now = options.now ?? (() => new Date());
  const from = options.from ?? env().MAIL_FROM;
  const summary: RunSummary = { claimed: 0, sent: 0, failed: 0, dead: 0 };

  for (const id of await dueIds(db, now(), options.batchSize ?? 20)) {
    const lease = await claim(db, id, now());
    if (!lease) continue;
    // Results are recorded only while this worker still holds its lease.
    const held = { id, status: "SENDING", leaseUntil: lease } satisfies Prisma.OutboxEmailWhereInput;
    summary.claimed += 1;
    const email = await db.outboxEmail.findUniqueOrThrow({
      where: { id },
      include: { templateVersion: { select: { subject: true, body: true } } },
    });
    let rendering = true;
    try {
      const locale = toLocale(email.locale);
      const template = email.template as EmailTemplate;
      const payload = JSON.parse(email.payload);
      const rendered = await renderEmail(template, locale, payload, email.templateVersion);
      // Part of rendering: an invitation that cannot be written (an event ending before it starts) never will be.
      const files = filesOf(emailAttachments(template, locale, payload, { to: email.to, from }));
      rendering = false;
      await options.transport.send({
        from,
        to: email.to,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        ...files,
        // Fixed when the email was queued: a re-send after a lost lease is the same message.
        messageId: email.messageId,
        headers: { "X-Tremplin-Outbox-Id": email.id },
      });
      await db.outboxEmail.updateMany({
        where: held,
        data: { status: "SENT", sentAt: now(), leaseUntil: null },
      });
      summary.sent += 1;
    } catch (error) {
      // An email that cannot be rendered will not render on the next attempt either.
      const failure = rendering ? classifyRenderError(error) : classifySmtpError(error);
      const decision = decideRetry(email.attempts, failure, now());
      await db.outboxEmail.updateMany({
        where: held,
        data: {
          status: decision.status,
          lastError: failure.message.slice(0, 1000),
          leaseUntil: null,
          ...(decision.status === "FAILED" ? { nextAttemptAt: decision.nextAttemptAt } : {}),
        },
      });
      summary[decision.status === "DEAD" ? "dead" : "failed"] += 1;
    }
  }
  return summary;
}

/** Runs the outbox on a short interval until stopped; never two passes at once. */
export function startOutboxWorker(
  options: Partial<WorkerOptions> & { intervalMs?: number; log?: (line: string) => void } = {},
): PeriodicTask {
  const transport = options.transport ?? transportFor(env());
  const task = runPeriodically(
    "outbox",
    options.intervalMs ?? 2_000,
    async () => {
      const summary = await runOutboxOnce({ ...options, transport });
      return summary.claimed > 0 ? JSON.stringify(summary) : null;
    },
    options.log,
  );
  emailQueued.listen(task.wake);
  return {
    async stop() {
      emailQueued.listen(null);
      await task.stop();
      transport.close();
    },
  };
}
