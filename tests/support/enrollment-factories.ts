// Rows for the call administration, enrollment and export tests: a call whose
// cohorts are spelled out seat by seat, applicants at the committee stage with
// a hand-picked rank, sector and sites, applicants whose decision is already
// released (with their offer), an independent seat census, and a small
// RFC 4180 CSV reader (csv-parse is not a dependency of the project).
import { db } from "~/db/client.server.ts";
import { SECTORS, type ApplicationStatus, type Locale, type Sector } from "~/domain/constants.ts";
import { createTestUser } from "./factories.ts";
import { COMPLETE_PROJECT, createSite, DAY_MS, recordStatusHistory } from "./intake-factories.ts";
import { signIn } from "./review-factories.ts";

export { DAY_MS };
export const HOUR_MS = 60 * 60 * 1000;

let sequence = 0;
const next = () => `${++sequence}-${process.pid}`;

// ---------------------------------------------------------------------------
// People

/** A fresh user with the role, signed in through the login route; returns the user and the session cookie. */
export async function signedIn(role: "ADMIN" | "FOUNDER" | "REVIEWER", options: { locale?: Locale; name?: string } = {}) {
  const user = await createTestUser({ roles: [role], locale: options.locale, name: options.name });
  return { user, cookie: await signIn(user) };
}

// ---------------------------------------------------------------------------
// Calls and cohorts

export type CohortSpec = { site: { id: string }; capacity: number; quotas?: Partial<Record<Sector, number>>; name?: string };

/**
 * A CLOSED call (its deadline passed a week ago) with the given cohorts, in
 * the order given, and a one-line rubric.
 */
export async function createDecisionCall(options: { cohorts: CohortSpec[]; offerResponseDays?: number; title?: string }) {
  const n = next();
  const now = Date.now();
  const call = await db.call.create({
    data: {
      slug: `decision-${n}`,
      title: options.title ?? `Appel décisions ${n}`,
      description: "Appel dont le comité a classé les candidatures.",
      opensAt: new Date(now - 40 * DAY_MS),
      closesAt: new Date(now - 7 * DAY_MS),
      offerResponseDays: options.offerResponseDays ?? 7,
      status: "CLOSED",
      criteria: {
        create: [
          { key: "overall", label: JSON.stringify({ fr: "Global", en: "Overall", ar: "إجمالي" }), anchors: "{}", weight: 1, position: 0 },
        ],
      },
    },
  });
  const cohorts = [];
  for (const [index, spec] of options.cohorts.entries()) {
    cohorts.push(
      await db.cohort.create({
        data: {
          callId: call.id,
          siteId: spec.site.id,
          name: spec.name ?? `Cohorte ${index + 1} ${n}`,
          startsAt: new Date(now + 60 * DAY_MS),
          capacity: spec.capacity,
          quotas: {
            create: SECTORS.filter((sector) => spec.quotas?.[sector] !== undefined).map((sector) => ({
              sector,
              seats: spec.quotas![sector]!,
            })),
          },
        },
      }),
    );
  }
  return { call, cohorts };
}

/** `count` fresh open sites. */
export async function createSites(count: number) {
  const sites = [];
  for (let i = 0; i < count; i++) sites.push(await createSite());
  return sites;
}

// ---------------------------------------------------------------------------
// Applications

export type CandidateOptions = {
  call: { id: string };
  site: { id: string };
  alternateSite?: { id: string } | null;
  sector?: Sector;
  rank?: number | null;
  projectName?: string;
  tagline?: string;
  founderName?: string;
  locale?: Locale;
  status?: ApplicationStatus;
};

const HISTORY_TO_COMMITTEE: ApplicationStatus[] = ["SUBMITTED", "SCREENING", "REVIEW", "COMMITTEE"];

/**
 * A founder and their complete application, at the committee stage unless
 * `status` says otherwise, with the audit trail of how it got there (the
 * founder's timeline reads it).
 */
