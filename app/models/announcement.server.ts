// Announcements (issue 18): an admin writes to everyone in a cohort, or to every applicant of a call in chosen
// statuses. The admin previews first (recipients, and the email each language's readers get); the send then
// takes a slot of the admin's hourly limit, re-reads the recipients and queues one email per person, in one
// transaction with its audit event. The rules are app/domain/announcements.ts.
import { renderEmail, type RenderedEmail } from "../../emails/render.tsx";
import { db, type Tx } from "~/db/client.server.ts";
import {
  ANNOUNCEMENTS_PER_HOUR,
  announcementFingerprint,
  announcementTextFor,
  freeRateSlot,
  parseStatuses,
  rateWindowOf,
  reachesApplication,
  statusesText,
  statusesToRead,
  uniqueRecipients,
  type AnnouncementAudience,
  type AnnouncementTexts,
  type Person,
} from "~/domain/announcements.ts";
import { plainText, callText } from "~/domain/call-texts.ts";
import { EMAIL_RECIPIENTS_LISTED, LOCALES, toLocale, type ApplicationStatus, type Locale } from "~/domain/constants.ts";
import { UserError } from "~/domain/errors.ts";
import { enqueueEmail } from "~/email/outbox.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { audienceOf, textsOf, type AnnouncementConfirmation, type AnnouncementInput } from "~/schemas/announcement.ts";
import { CALL_TITLE_SELECT } from "./reference-data.server.ts";
import { isUniqueViolation } from "./user.server.ts";
import type { EmailsPreview } from "./email-preview.server.ts";

/** The past announcements the page lists, newest first. */
export const ANNOUNCEMENTS_LISTED = 50;

export type AnnouncementRecipient = Person & { locale: Locale };

const PERSON_SELECT = { id: true, name: true, email: true, locale: true, active: true } as const;

/**
 * Everyone an audience reaches, each once, active accounts only, by name: the team (its lead and the members who
 * joined) of every application in the cohort — enrolled there, or holding a released seat offer for it not
 * answered yet, as its roster lists them (an allocation not released yet stays the committee's secret) — or of
 * every application of the call whose status, as its team knows it, is one of the chosen. An audience naming a
 * cohort or call that does not exist is refused on its field.
 */
export async function announcementRecipients(audience: AnnouncementAudience, tx: Tx = db): Promise<AnnouncementRecipient[]> {
  const team = {
    status: true,
    decisionReleasedAt: true,
    founder: { select: PERSON_SELECT },
    teamMemberships: { select: { user: { select: PERSON_SELECT } } },
  } as const;
  let applications;
  if (audience.kind === "cohort") {
    const cohort = await tx.cohort.findUnique({ where: { id: audience.cohortId }, select: { id: true } });
    if (!cohort) throw new UserError("announcements.errors.audienceUnknown", 400, { field: "cohortId" });
    applications = await tx.application.findMany({
      where: { OR: [{ enrolledCohortId: cohort.id }, { offers: { some: { cohortId: cohort.id, status: "PENDING" } } }] },
      orderBy: { id: "asc" },
      select: team,
    });
  } else {
    const call = await tx.call.findUnique({ where: { id: audience.callId }, select: { id: true } });
    if (!call) throw new UserError("announcements.errors.audienceUnknown", 400, { field: "callId" });
    const read = await tx.application.findMany({
      where: { callId: call.id, status: { in: statusesToRead(audience.statuses) } },
      orderBy: { id: "asc" },
      select: team,
    });
    applications = read.filter((application) => reachesApplication(audience.statuses, application));
  }
  const people = applications.flatMap((application) => [application.founder, ...application.teamMemberships.map((m) => m.user)]);
  return uniqueRecipients(people).map((person) => ({ ...person, locale: toLocale(person.locale) }));
}

/**
 * What the admin sees before sending, as for any bulk email (app/models/email-preview.server.ts): who gets it
 * (each with the language of the email they get), and the email as each language's readers get it, French first.
 */
