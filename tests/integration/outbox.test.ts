import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { renderEmail, SAMPLE_PAYLOADS } from "../../emails/render.tsx";
import { db, dbReady } from "~/db/client.server.ts";
import type { Locale } from "~/domain/constants.ts";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from "~/domain/email-retry.ts";
import { enqueueEmail, retryOutboxEmail, type OutboxMessage } from "~/email/outbox.server.ts";
import { smtpTransport, transportFor, type MailTransport } from "~/email/transport.server.ts";
import { runOutboxOnce, startOutboxWorker } from "~/email/worker.server.ts";
import { responseSent, runInRequestScope } from "~/request-scope.server.ts";
import { createTestUser } from "../support/factories.ts";
import { callRoute } from "../support/remix.ts";
import { signIn } from "../support/review-factories.ts";
import { startSmtpServer, toReceivedEmail, type ReceivedEmail, type TestSmtpServer } from "../support/smtp.ts";

const TEMPLATE = "application-submitted";
const PAYLOAD = SAMPLE_PAYLOADS[TEMPLATE];
const DAY = 24 * 3600_000;

let smtp: TestSmtpServer;
let transport: MailTransport;
let sequence = 0;

beforeAll(async () => {
  await dbReady;
  smtp = await startSmtpServer();
});

afterAll(() => smtp.close());

beforeEach(async () => {
  await smtp.restart();
  smtp.reset();
  await db.outboxEmail.deleteMany();
  transport = smtpTransport(smtp.url);
});

afterEach(() => transport.close());

function message(overrides: Partial<OutboxMessage<typeof TEMPLATE>> = {}): OutboxMessage<typeof TEMPLATE> {
  sequence += 1;
  return {
    to: `founder${sequence}@example.test`,
    template: TEMPLATE,
    locale: "fr",
    payload: PAYLOAD,
    dedupeKey: `test:${sequence}`,
    ...overrides,
  };
}

/** Queues one email the way application code does, in its own transaction, and returns its row. */
async function enqueue(overrides: Partial<OutboxMessage<typeof TEMPLATE>> = {}) {
  const queued = message(overrides);
  await db.$transaction((tx) => enqueueEmail(tx, queued));
  return db.outboxEmail.findUniqueOrThrow({ where: { dedupeKey: queued.dedupeKey } });
}

const row = (id: string) => db.outboxEmail.findUniqueOrThrow({ where: { id } });
const later = (date: Date, ms: number) => new Date(date.getTime() + ms);

/** One worker pass, at `at` (the real clock by default), through the SMTP server unless told otherwise. */
function run(at?: Date, via: MailTransport = transport) {
  return runOutboxOnce({ transport: via, ...(at ? { now: () => at } : {}) });
}

const outboxIdOf = (received: ReceivedEmail) => received.headers.get("x-tremplin-outbox-id");
const receivedFor = (id: string) => smtp.received.find((m) => outboxIdOf(m) === id)!;

async function expectRenderedIn(received: ReceivedEmail, locale: Locale) {
  const expected = await renderEmail(TEMPLATE, locale, PAYLOAD);
  expect(received.subject).toBe(expected.subject);
  expect(received.html).toContain(`lang="${locale}"`);
  expect(received.html).toContain(`dir="${locale === "ar" ? "rtl" : "ltr"}"`);
  expect(received.text).toContain(PAYLOAD.projectName);
}