export async function createCandidate(options: CandidateOptions) {
  const n = next();
  const status = options.status ?? "COMMITTEE";
  const founder = await createTestUser({ roles: ["FOUNDER"], locale: options.locale, name: options.founderName ?? `Fondatrice ${n}` });
  const application = await db.application.create({
    data: {
      founderId: founder.id,
      callId: options.call.id,
      status,
      version: status === "DRAFT" ? 1 : 5,
      submittedAt: status === "DRAFT" ? null : new Date(Date.now() - 20 * DAY_MS),
      ...COMPLETE_PROJECT,
      projectName: options.projectName ?? `Projet ${n}`,
      tagline: options.tagline ?? COMPLETE_PROJECT.tagline,
      sector: options.sector ?? COMPLETE_PROJECT.sector,
      rank: options.rank ?? null,
      preferredSiteId: options.site.id,
      alternateSiteId: options.alternateSite?.id ?? null,
      teamMembers: {
        create: [
          { name: founder.name, email: founder.email, role: "CEO", position: 0 },
          { name: `Associé ${n}`, email: `associe-${n}@example.test`, role: "CTO", position: 1 },
        ],
      },
    },
  });
  if (status !== "DRAFT") {
    const index = HISTORY_TO_COMMITTEE.indexOf(status);
    await recordStatusHistory(application.id, index >= 0 ? HISTORY_TO_COMMITTEE.slice(0, index + 1) : [...HISTORY_TO_COMMITTEE, status]);
  }
  return { application, founder };
}

/**
 * An applicant whose committee decision was released `releasedDaysAgo` ago:
 * WAITLISTED, or ACCEPTED with a PENDING offer of a seat in `cohort` that
 * expires at `expiresAt` (a week from now by default).
 */
export async function createReleasedCandidate(
  options: Omit<CandidateOptions, "status"> & {
    status: "ACCEPTED" | "WAITLISTED";
    cohort?: { id: string };
    expiresAt?: Date;
    releasedDaysAgo?: number;
  },
) {
  const { application, founder } = await createCandidate({ ...options, status: options.status });
  const releasedAt = new Date(Date.now() - (options.releasedDaysAgo ?? 1) * DAY_MS);
  let offer = null;
  if (options.status === "ACCEPTED") {
    if (!options.cohort) throw new Error("an accepted candidate needs a cohort");
    offer = await db.offer.create({
      data: {
        applicationId: application.id,
        cohortId: options.cohort.id,
        status: "PENDING",
        expiresAt: options.expiresAt ?? new Date(Date.now() + 7 * DAY_MS),
        createdAt: releasedAt,
      },
    });
  }
  const updated = await db.application.update({
    where: { id: application.id },
    data: { decisionReleasedAt: releasedAt, allocatedCohortId: options.cohort?.id ?? null },
  });
  return { application: updated, founder, offer };
}

/** The session user shape the offer functions take, for a founder row. */
export const asFounderUser = (founder: { id: string }) => ({ id: founder.id, roles: ["FOUNDER"] as const });

// ---------------------------------------------------------------------------
// Seats, counted independently of app/models/offer.server.ts

/** Who holds a seat of the cohort: enrolled founders and open or accepted offers, counted from the rows. */
export async function seatCensus(cohortId: string) {
  const [pending, accepted, enrolled] = await Promise.all([
    db.offer.findMany({ where: { cohortId, status: "PENDING" }, select: { applicationId: true } }),
    db.offer.findMany({ where: { cohortId, status: "ACCEPTED" }, select: { applicationId: true } }),
    db.application.findMany({ where: { enrolledCohortId: cohortId }, select: { id: true } }),
  ]);
  const holders = new Set([...pending.map((o) => o.applicationId), ...accepted.map((o) => o.applicationId), ...enrolled.map((a) => a.id)]);
  return {
    pending: pending.length,
    accepted: accepted.length,
    enrolled: enrolled.length,
    holders: holders.size,
    offersHeld: pending.length + accepted.length,
  };
}