export type AnnouncementPreview = EmailsPreview & {
  /** Carried back by the send (announcementConfirmationSchema). */
  previewKey: string;
};

export async function previewAnnouncement(input: AnnouncementInput): Promise<AnnouncementPreview> {
  const audience = audienceOf(input);
  const texts = textsOf(input);
  const recipients = await announcementRecipients(audience);
  const byLanguage = new Map<Locale, AnnouncementRecipient[]>();
  for (const recipient of recipients) {
    const { locale } = announcementTextFor(texts, recipient.locale);
    byLanguage.set(locale, [...(byLanguage.get(locale) ?? []), recipient]);
  }
  const emails = await Promise.all(
    LOCALES.filter((locale) => byLanguage.has(locale)).map(async (locale) => {
      const readers = byLanguage.get(locale)!;
      // Rendered for its first reader, as they will read it.
      const rendered = await renderAnnouncement(texts, locale, readers[0].name);
      return { key: `announcement:${locale}`, template: "announcement", locale, count: readers.length, ...rendered };
    }),
  );
  return {
    count: recipients.length,
    recipients: recipients.slice(0, EMAIL_RECIPIENTS_LISTED).map((recipient) => ({
      key: recipient.id,
      name: recipient.name,
      email: recipient.email,
      locale: announcementTextFor(texts, recipient.locale).locale,
      template: "announcement",
    })),
    emails,
    previewKey: announcementFingerprint(audience, texts),
  };
}

function renderAnnouncement(texts: AnnouncementTexts, locale: Locale, name: string): Promise<RenderedEmail> {
  const text = announcementTextFor(texts, locale);
  return renderEmail("announcement", text.locale, { name, subject: text.subject, body: text.body });
}

/**
 * Sends an announcement the admin previewed: refused when the form changed since the preview, when the
 * recipients are no longer those counted then, or when the admin's hourly limit is reached. Everything happens
 * in one transaction, so a refusal leaves nothing behind and an announcement is never half queued.
 */
