// Rows for the review pipeline tests: a call with a five-criterion rubric,
// reviewers with profiles, applications in REVIEW whose teams sit on their own
// corporate email domains, and helpers to assign and submit reviews.
//
// The reviewer pool is global (an assignment run looks at every active
// reviewer), so `createReviewSetup` retires the reviewers earlier tests of the
// same file created: each test then plans with exactly the reviewers it made.
import crypto from "node:crypto";
import { db } from "~/db/client.server.ts";
import type { ApplicationStatus, Locale, Recommendation, Sector } from "~/domain/constants.ts";
import { saveReview } from "~/models/review.server.ts";
import { totpCode } from "~/domain/two-factor.ts";
import { action as loginAction } from "~/routes/login.tsx";
import { action as secondFactorAction } from "~/routes/login_.two-factor.tsx";
import { ALLOWED_TYPES, MAX_UPLOAD_BYTES, type AttachmentKind } from "~/storage/file-type.ts";
import { storeUpload } from "~/storage/files.server.ts";
import { createTestUser, TEST_PASSWORD, TEST_TOTP_SECRET } from "./factories.ts";
import { COMPLETE_PROJECT, createOpenCall, createSite, DAY_MS, pdfBuffer } from "./intake-factories.ts";
import { callRoute, cookieFrom } from "./remix.ts";

let sequence = 0;
const next = () => `${++sequence}-${process.pid}`;
/** A few lower-case letters that appear nowhere else, to make names searchable in serialized responses. */
const tag = () =>
  crypto
    .randomBytes(6)
    .toString("hex")
    .replace(/\d/g, (d) => "ghijklmnop"[Number(d)]);

// ---------------------------------------------------------------------------
// Rubric

/** Five criteria; the weights sum to 1 so a review's score is easy to check by hand. */
export const RUBRIC = [
  { key: "problem", weight: 0.3, fr: "Problème", en: "Problem", ar: "المشكلة" },
  { key: "solution", weight: 0.25, fr: "Solution", en: "Solution", ar: "الحل" },
  { key: "market", weight: 0.2, fr: "Marché", en: "Market", ar: "السوق" },
  { key: "team", weight: 0.15, fr: "Équipe", en: "Team", ar: "الفريق" },
  { key: "impact", weight: 0.1, fr: "Impact", en: "Impact", ar: "الأثر" },
] as const;

const anchors = (word: string) => [1, 2, 3, 4, 5].map((n) => `${word} ${n}/5`);

/** Σ wᵢ·vᵢ / Σ wᵢ for values given in rubric order — computed here, independently of app/domain/scoring.ts. */
export function expectedScore(values: readonly number[]): number {
  const weights = RUBRIC.map((c) => c.weight);
  return values.reduce((sum, v, i) => sum + v * weights[i], 0) / weights.reduce((a, b) => a + b, 0);
}

export type RubricCriterion = { id: string; key: string; weight: number };

/** A call (OPEN, deadline passed — as when the review stage runs) with a cohort at `sites` and the rubric. */
export async function createReviewCall(options: {
  sites: Array<{ id: string }>;
  reviewersPerApplication?: number;
  blindReview?: boolean;
  hasInterview?: boolean;
}) {
  const base = await createOpenCall({ sites: options.sites, hasInterview: options.hasInterview });
  const call = await db.call.update({
    where: { id: base.id },
    data: {
      closesAt: new Date(Date.now() - DAY_MS),
      reviewersPerApplication: options.reviewersPerApplication ?? 2,
      blindReview: options.blindReview ?? true,
      criteria: {
        create: RUBRIC.map((c, position) => ({
          key: c.key,
          label: JSON.stringify({ fr: c.fr, en: c.en, ar: c.ar }),
          anchors: JSON.stringify({ fr: anchors(c.fr), en: anchors(c.en), ar: anchors(c.ar) }),
          weight: c.weight,
          position,
        })),
      },
    },
  });
  const criteria: RubricCriterion[] = await db.criterion.findMany({
    where: { callId: call.id },
    orderBy: { position: "asc" },
    select: { id: true, key: true, weight: true },
  });
  return { call, criteria };
}

// ---------------------------------------------------------------------------
// People

/** Makes every reviewer created so far inactive, so assignment runs only see the ones made next. */
export async function retireOtherReviewers() {
  await db.user.updateMany({ where: { roles: { some: { role: "REVIEWER" } } }, data: { active: false } });
}

export type ReviewerOptions = {
  name?: string;
  email?: string;
  sectors?: Sector[];
  siteIds?: string[];
  maxLoad?: number;
  locale?: Locale;
  active?: boolean;
};

