// Announcements (issue 18): an admin writes once to everyone in a cohort, or to every applicant of a call in
// chosen statuses, through the outbox. The rules here are pure: who an audience reaches, which language's
// text each recipient reads, and the rate limit's window and slot. Persisted by app/models/announcement.server.ts.
import { APPLICATION_STATUSES, DEFAULT_LOCALE, type ApplicationStatus, type Locale } from "./constants.ts";
import { COMMITTEE_DECISIONS, founderVisibleStatus, type DecisionFacts } from "./decision.ts";

/** Announcements one admin may send in an hour: a mistake repeated in a loop mails a cohort five times, not fifty. */
export const ANNOUNCEMENTS_PER_HOUR = 5;
/** The longest subject and body, in characters (each language's). */
export const ANNOUNCEMENT_SUBJECT_MAX = 200;
export const ANNOUNCEMENT_BODY_MAX = 10_000;

/** Who an announcement goes to: the teams of a cohort, or the teams of a call's applications in some statuses. */
export type AnnouncementAudience = { kind: "cohort"; cohortId: string } | { kind: "call"; callId: string; statuses: ApplicationStatus[] };

/** The admin's texts: French required, English and Arabic optional ("" when left empty). */
export type AnnouncementTexts = {
  subject: string;
  body: string;
  subjectEn: string;
  bodyEn: string;
  subjectAr: string;
  bodyAr: string;
};

/** One language's text, as a recipient reads it. */
export type AnnouncementText = { locale: Locale; subject: string; body: string };

const TRANSLATED: Record<Exclude<Locale, "fr">, { subject: "subjectEn" | "subjectAr"; body: "bodyEn" | "bodyAr" }> = {
  en: { subject: "subjectEn", body: "bodyEn" },
  ar: { subject: "subjectAr", body: "bodyAr" },
};

/**
 * The text a recipient whose saved language is `locale` gets: that language's when the admin wrote it (subject
 * and body), else the French original. The email is then written wholly in the text's language (greeting and
 * footer included), so nobody reads a French message inside an English frame.
 */
export function announcementTextFor(texts: AnnouncementTexts, locale: Locale): AnnouncementText {
  if (locale !== "fr") {
    const fields = TRANSLATED[locale];
    const subject = texts[fields.subject].trim();
    const body = texts[fields.body].trim();
    if (subject !== "" && body !== "") return { locale, subject, body };
  }
  return { locale: DEFAULT_LOCALE, subject: texts.subject.trim(), body: texts.body.trim() };
}

/**
 * A translation is both a subject and a body, or neither: the half left empty ("subject" or "body"), or null
 * when the pair is whole or empty.
 */
export function missingHalf(subject: string, body: string): "subject" | "body" | null {
  const hasSubject = subject.trim() !== "";
  const hasBody = body.trim() !== "";
  if (hasSubject === hasBody) return null;
  return hasSubject ? "body" : "subject";
}

// --- Audience -----------------------------------------------------------------------------------------------

/**
 * The statuses to read applications in, for a call audience in `chosen`: a decision the committee took but did
 * not release yet reads "with the committee" to its team (founderVisibleStatus), so choosing COMMITTEE reads the
 * three decisions too, and `reachesApplication` keeps the hidden ones only.
 */
export function statusesToRead(chosen: readonly ApplicationStatus[]): ApplicationStatus[] {
  const statuses = new Set(chosen);
  if (statuses.has("COMMITTEE")) for (const decision of COMMITTEE_DECISIONS) statuses.add(decision);
  return APPLICATION_STATUSES.filter((status) => statuses.has(status));
}

/**
 * Whether a call audience in `chosen` statuses reaches an application: by the status its team knows, so an
 * announcement to the rejected never tells a team of a decision before its release.
 */
export function reachesApplication(chosen: readonly ApplicationStatus[], application: DecisionFacts): boolean {
  return chosen.includes(founderVisibleStatus(application));
}

/** The statuses as the Announcement row keeps them: comma-separated, in the lifecycle's order. */
export function statusesText(statuses: readonly ApplicationStatus[]): string {
  return APPLICATION_STATUSES.filter((status) => statuses.includes(status)).join(",");
}

/** The statuses an Announcement row kept (unknown words ignored). */
export function parseStatuses(text: string): ApplicationStatus[] {
  const words = new Set(text.split(","));
  return APPLICATION_STATUSES.filter((status) => words.has(status));
}

export type Person = { id: string; name: string; email: string; locale: string; active: boolean };

/**
 * The people an audience's teams make: each once (someone in two of its teams gets one email), active accounts
 * only, by name then address (the order the preview lists them in).
 */
export function uniqueRecipients<P extends Person>(people: Iterable<P>): P[] {
  const byId = new Map<string, P>();
  for (const person of people) if (person.active && !byId.has(person.id)) byId.set(person.id, person);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, "fr") || a.email.localeCompare(b.email));
}

// --- Rate limit -------------------------------------------------------------------------------------------

/**
 * The rate limit's window containing `now`: its hour in UTC ("2026-12-03T11"), and when the next one starts.
 * Morocco's offsets from UTC are whole hours, so the window is also an hour of Casablanca's clock.
 */
export function rateWindowOf(now: Date): { key: string; endsAt: Date } {
  const start = new Date(now);
  start.setUTCMinutes(0, 0, 0);
  return { key: start.toISOString().slice(0, 13), endsAt: new Date(start.getTime() + 60 * 60 * 1000) };
}

/**
 * The slot a new announcement takes in its author's window: the lowest of 1…limit not taken — the count of the
 * window's announcements plus one while none was deleted (a cohort's deletion takes its announcements with it) —
 * or null when all are taken. The unique (author, window, slot) key makes two announcements written at the same
 * moment unable to take the same one.
 */
export function freeRateSlot(taken: readonly number[], limit = ANNOUNCEMENTS_PER_HOUR): number | null {
  for (let slot = 1; slot <= limit; slot++) if (!taken.includes(slot)) return slot;
  return null;
}

// --- Confirmation ---------------------------------------------------------------------------------------------

/**
 * A short fingerprint of what the admin previewed (audience and texts): the send carries it back, and a send
 * whose form changed since is asked to preview again. Not a secret, only a change detector (FNV-1a, 32 bits).
 */
export function announcementFingerprint(audience: AnnouncementAudience, texts: AnnouncementTexts): string {
  const canonical = JSON.stringify([
    audience.kind,
    audience.kind === "cohort" ? audience.cohortId : audience.callId,
    audience.kind === "call" ? statusesText(audience.statuses) : "",
    texts.subject.trim(),
    texts.body.trim(),
    texts.subjectEn.trim(),
    texts.bodyEn.trim(),
    texts.subjectAr.trim(),
    texts.bodyAr.trim(),
  ]);
  let hash = 0x811c9dc5;
  for (let index = 0; index < canonical.length; index++) {
    hash ^= canonical.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}
