// Pitch day (issue 19): a booking email, queued in the outbox and sent by the worker through a real SMTP server,
// arrives with its calendar invitation twice over, as nodemailer's icalEvent writes it: a text/calendar
// alternative to the text and HTML (what calendar-aware clients act on) and one invite.ics attachment (what a
// reader sees and can open) — never a second attachment. Both parse back (ical.js) to the payload's event.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import ICAL from "ical.js";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EMAIL_MESSAGES } from "../../emails/messages.ts";
import { renderEmail, SAMPLE_PAYLOADS, type EmailPayloads, type EmailTemplate } from "../../emails/render.tsx";
import { db, dbReady } from "~/db/client.server.ts";
import type { Locale } from "~/domain/constants.ts";
import { enqueueEmail } from "~/email/outbox.server.ts";
import { smtpTransport, transportFor, type MailTransport } from "~/email/transport.server.ts";
import { runOutboxOnce } from "~/email/worker.server.ts";

const FROM = "Tremplin — Technoparks <no-reply@tremplin.ma>";

/** A real SMTP server on 127.0.0.1 keeping each message as received, for its MIME structure as well as its parsing. */
async function startRawSmtpServer() {
  const received: Buffer[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 50,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push(Buffer.concat(chunks));
        callback();
      });
      stream.on("error", callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", () => {});
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let smtp: Awaited<ReturnType<typeof startRawSmtpServer>>;
let transport: MailTransport;
let sequence = 0;

beforeAll(async () => {
  await dbReady;
  smtp = await startRawSmtpServer();
});

afterAll(() => smtp.close());

beforeEach(async () => {
  smtp.received.length = 0;
  await db.outboxEmail.deleteMany();
  transport = smtpTransport(smtp.url);
});

afterEach(() => transport.close());

async function enqueue<T extends EmailTemplate>(template: T, locale: Locale, payload: EmailPayloads[T]) {
  sequence += 1;
  const to = `member${sequence}@example.test`;
  await db.$transaction((tx) => enqueueEmail(tx, { to, template, locale, payload, dedupeKey: `calendar-test:${sequence}` }));
  return to;
}

/** The MIME parts of a raw message, by content type, each with its headers and the parts enclosing it. */
function mimeParts(raw: string): Array<{ contentType: string; disposition: string; within: string[] }> {
  const parts: Array<{ contentType: string; disposition: string; within: string[] }> = [];
  const walk = (entity: string, within: string[]) => {
    const split = entity.search(/\r?\n\r?\n/);
    const head = (split < 0 ? entity : entity.slice(0, split)).replace(/\r?\n[ \t]+/g, " ");
    const body = split < 0 ? "" : entity.slice(split).replace(/^\r?\n\r?\n/, "");
    const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head)?.[1].trim() ?? "";
    const contentType = header("Content-Type");
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) {
      parts.push({ contentType, disposition: header("Content-Disposition"), within });
      return;
    }
    const type = contentType.split(";")[0].trim().toLowerCase();
    const sections = body.split(`--${boundary}`).slice(1);
    for (const section of sections) {
      if (section.startsWith("--")) break;
      walk(section.replace(/^\r?\n/, ""), [...within, type]);
    }
  };
  walk(raw, []);
  return parts;
}

function parsedCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent");
  return { calendar, events, event: events[0]!, view: new ICAL.Event(events[0]!) };
}

const mailto = (property: ICAL.Property | null) => String(property?.getFirstValue()).toLowerCase();

/** The checks every calendar email passes, from its raw bytes to the event inside. */
async function expectCalendarEmail(
  raw: Buffer,
  expected: { method: "REQUEST" | "CANCEL"; to: string; payload: EmailPayloads["interview-booked"] | EmailPayloads["interview-cancelled"] },
): Promise<ParsedMail> {
  const { method, to, payload } = expected;
  const parts = mimeParts(raw.toString("utf8"));
  // Text, HTML and the calendar are alternatives of one another; the invite.ics is the one attachment, beside them.
  const calendars = parts.filter((part) => /^text\/calendar\b/i.test(part.contentType));
  expect(calendars).toHaveLength(1);
  expect(calendars[0].contentType).toMatch(new RegExp(`method=${method}\\b`, "i"));
  expect(calendars[0].within).toEqual(["multipart/mixed", "multipart/alternative"]);
  expect(calendars[0].disposition).toBe("");
  const attached = parts.filter((part) => /^attachment\b/i.test(part.disposition));
  expect(attached).toHaveLength(1);
  expect(attached[0].disposition).toMatch(/filename="?invite\.ics"?/);
  expect(attached[0].within).toEqual(["multipart/mixed"]);
  expect(parts.map((part) => part.contentType.split(";")[0].toLowerCase()).sort()).toEqual([
    "application/ics",
    "text/calendar",
    "text/html",
    "text/plain",
  ]);

  const mail = await simpleParser(raw);
  const files = mail.attachments.filter((attachment) => attachment.filename !== undefined);
  expect(files.map((file) => file.filename)).toEqual(["invite.ics"]);
  const alternative = mail.attachments.find((attachment) => attachment.contentType === "text/calendar");
  expect(alternative).toBeDefined();
  // One invitation, the same in both places.
  expect(files[0].content.toString("utf8")).toBe(alternative!.content.toString("utf8"));

  const { calendar, events, event, view } = parsedCalendar(files[0].content.toString("utf8"));
  expect(calendar.getFirstPropertyValue("method")).toBe(method);
  expect(events).toHaveLength(1);
  expect(view.uid).toBe(payload.calendar.uid);
  expect(view.sequence).toBe(payload.calendar.sequence);
  expect(view.startDate.toJSDate().toISOString()).toBe(new Date(payload.startsAt).toISOString());
  expect(view.endDate.toJSDate().toISOString()).toBe(new Date(payload.endsAt).toISOString());
  expect(view.location).toBe(payload.place);
  expect(mailto(event.getFirstProperty("organizer"))).toBe("mailto:no-reply@tremplin.ma");
  expect(event.getAllProperties("attendee").map(mailto)).toEqual([`mailto:${to}`]);
  return mail;
}