/** A reviewer with a password (TEST_PASSWORD) and a profile, on their own corporate domain unless `email` says otherwise. */
export async function createReviewer(options: ReviewerOptions = {}) {
  const n = next();
  const user = await createTestUser({
    roles: ["REVIEWER"],
    email: options.email ?? `reviewer-${n}@review-firm-${n}.ma`,
    name: options.name ?? `Reviewer ${n}`,
    locale: options.locale,
  });
  await db.reviewerProfile.create({
    data: {
      userId: user.id,
      sectors: (options.sectors ?? ["NEW_TECH", "GREEN_TECH", "CULTURAL_INDUSTRIES"]).join(","),
      maxLoad: options.maxLoad ?? 10,
      sites: { connect: (options.siteIds ?? []).map((id) => ({ id })) },
    },
  });
  if (options.active === false) await db.user.update({ where: { id: user.id }, data: { active: false } });
  return user;
}

// ---------------------------------------------------------------------------
// Applications

/** Stores a PDF the way an upload would and attaches it under `fileName`. */
export async function attachFile(applicationId: string, fileName: string, kind: AttachmentKind = "PITCH_DECK") {
  const stored = await storeUpload(
    (async function* () {
      yield Uint8Array.from(pdfBuffer());
    })(),
    { maxBytes: MAX_UPLOAD_BYTES, allowed: ALLOWED_TYPES[kind] },
  );
  return db.attachment.create({
    data: {
      applicationId,
      kind,
      fileName,
      mimeType: stored.mimeType,
      size: stored.size,
      sha256: stored.sha256,
      storageKey: stored.storageKey,
    },
  });
}

export type ReviewApplicationOptions = {
  call: { id: string };
  site: { id: string };
  status?: ApplicationStatus;
  version?: number;
  sector?: Sector;
  /** The team's corporate email domain; a fresh one by default. */
  domain?: string;
  /** Extra team members beyond the founder and the co-founder. */
  extraMembers?: Array<{ name: string; email: string; role: string }>;
};

/**
 * A complete application with a founder and a co-founder on one corporate
 * domain, and a pitch deck whose file name names the founder (what blind
 * review must hide). Every name, email and file name is unique to it.
 */
export async function createReviewApplication(options: ReviewApplicationOptions) {
  const n = next();
  const t = tag();
  const domain = options.domain ?? `atlas-${t}.ma`;
  const founderName = `Salma Bennani${t}`;
  const coFounderName = `Omar Chraibi${t}`;
  const founder = await createTestUser({ roles: ["FOUNDER"], email: `salma.${t}@${domain}`, name: founderName });
  const team = [
    { name: founderName, email: founder.email, role: "CEO" },
    { name: coFounderName, email: `omar.${t}@${domain}`, role: "CTO" },
    ...(options.extraMembers ?? []),
  ];
  const status = options.status ?? "REVIEW";
  const application = await db.application.create({
    data: {
      founderId: founder.id,
      callId: options.call.id,
      status,
      version: options.version ?? (status === "DRAFT" ? 1 : 3),
      submittedAt: status === "DRAFT" ? null : new Date(Date.now() - 2 * DAY_MS),
      ...COMPLETE_PROJECT,
      projectName: `Projet ${n}`,
      sector: options.sector ?? COMPLETE_PROJECT.sector,
      preferredSiteId: options.site.id,
      teamMembers: { create: team.map((member, position) => ({ ...member, position })) },
    },
  });
  const deckFileName = `Bennani${t}-pitch-confidentiel.pdf`;
  const attachment = await attachFile(application.id, deckFileName);
  return {
    application,
    founder,
    team,
    domain,
    attachment,
    /** Every string that identifies the team: blind review must never let one through. */
    identities: [founderName, coFounderName, `Bennani${t}`, `Chraibi${t}`, ...team.map((m) => m.email), domain, deckFileName],
  };
}

/**
 * A site, a call with the rubric, an admin and `reviewers` fresh reviewers
 * (the only active ones), and `applications` applications in REVIEW.
 */