describe("delivery", () => {
  it("delivers each email once, to its recipient, in their language, and records the message id", async () => {
    const french = await enqueue({ locale: "fr", to: "Salma.Bennani@Example.test" });
    const arabic = await enqueue({ locale: "ar" });

    expect(await run()).toEqual({ claimed: 2, sent: 2, failed: 0, dead: 0 });
    await smtp.waitForMessages(2);
    expect(await run()).toEqual({ claimed: 0, sent: 0, failed: 0, dead: 0 });
    expect(smtp.received).toHaveLength(2);

    for (const [email, locale] of [
      [french, "fr"],
      [arabic, "ar"],
    ] as const) {
      const received = receivedFor(email.id);
      expect(received.to).toEqual([email.to]);
      await expectRenderedIn(received, locale);
      const sent = await row(email.id);
      expect(sent).toMatchObject({ status: "SENT", attempts: 1, messageId: received.messageId, lastError: null, leaseUntil: null });
      // The Message-ID was fixed when the email was queued, not chosen by the transport.
      expect(received.messageId).toBe(email.messageId);
      expect(sent.sentAt).toBeInstanceOf(Date);
    }
    expect(french.to).toBe("salma.bennani@example.test");
    expect(receivedFor(arabic.id).subject).not.toBe(receivedFor(french.id).subject);
  });

  it("writes a parseable .eml file to the mailbox folder when there is no SMTP server", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tremplin-mailbox-"));
    const mailbox = transportFor({ MAILBOX_DIR: dir });
    try {
      const email = await enqueue({ locale: "ar" });
      expect(await run(undefined, mailbox)).toEqual({ claimed: 1, sent: 1, failed: 0, dead: 0 });
      const files = fs.readdirSync(dir);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.eml$/);
      const written = toReceivedEmail(await simpleParser(fs.readFileSync(path.join(dir, files[0]))));
      expect(written.to).toEqual([email.to]);
      expect(outboxIdOf(written)).toBe(email.id);
      await expectRenderedIn(written, "ar");
      expect((await row(email.id)).messageId).toBe(written.messageId);
      expect(smtp.received).toHaveLength(0);
    } finally {
      mailbox.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("waking the worker", () => {
  it("sends an email queued by a request as soon as the response has gone, not at the worker's next tick", async () => {
    // A tick far beyond the test's patience: only the wake can send it in time.
    const worker = startOutboxWorker({ transport, intervalMs: 3_600_000 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200)); // the worker's first pass, on start, finds nothing
      const queued = message();
      await runInRequestScope(async (scope) => {
        await db.$transaction((tx) => enqueueEmail(tx, queued));
        // Nothing leaves before the response does (the transaction may not be visible yet everywhere).
        expect(smtp.received).toHaveLength(0);
        responseSent(scope);
      });
      await vi.waitFor(() => expect(smtp.received.flatMap((m) => m.to)).toContain(queued.to), { timeout: 10_000, interval: 50 });
      // Queued outside a request (a scheduled job), it waits for the tick.
      const fromJob = message();
      await db.$transaction((tx) => enqueueEmail(tx, fromJob));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(smtp.received.flatMap((m) => m.to)).not.toContain(fromJob.to);
    } finally {
      await worker.stop();
    }
  });
});

describe("failures and retries", () => {
  it("keeps emails while the server refuses connections and delivers them once it is back", async () => {
    const emails = [await enqueue(), await enqueue(), await enqueue()];
    await smtp.close();
    const start = new Date();

    expect(await run(start)).toEqual({ claimed: 3, sent: 0, failed: 3, dead: 0 });
    for (const email of emails) {
      const failed = await row(email.id);
      expect(failed).toMatchObject({ status: "FAILED", attempts: 1, leaseUntil: null, sentAt: null });
      expect(failed.lastError).toMatch(/ECONNREFUSED/);
      expect(failed.nextAttemptAt).toEqual(later(start, 60_000));
    }

    await smtp.restart();
    expect(await run(later(start, 59_000))).toMatchObject({ claimed: 0 });
    expect(await run(later(start, 61_000))).toEqual({ claimed: 3, sent: 3, failed: 0, dead: 0 });
    await smtp.waitForMessages(3);
    expect(smtp.received.map(outboxIdOf).sort()).toEqual(emails.map((e) => e.id).sort());
    for (const email of emails) expect(await row(email.id)).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
  });

  it("retries after a transient 451 rejection", async () => {
    const email = await enqueue();
    smtp.rejectNext(451);
    const start = new Date();

    expect(await run(start)).toEqual({ claimed: 1, sent: 0, failed: 1, dead: 0 });
    const failed = await row(email.id);
    expect(failed).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(failed.lastError).toMatch(/451/);
    expect(failed.nextAttemptAt).toEqual(later(start, RETRY_DELAYS_MS[0]));

    expect(await run(failed.nextAttemptAt)).toEqual({ claimed: 1, sent: 1, failed: 0, dead: 0 });
    await smtp.waitForMessages(1);
    expect(await row(email.id)).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
  });

  it("dead-letters a permanent 550 rejection after one attempt, with the reason", async () => {
    const email = await enqueue();
    smtp.rejectNext(550);
    const start = new Date();

    expect(await run(start)).toEqual({ claimed: 1, sent: 0, failed: 0, dead: 1 });
    const dead = await row(email.id);
    expect(dead).toMatchObject({ status: "DEAD", attempts: 1, sentAt: null, messageId: email.messageId });
    expect(dead.lastError).toMatch(/550/);
    expect(dead.lastError).toMatch(/Mailbox unavailable/);

    expect(await run(later(start, 30 * DAY))).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it("dead-letters an email that cannot be rendered at once, with the cause, without retrying it", async () => {
    // An interview invitation queued without its date: the template cannot format it.
    const queued = {
      ...message(),
      template: "interview-invitation",
      payload: { ...SAMPLE_PAYLOADS["interview-invitation"], at: "" },
    } as never;
    await db.$transaction((tx) => enqueueEmail(tx, queued));
    const email = await db.outboxEmail.findUniqueOrThrow({ where: { dedupeKey: (queued as OutboxMessage).dedupeKey } });
    const start = new Date();

    expect(await run(start)).toEqual({ claimed: 1, sent: 0, failed: 0, dead: 1 });
    const dead = await row(email.id);
    expect(dead).toMatchObject({ status: "DEAD", attempts: 1, sentAt: null, leaseUntil: null });
    expect(dead.lastError).toMatch(/^Rendering failed: \w*Error: .*invalid/i);
    expect(await run(later(start, 30 * DAY))).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(0);

    // The admin's page of that email shows the cause rather than failing on the preview.
    const { loader } = await import("~/routes/admin.outbox.$id.tsx");
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const page = await callRoute(loader, { path: `/admin/outbox/${email.id}`, params: { id: email.id }, cookie: await signIn(admin) });
    expect(page.status).toBe(200);
    const data = (await page.json()) as { email: { status: string; lastError: string }; rendered: unknown };
    expect(data.email).toMatchObject({ status: "DEAD", lastError: dead.lastError });
    expect(data.rendered).toBeNull();
  });

  it("follows the backoff schedule and dead-letters an email that fails every time", async () => {
    const email = await enqueue();
    smtp.rejectNext(451, MAX_ATTEMPTS + 1);
    let at = new Date();

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (attempt > 1) expect(await run(later(at, -1))).toMatchObject({ claimed: 0 });
      expect(await run(at)).toMatchObject({ claimed: 1, sent: 0 });
      const current = await row(email.id);
      expect(current.attempts).toBe(attempt);
      if (attempt === MAX_ATTEMPTS) break;
      expect(current.status).toBe("FAILED");
      expect(current.nextAttemptAt).toEqual(later(at, RETRY_DELAYS_MS[attempt - 1]));
      at = current.nextAttemptAt;
    }

    const dead = await row(email.id);
    expect(dead).toMatchObject({ status: "DEAD", attempts: MAX_ATTEMPTS });
    expect(dead.lastError).toMatch(/451/);
    expect(await run(later(at, 30 * DAY))).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it("lets an admin send a dead email again, with an audit event, but not a sent one", async () => {
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const email = await enqueue();
    smtp.rejectNext(550);
    expect(await run()).toMatchObject({ dead: 1 });

    expect(await retryOutboxEmail(email.id, admin.id)).toBe(true);
    const retried = await row(email.id);
    expect(retried).toMatchObject({ status: "PENDING", attempts: 0, leaseUntil: null });
    expect(retried.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    const audit = () => db.auditEvent.findMany({ where: { subjectType: "OutboxEmail", subjectId: email.id } });
    expect(await audit()).toEqual([expect.objectContaining({ actorId: admin.id, type: "EMAIL_RETRIED", toState: "PENDING" })]);

    expect(await run()).toMatchObject({ claimed: 1, sent: 1 });
    await smtp.waitForMessages(1);
    expect(await retryOutboxEmail(email.id, admin.id)).toBe(false);
    expect(await row(email.id)).toMatchObject({ status: "SENT", attempts: 1 });
    expect(await audit()).toHaveLength(1);
    expect(await run()).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(1);
  });
});

describe("exactly once", () => {
  it("two workers racing over the same queue send each email exactly once", async () => {
    const emails = await Promise.all(Array.from({ length: 20 }, () => enqueue()));
    const otherTransport = smtpTransport(smtp.url);
    try {
      const summaries = await Promise.all([run(), run(undefined, otherTransport)]);
      // Both really raced: each claimed some, and the claims add up to the queue.
      expect(summaries.every((s) => s.claimed > 0)).toBe(true);
      expect(summaries.reduce((sum, s) => sum + s.claimed, 0)).toBe(20);
      expect(summaries.reduce((sum, s) => sum + s.sent, 0)).toBe(20);
      await smtp.waitForMessages(20);
      expect(smtp.received.map(outboxIdOf).sort()).toEqual(emails.map((e) => e.id).sort());
      const rows = await db.outboxEmail.findMany();
      expect(rows.every((r) => r.status === "SENT" && r.attempts === 1)).toBe(true);
      expect(new Set(rows.map((r) => r.messageId)).size).toBe(20);
    } finally {
      otherTransport.close();
    }
  });

  it("sends nothing when the transaction that queued the email rolls back", async () => {
    const queued = message();
    const failing = db.$transaction(async (tx) => {
      await enqueueEmail(tx, queued);
      expect(await tx.outboxEmail.count({ where: { dedupeKey: queued.dedupeKey } })).toBe(1);
      throw new Error("state change failed");
    });
    await expect(failing).rejects.toThrow("state change failed");

    expect(await db.outboxEmail.count()).toBe(0);
    expect(await run()).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it("queues one email per dedupe key, within a transaction, across transactions and after sending", async () => {
    const queued = message({ dedupeKey: "application-submitted:TP-AGA-2026-0142" });
    await db.$transaction(async (tx) => {
      await enqueueEmail(tx, queued);
      await enqueueEmail(tx, queued);
    });
    await db.$transaction((tx) => enqueueEmail(tx, { ...queued, payload: { ...PAYLOAD, projectName: "Another project" } }));
    expect(await db.outboxEmail.count()).toBe(1);

    expect(await run()).toMatchObject({ claimed: 1, sent: 1 });
    await smtp.waitForMessages(1);
    await expectRenderedIn(smtp.received[0], "fr");

    await db.$transaction((tx) => enqueueEmail(tx, queued));
    expect(await db.outboxEmail.count()).toBe(1);
    expect(await run()).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it("takes over an email whose worker died mid-send once its lease has run out", async () => {
    const email = await enqueue();
    const start = new Date();
    let sendStarted!: () => void;
    const started = new Promise<void>((resolve) => (sendStarted = resolve));
    // A worker that claims the email and then never comes back.
    const hung: MailTransport = {
      send: () => {
        sendStarted();
        return new Promise(() => {});
      },
      close: () => {},
    };
    void runOutboxOnce({ transport: hung, now: () => start });
    await started;

    const claimed = await row(email.id);
    expect(claimed).toMatchObject({ status: "SENDING", attempts: 1 });
    // While the lease holds (long enough for a slow send) nobody else touches the email.
    expect(claimed.leaseUntil!.getTime() - start.getTime()).toBeGreaterThanOrEqual(60_000);
    expect(await run(claimed.leaseUntil!)).toMatchObject({ claimed: 0 });

    expect(await run(later(claimed.leaseUntil!, 1))).toEqual({ claimed: 1, sent: 1, failed: 0, dead: 0 });
    await smtp.waitForMessages(1);
    expect(outboxIdOf(smtp.received[0])).toBe(email.id);
    expect(await row(email.id)).toMatchObject({ status: "SENT", attempts: 2, leaseUntil: null });
  });

  it("re-sends an email whose worker died after the SMTP server accepted it as the same message, with the same Message-ID", async () => {
    const email = await enqueue();
    const start = new Date();
    let delivered!: () => void;
    const accepted = new Promise<void>((resolve) => (delivered = resolve));
    // The SMTP server accepts the email, then the worker dies before recording it.
    const diesAfterSending: MailTransport = {
      send: async (outgoing) => {
        await transport.send(outgoing);
        delivered();
        return new Promise(() => {});
      },
      close: () => {},
    };
    void runOutboxOnce({ transport: diesAfterSending, now: () => start });
    await accepted;
    await smtp.waitForMessages(1);

    const { leaseUntil } = await row(email.id);
    expect(await run(later(leaseUntil!, 1))).toEqual({ claimed: 1, sent: 1, failed: 0, dead: 0 });
    await smtp.waitForMessages(2);
    const [first, second] = smtp.received;
    expect(outboxIdOf(first)).toBe(email.id);
    expect(outboxIdOf(second)).toBe(email.id);
    expect(first.messageId).toMatch(/^<[^<>@\s]+@tremplin\.ma>$/);
    expect(second.messageId).toBe(first.messageId);
    expect(await row(email.id)).toMatchObject({ status: "SENT", attempts: 2, messageId: first.messageId });
  });

  it("gives every queued email its own Message-ID", async () => {
    const emails = await Promise.all(Array.from({ length: 20 }, () => enqueue()));
    expect(new Set(emails.map((e) => e.messageId)).size).toBe(20);
    for (const email of emails) expect(email.messageId).toMatch(/^<[^<>@\s]+@tremplin\.ma>$/);
  });
});
