// Rows for the founder intake tests: sites, an open call with cohorts, and
// complete applications in any state. Every call creates fresh rows,
// so tests in one file never depend on each other's data.
import { randomUUID } from "node:crypto";
import { db } from "~/db/client.server.ts";
import type { ApplicationStatus, Locale, ProjectStage, Sector, SiteStatus } from "~/domain/constants.ts";
import { ALLOWED_TYPES, MAX_UPLOAD_BYTES } from "~/storage/file-type.ts";
import { storeUpload } from "~/storage/files.server.ts";
import { onePagePdf } from "../../prisma/sample-pdf.ts";
import { createTestUser } from "./factories.ts";

export const DAY_MS = 24 * 60 * 60 * 1000;

let sequence = 0;
const unique = (prefix: string) => `${prefix}-${++sequence}-${process.pid}`;

/**
 * A small, well-formed one-page PDF — the demo seed's and the end-to-end tests' own
 * (prisma/sample-pdf.ts). The label it shows makes each buffer's content (and so
 * its storage key) unique unless a label is given.
 */
export function pdfBuffer(label: string = randomUUID()): Buffer {
  return Buffer.from(onePagePdf(label));
}

export function createSite(options: { status?: SiteStatus; name?: string } = {}) {
  const slug = unique("site");
  return db.site.create({
    data: { slug, name: options.name ?? `Technopark ${slug}`, nameAr: `تكنوبارك ${slug}`, status: options.status ?? "OPEN" },
  });
}

/** An OPEN call, opened yesterday and closing in `closesInDays`, with one cohort at each site. */
export async function createOpenCall(options: { sites: Array<{ id: string }>; hasInterview?: boolean; closesInDays?: number }) {
  const now = Date.now();
  const slug = unique("call");
  return db.call.create({
    data: {
      slug,
      title: `Appel ${slug}`,
      description: "Appel à candidatures pour la prochaine cohorte d'incubation.",
      opensAt: new Date(now - DAY_MS),
      closesAt: new Date(now + (options.closesInDays ?? 14) * DAY_MS),
      hasInterview: options.hasInterview ?? false,
      status: "OPEN",
      cohorts: {
        create: options.sites.map((site, index) => ({
          siteId: site.id,
          name: `Cohorte ${index + 1}`,
          startsAt: new Date(now + 60 * DAY_MS),
          capacity: 10,
        })),
      },
    },
  });
}

/** Moves a call's deadline into the past (the call itself stays OPEN, as before the closing job runs). */
export function closeCallDeadline(callId: string) {
  return db.call.update({ where: { id: callId }, data: { closesAt: new Date(Date.now() - 60_000) } });
}

/**
 * What the intake tests start from: an open site and an OPENING_SOON one, an
 * open call with a cohort at both, and a founder.
 */
export async function createIntakeSetup(options: { hasInterview?: boolean; founderLocale?: Locale } = {}) {
  const site = await createSite();
  const alternateSite = await createSite();
  const soonSite = await createSite({ status: "OPENING_SOON" });
  const call = await createOpenCall({ sites: [site, alternateSite, soonSite], hasInterview: options.hasInterview });
  const founder = await createTestUser({ roles: ["FOUNDER"], locale: options.founderLocale });
  return { site, alternateSite, soonSite, call, founder };
}

/** Every field of a complete application except the team and the sites. */
export const COMPLETE_PROJECT = {
  projectName: "Argane Solaire",
  tagline: "Solar-powered argan oil presses for rural women's cooperatives",
  problem: "Cooperatives in the Souss valley press argan oil with diesel generators that are costly and polluting.",
  solution: "A modular solar press kit with battery storage, leased to cooperatives and paid per litre pressed.",
  market: "About 500 argan cooperatives in Morocco, then shea and olive cooperatives across West Africa.",
  traction: "Three pilot cooperatives, 40 tonnes pressed in six months.",
  stage: "PROTOTYPE" as const satisfies ProjectStage,
  sector: "GREEN_TECH" as const satisfies Sector,
};

/** A complete team: the founder as CEO and one co-founder. */
export function completeTeam(founder: { name: string; email: string }) {
  return [
    { name: founder.name, email: founder.email, role: "CEO" },
    { name: "Karim Benjelloun", email: "karim@example.test", role: "CTO" },
  ];
}

/** The same complete application as a wizard form post (dotted names for team rows). */
export function completeApplicationForm(options: {
  preferredSiteId: string;
  alternateSiteId?: string;
  founder: { name: string; email: string };
}): Record<string, string> {
  const team = completeTeam(options.founder).flatMap((member, index) =>
    Object.entries(member).map(([field, value]) => [`team.${index}.${field}`, value] as const),
  );
  return {
    ...COMPLETE_PROJECT,
    ...Object.fromEntries(team),
    preferredSiteId: options.preferredSiteId,
    alternateSiteId: options.alternateSiteId ?? "",
  };
}

/** Stores a fresh PDF the way an upload would and attaches it as the application's pitch deck. */
export async function attachPitchDeck(applicationId: string) {
  const stored = await storeUpload(
    (async function* () {
      yield Uint8Array.from(pdfBuffer());
    })(),
    { maxBytes: MAX_UPLOAD_BYTES, allowed: ALLOWED_TYPES.PITCH_DECK },
  );
  return db.attachment.create({
    data: {
      applicationId,
      kind: "PITCH_DECK",
      fileName: "pitch-deck.pdf",
      mimeType: stored.mimeType,
      size: stored.size,
      sha256: stored.sha256,
      storageKey: stored.storageKey,
    },
  });
}

type ApplicationOptions = {
  founder: { id: string; name: string; email: string };
  call: { id: string };
  site: { id: string };
  alternateSite?: { id: string };
  status?: ApplicationStatus;
  version?: number;
};

/**
 * A complete, valid application with a stored pitch deck: a DRAFT ready to
 * submit unless `status` puts it further along (see recordStatusHistory).
 */
export async function createApplication(options: ApplicationOptions) {
  const status = options.status ?? "DRAFT";
  const application = await db.application.create({
    data: {
      founderId: options.founder.id,
      callId: options.call.id,
      status,
      version: options.version ?? (status === "DRAFT" ? 1 : 2),
      submittedAt: status === "DRAFT" ? null : new Date(),
      ...COMPLETE_PROJECT,
      preferredSiteId: options.site.id,
      alternateSiteId: options.alternateSite?.id ?? null,
      teamMembers: { create: completeTeam(options.founder).map((member, position) => ({ ...member, position })) },
    },
  });
  return { application, pitchDeck: await attachPitchDeck(application.id) };
}

/**
 * The audit trail of the states an application went through, one a day from
 * `start` (a fixed date, so two applications' timelines can be compared).
 */
export function recordStatusHistory(applicationId: string, states: ApplicationStatus[], start = new Date("2026-03-01T09:00:00Z")) {
  return db.auditEvent.createMany({
    data: states.map((toState, index) => ({
      subjectType: "Application",
      subjectId: applicationId,
      type: "TEST_HISTORY",
      fromState: index === 0 ? "DRAFT" : states[index - 1],
      toState,
      createdAt: new Date(start.getTime() + index * DAY_MS),
    })),
  });
}