export async function createReviewSetup(
  options: {
    applications?: number;
    reviewers?: number | ReviewerOptions[];
    reviewersPerApplication?: number;
    blindReview?: boolean;
    hasInterview?: boolean;
    status?: ApplicationStatus;
  } = {},
) {
  await retireOtherReviewers();
  const site = await createSite();
  const { call, criteria } = await createReviewCall({
    sites: [site],
    reviewersPerApplication: options.reviewersPerApplication,
    blindReview: options.blindReview,
    hasInterview: options.hasInterview,
  });
  const admin = await createTestUser({ roles: ["ADMIN"], name: "Admin Tremplin" });
  const reviewerSpecs =
    typeof options.reviewers === "number" ? Array.from({ length: options.reviewers }, () => ({})) : (options.reviewers ?? []);
  const reviewers = [];
  for (const spec of reviewerSpecs) reviewers.push(await createReviewer(spec));
  const applications = [];
  for (let i = 0; i < (options.applications ?? 0); i++)
    applications.push(await createReviewApplication({ call, site, status: options.status }));
  return { site, call, criteria, admin, reviewers, applications };
}

// ---------------------------------------------------------------------------
// Assignments and reviews

/** Assigns a reviewer directly (no planner), PENDING unless said otherwise. */
export function assignReviewer(
  applicationId: string,
  reviewerId: string,
  options: { stage?: "REVIEW" | "INTERVIEW"; dueInDays?: number } = {},
) {
  return db.reviewAssignment.create({
    data: { applicationId, reviewerId, stage: options.stage ?? "REVIEW", dueAt: new Date(Date.now() + (options.dueInDays ?? 14) * DAY_MS) },
  });
}

/** Criterion values in rubric order, keyed by criterion id. */
export function scoresFor(criteria: readonly RubricCriterion[], values: readonly number[]): Record<string, number> {
  return Object.fromEntries(criteria.map((c, i) => [c.id, values[i]]).filter(([, v]) => v !== undefined));
}

/** Submits (or drafts) a review through the model, as the reviewer page would. */
export async function submitReview(
  assignment: { id: string; reviewerId: string },
  criteria: readonly RubricCriterion[],
  values: readonly number[],
  options: { recommendation?: Recommendation; submit?: boolean; founderFeedback?: string; privateComment?: string } = {},
) {
  const result = await saveReview(
    assignment.id,
    assignment.reviewerId,
    {
      scores: scoresFor(criteria, values),
      privateComment: options.privateComment ?? "",
      founderFeedback: options.founderFeedback ?? "",
      recommendation: options.recommendation ?? "YES",
    },
    options.submit ?? true,
  );
  if (!result) throw new Error(`Assignment ${assignment.id} is not ${assignment.reviewerId}'s`);
  return result;
}

/** The review page's form fields: `scores.<criterionId>` per value given, then the rest. */
export function reviewForm(
  criteria: readonly RubricCriterion[],
  values: ReadonlyArray<number | undefined>,
  extra: { intent: "draft" | "submit"; recommendation?: Recommendation; privateComment?: string; founderFeedback?: string },
): Record<string, string> {
  const form: Record<string, string> = {};
  criteria.forEach((c, i) => {
    if (values[i] !== undefined) form[`scores.${c.id}`] = String(values[i]);
  });
  form.intent = extra.intent;
  form.privateComment = extra.privateComment ?? "";
  form.founderFeedback = extra.founderFeedback ?? "";
  if (extra.recommendation) form.recommendation = extra.recommendation;
  return form;
}

// ---------------------------------------------------------------------------
// Signing in

let logins = 0;

/**
 * Logs in through the login route, each time from a fresh address (clear of the per-IP limit); returns the session
 * cookie. An account with an authenticator (every test admin) goes through the second step with the code of now.
 */
export async function signIn(user: { email: string }, password = TEST_PASSWORD): Promise<string> {
  logins += 1;
  const ip = `192.0.2.${(logins % 250) + 1}`;
  const response = await callRoute(loginAction, { path: "/login", form: { email: user.email, password }, ip });
  if (response.status === 302 && response.headers.get("Location") === "/login/two-factor") {
    const challenge = cookieFrom(response, "tremplin_second_factor");
    // A code is accepted once (tests/integration/two-factor.test.ts holds that rule); here signing in is not the
    // subject, and a file signs its admin in many times within one 30-second step: its last step is forgotten.
    await db.twoFactor.updateMany({ where: { user: { email: user.email.toLowerCase() } }, data: { lastUsedStep: 0 } });
    const second = await callRoute(secondFactorAction, {
      path: "/login/two-factor",
      form: { code: totpCode(TEST_TOTP_SECRET, new Date()) },
      cookie: challenge ?? "",
      ip,
    });
    const cookie = cookieFrom(second);
    if (second.status !== 302 || !cookie) throw new Error(`Second step of ${user.email}'s login failed with status ${second.status}`);
    return cookie;
  }
  const cookie = cookieFrom(response);
  if (response.status !== 302 || !cookie) throw new Error(`Login of ${user.email} failed with status ${response.status}`);
  return cookie;
}