describe("calendar invitations through the outbox", () => {
  it("sends a booking with its invitation: one invite.ics attachment and one text/calendar alternative (METHOD:REQUEST)", async () => {
    const payload = {
      ...SAMPLE_PAYLOADS["interview-booked"],
      calendar: { uid: "interview-b1@tremplin.test", sequence: 1, stamp: "2027-03-16T09:00:00Z" },
    };
    const to = await enqueue("interview-booked", "fr", payload);

    expect(await runOutboxOnce({ transport, from: FROM })).toEqual({ claimed: 1, sent: 1, failed: 0, dead: 0 });
    expect(smtp.received).toHaveLength(1);

    const mail = await expectCalendarEmail(smtp.received[0], { method: "REQUEST", to, payload });
    const rendered = await renderEmail("interview-booked", "fr", payload);
    expect(mail.subject).toBe(rendered.subject);
    expect(mail.text).toContain(payload.projectName);
    expect(mail.html || "").toContain(EMAIL_MESSAGES.fr.templates["interview-booked"].heading);
    const summary = parsedCalendar(mail.attachments.find((a) => a.filename === "invite.ics")!.content.toString("utf8")).view.summary;
    expect(summary).toBe(`Entretien (pitch) — ${payload.projectName}`);
  });

  it("sends a cancellation with the same UID and a later SEQUENCE (METHOD:CANCEL), in Arabic", async () => {
    const payload = SAMPLE_PAYLOADS["interview-cancelled"];
    const to = await enqueue("interview-cancelled", "ar", payload);

    expect(await runOutboxOnce({ transport, from: FROM })).toMatchObject({ sent: 1 });
    const mail = await expectCalendarEmail(smtp.received[0], { method: "CANCEL", to, payload });
    const { event } = parsedCalendar(mail.attachments.find((a) => a.filename === "invite.ics")!.content.toString("utf8"));
    expect(event.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(mail.html || "").toContain('dir="rtl"');
  });

  it("attaches nothing to an email without an event", async () => {
    await enqueue("interview-reminder", "en", SAMPLE_PAYLOADS["interview-reminder"]);
    expect(await runOutboxOnce({ transport, from: FROM })).toMatchObject({ sent: 1 });
    const raw = smtp.received[0];
    expect(mimeParts(raw.toString("utf8")).map((part) => part.contentType.split(";")[0].toLowerCase())).toEqual([
      "text/plain",
      "text/html",
    ]);
    expect((await simpleParser(raw)).attachments).toEqual([]);
  });

  it("writes the invitation into the .eml of the local mailbox too", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tremplin-calendar-mailbox-"));
    const mailbox = transportFor({ MAILBOX_DIR: dir });
    try {
      const payload = SAMPLE_PAYLOADS["interview-booked"];
      const to = await enqueue("interview-booked", "en", payload);
      expect(await runOutboxOnce({ transport: mailbox, from: FROM })).toMatchObject({ sent: 1 });
      const files = fs.readdirSync(dir);
      expect(files).toHaveLength(1);
      await expectCalendarEmail(fs.readFileSync(path.join(dir, files[0])), { method: "REQUEST", to, payload });
    } finally {
      mailbox.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("dead-letters a booking whose event cannot be written, with the cause, and sends nothing", async () => {
    const payload = SAMPLE_PAYLOADS["interview-booked"];
    await enqueue("interview-booked", "fr", { ...payload, endsAt: payload.startsAt });
    expect(await runOutboxOnce({ transport, from: FROM })).toEqual({ claimed: 1, sent: 0, failed: 0, dead: 1 });
    const [email] = await db.outboxEmail.findMany();
    expect(email).toMatchObject({ status: "DEAD", attempts: 1, sentAt: null });
    expect(email.lastError).toMatch(/^Rendering failed: RangeError: A calendar event must end after it starts/);
    expect(smtp.received).toHaveLength(0);
  });
});