/** Applications of the call holding more than one open (PENDING) or accepted offer — must always be empty. */
export async function doubleHolders(callId: string) {
  const offers = await db.offer.findMany({
    where: { status: { in: ["PENDING", "ACCEPTED"] }, application: { callId } },
    select: { applicationId: true },
  });
  const counts = new Map<string, number>();
  for (const o of offers) counts.set(o.applicationId, (counts.get(o.applicationId) ?? 0) + 1);
  return [...counts].filter(([, c]) => c > 1).map(([id]) => id);
}

/** Outbox rows of a template (optionally for one recipient). */
export function emailsOf(template: string, to?: string) {
  return db.outboxEmail.findMany({ where: { template, ...(to ? { to: to.toLowerCase() } : {}) }, orderBy: { createdAt: "asc" } });
}

export const payloadOf = (row: { payload: string }) => JSON.parse(row.payload) as Record<string, unknown>;

// ---------------------------------------------------------------------------
// Responses

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/**
 * RFC 4180: fields separated by commas, records by CRLF or LF; a quoted field
 * may hold commas, line breaks and doubled quotes. Throws on a stray quote.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  const endField = () => {
    record.push(field);
    field = "";
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const after = text[i];
        if (after !== undefined && after !== "," && after !== "\n" && after !== "\r")
          throw new Error(`CSV: unexpected ${JSON.stringify(after)} after a closing quote at ${i}`);
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"') {
      if (fieldStarted || field !== "") throw new Error(`CSV: stray quote at ${i}`);
      quoted = true;
      fieldStarted = true;
      i += 1;
      continue;
    }
    if (ch === ",") {
      endField();
      i += 1;
      continue;
    }
    if (ch === "\r" && text[i + 1] === "\n") {
      endRecord();
      i += 2;
      continue;
    }
    if (ch === "\n") {
      endRecord();
      i += 1;
      continue;
    }
    field += ch;
    fieldStarted = true;
    i += 1;
  }
  if (quoted) throw new Error("CSV: unterminated quoted field");
  if (fieldStarted || field !== "" || record.length > 0) endRecord();
  return records;
}

/** A CSV response's bytes: whether it starts with the UTF-8 BOM, and its records (BOM stripped). */
export async function readCsv(response: Response): Promise<{ bom: boolean; records: string[][]; text: string }> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
  return { bom, records: parseCsv(text), text };
}

/** Records as objects keyed by the header row. */
export function csvObjects(records: string[][]): Array<Record<string, string>> {
  const [header, ...rows] = records;
  return rows.map((row) => {
    if (row.length !== header.length) throw new Error(`CSV: a row has ${row.length} fields, the header ${header.length}`);
    return Object.fromEntries(header.map((h, i) => [h, row[i]]));
  });
}

// ---------------------------------------------------------------------------
// Reviews with feedback for the founder

/**
 * A review of the application by a fresh reviewer, written straight to the
 * rows: submitted (the default), a draft, or submitted by a reviewer who then
 * declared a conflict of interest (the assignment is CONFLICT).
 */
export async function addReviewWithFeedback(
  applicationId: string,
  founderFeedback: string,
  kind: "submitted" | "draft" | "conflict" = "submitted",
) {
  const reviewer = await createTestUser({ roles: ["REVIEWER"] });
  const assignment = await db.reviewAssignment.create({
    data: { applicationId, reviewerId: reviewer.id, status: kind === "draft" ? "PENDING" : kind === "conflict" ? "CONFLICT" : "SUBMITTED" },
  });
  if (kind === "conflict") {
    await db.conflictDeclaration.create({ data: { applicationId, reviewerId: reviewer.id, reason: "Ancien associé du fondateur." } });
  }
  return db.review.create({
    data: {
      assignmentId: assignment.id,
      founderFeedback,
      privateComment: "Commentaire privé du comité.",
      recommendation: "NO",
      score: kind === "draft" ? null : 2,
      submittedAt: kind === "draft" ? null : new Date(Date.now() - 3 * DAY_MS),
    },
  });
}