export async function sendAnnouncement(
  authorId: string,
  input: AnnouncementInput,
  confirmation: AnnouncementConfirmation,
  now = new Date(),
): Promise<{ id: string; recipientCount: number }> {
  const audience = audienceOf(input);
  const texts = textsOf(input);
  if (confirmation.previewKey !== announcementFingerprint(audience, texts))
    throw new UserError("announcements.errors.changedSincePreview", 409);
  // A slot two sends took at the same moment (PostgreSQL): the loser's transaction is rolled back on the unique
  // key, and run again sees the winner's row. Each attempt sees one more taken slot, so the limit ends the loop.
  for (let attempt = 0; attempt <= ANNOUNCEMENTS_PER_HOUR; attempt++) {
    try {
      return await db.$transaction((tx) => sendInTransaction(tx, authorId, audience, texts, confirmation.previewCount, now));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw tooMany(now);
}

function tooMany(now: Date): UserError {
  return new UserError("announcements.errors.tooMany", 429, { params: { time: formatDate(rateWindowOf(now).endsAt, "fr", "time") } });
}

async function sendInTransaction(
  tx: Tx,
  authorId: string,
  audience: AnnouncementAudience,
  texts: AnnouncementTexts,
  previewCount: number,
  now: Date,
): Promise<{ id: string; recipientCount: number }> {
  const window = rateWindowOf(now);
  const taken = await tx.announcement.findMany({ where: { authorId, rateWindow: window.key }, select: { rateSlot: true } });
  const slot = freeRateSlot(taken.map((announcement) => announcement.rateSlot));
  if (slot === null) throw tooMany(now);
  // Read again here: the preview's count is checked against the people this very transaction emails.
  const recipients = await announcementRecipients(audience, tx);
  if (recipients.length === 0) throw new UserError("announcements.errors.noRecipients", 400);
  if (recipients.length !== previewCount)
    throw new UserError("announcements.errors.recipientsChanged", 409, { params: { count: recipients.length } });
  const announcement = await tx.announcement.create({
    data: {
      authorId,
      cohortId: audience.kind === "cohort" ? audience.cohortId : null,
      callId: audience.kind === "call" ? audience.callId : null,
      statuses: audience.kind === "call" ? statusesText(audience.statuses) : "",
      subject: texts.subject,
      body: texts.body,
      subjectEn: texts.subjectEn || null,
      bodyEn: texts.bodyEn || null,
      subjectAr: texts.subjectAr || null,
      bodyAr: texts.bodyAr || null,
      recipientCount: recipients.length,
      rateWindow: window.key,
      rateSlot: slot,
      createdAt: now,
    },
    select: { id: true, recipientCount: true },
  });
  const languages: Partial<Record<Locale, number>> = {};
  for (const recipient of recipients) {
    const text = announcementTextFor(texts, recipient.locale);
    languages[text.locale] = (languages[text.locale] ?? 0) + 1;
    await enqueueEmail(tx, {
      to: recipient.email,
      template: "announcement",
      locale: text.locale,
      payload: { name: recipient.name, subject: text.subject, body: text.body },
      dedupeKey: `announcement:${announcement.id}:${recipient.id}`,
    });
  }
  // The row says how many it reached: exactly the emails queued, or nothing is sent.
  const queued = await tx.outboxEmail.count({ where: { dedupeKey: { startsWith: `announcement:${announcement.id}:` } } });
  if (queued !== announcement.recipientCount)
    throw new Error(`Announcement ${announcement.id} queued ${queued} emails for ${announcement.recipientCount} recipients`);
  await tx.auditEvent.create({
    data: {
      actorId: authorId,
      subjectType: "Announcement",
      subjectId: announcement.id,
      type: "ANNOUNCEMENT_SENT",
      details: JSON.stringify({ audience, recipientCount: announcement.recipientCount, languages }),
      createdAt: now,
    },
  });
  return announcement;
}

/** What the form offers: every cohort (with its site and call) and every call, titles in the reader's language. */
export async function announcementFormOptions(locale: Locale) {
  const [cohorts, calls] = await Promise.all([
    db.cohort.findMany({
      orderBy: [{ startsAt: "desc" }, { name: "asc" }],
      select: { id: true, name: true, site: { select: { name: true } }, call: { select: CALL_TITLE_SELECT } },
    }),
    db.call.findMany({ orderBy: [{ opensAt: "desc" }, { id: "asc" }], select: { id: true, ...CALL_TITLE_SELECT } }),
  ]);
  return {
    cohorts: cohorts.map((cohort) => ({
      id: cohort.id,
      label: `${cohort.name} (${cohort.site.name}) — ${plainText(callText(cohort.call, "title"), locale)}`,
    })),
    calls: calls.map((call) => ({ id: call.id, label: plainText(callText(call, "title"), locale) })),
  };
}

/** The latest announcements, newest first: who sent what to whom, when (written on the server, in `locale`). */
export async function listAnnouncements(locale: Locale) {
  const rows = await db.announcement.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: ANNOUNCEMENTS_LISTED,
    select: {
      id: true,
      subject: true,
      statuses: true,
      recipientCount: true,
      createdAt: true,
      author: { select: { name: true } },
      cohort: { select: { name: true, site: { select: { name: true } } } },
      call: { select: CALL_TITLE_SELECT },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    subject: row.subject,
    authorName: row.author.name,
    audience: row.cohort
      ? { kind: "cohort" as const, label: `${row.cohort.name} (${row.cohort.site.name})`, statuses: [] as ApplicationStatus[] }
      : {
          kind: "call" as const,
          label: row.call ? plainText(callText(row.call, "title"), locale) : "",
          statuses: parseStatuses(row.statuses),
        },
    recipientCount: row.recipientCount,
    createdAtText: formatDate(row.createdAt, locale, "dateTime"),
  }));
}
