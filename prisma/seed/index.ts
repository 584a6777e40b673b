/**
 * The demo and benchmark seed (reference data: DESIGN.md §1), planned in memory
 * by purpose, then written in one transaction:
 *
 *   accounts.ts      the admin, reviewers and founders (DEMO_ACCOUNTS)
 *   calls.ts         sites, the open and the closed call, their cohorts; rubrics.ts their criteria
 *   applications.ts  applications in every status, their teams and pitch decks (projects.ts: what they are about)
 *   reviews.ts       review assignments, reviews and scores
 *   decisions.ts     decisions, offers and enrolments
 *   history.ts       each application's audit trail and version, as the app writes them
 *   follow-up.ts     what became of the projects enrolled by earlier cohorts: statuses and check-ins
 *   large-scale.ts   generated reviewers and resized loads and quotas for large seeds
 *   write.ts         multi-row inserts
 *
 * The contents are deterministic: one seeded faker instance drives every choice and
 * every date is an offset from `options.now`, so the same options give the same data
 * (only the ids are random). The command line is prisma/seed.ts.
 */
import { hashPassword } from "~/auth/password.server.ts";
import { APPLICATION_STATUSES, type ApplicationStatus } from "~/domain/constants.ts";
import type { PrismaClient } from "~/generated/prisma/client.ts";
import { refreshCallScores } from "~/models/scores.server.ts";
import { refreshFollowUpSummaries } from "~/models/follow-up-summary.server.ts";
import { openDisagreementDiscussions } from "~/models/discussion.server.ts";
import type { StoredFile } from "~/storage/files.server.ts";
import { onePagePdf } from "../sample-pdf.ts";
import {
  addUser,
  backdateFounderAccounts,
  DEMO_ADMIN,
  DEMO_FOUNDERS,
  DEMO_REVIEWER_COUNT,
  planFounders,
  planReviewers,
} from "./accounts.ts";
import { CLOSED_CALL_STATUS_WEIGHTS, planApplication, planOpenCallStatuses, planStatuses } from "./applications.ts";
import { CLOSED_CALL, OPEN_CALL, planCall, planSites } from "./calls.ts";
import { planQuestions } from "./questions.ts";
import { planDecisionRelease } from "./decisions.ts";
import { reviewerCount, sizeCohorts, sizeReviewerLoads } from "./large-scale.ts";
import { createRandom, type SeedRandom } from "./random.ts";
import { countBy, DAY, elapsedSince, emptyRows, type Planner, type SeedPlan } from "./shared.ts";
import { writePlan } from "./write.ts";
import { planTeams } from "./teams.ts";
import { planFollowUp } from "./follow-up.ts";

export { DEMO_ACCOUNTS, type DemoAccount } from "./accounts.ts";

const FAKER_SEED = 2026;
export const DEFAULT_APPLICATIONS = 40;
/** Every fifth founder also applied to last year's call. */
const CLOSED_CALL_FOUNDER_STRIDE = 5;
/** The earlier calls whose cohorts (2021 to 2025 for a seed run in 2026) the network follows (issue 17). */
const ARCHIVED_CALLS_YEARS_AGO = [2, 3, 4, 5, 6] as const;
/** Projects each earlier call enrolled (only those are kept: the others' applications are long archived). */
const ARCHIVED_CALL_ENROLLED = 30;

export interface SeedOptions {
  /** Password of every seeded account: the install's demo password (demoPassword), never a published one. */
  password: string;
  /**
   * The demo admin's authenticator secret (base32; admins must use two-step verification): the install's
   * (demoTotpSecret). Without it the admin sets one up at their first log-in.
   */
  adminTotpSecret?: string;
  /** Applications on the open call (default 40); the closed call gets one for every fifth founder. */
  applications?: number;
  log?: (line: string) => void;
  /** Reference instant every date is computed from (default: the current time). */
  now?: Date;
}

export interface SeedSummary {
  sites: number;
  calls: number;
  cohorts: number;
  admins: number;
  reviewers: number;
  founders: number;
  /** Applications on every call. */
  applications: number;
  /** Applications on the open call, by status. */
  openCallStatuses: Record<ApplicationStatus, number>;
  reviewAssignments: number;
  reviews: number;
  offers: number;
  durationMs: number;
}

export async function seedDatabase(db: PrismaClient, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const applications = options.applications ?? DEFAULT_APPLICATIONS;
  if (!Number.isInteger(applications) || applications < 0) {
    throw new RangeError(`applications must be a non-negative integer, got ${applications}`);
  }
  const now = options.now ?? new Date();

  if (!options.password) throw new RangeError("seedDatabase needs the demo password");
  const passwordHash = await hashPassword(options.password); // argon2 is slow by design: hash once, reuse
  const pitchDeck = await storeDemoPitchDeck();
  const random = await createRandom(FAKER_SEED);
  const plan = planSeed(random, { applications, now, passwordHash, pitchDeck });
  log(`planned ${plan.applications.length} applications in ${elapsedSince(started)}`);

  await db.$transaction((tx) => writePlan(tx, plan, log), {
    maxWait: 10_000,
    timeout: 10 * 60_000,
  });
  // Normalized scores and ranks come from the same code the app runs after each review.
  const calls = await db.call.findMany({ select: { id: true } });
  await db.$transaction(
    async (tx) => {
      for (const call of calls) {
        await refreshCallScores(call.id, tx);
        // Disagreements of the demo's past: their discussions are open, nobody is emailed now.
        await openDisagreementDiscussions(tx, call.id, now, { notify: false });
      }
      // The followed projects' figures, from their final scores: what the outcomes dashboard reads.
      await refreshFollowUpSummaries(tx, { missing: true });
    },
    { maxWait: 10_000, timeout: 10 * 60_000 },
  );
  log(`scored and ranked in ${elapsedSince(started)}`);
  if (options.adminTotpSecret) {
    const admin = await db.user.findUniqueOrThrow({ where: { email: DEMO_ADMIN.email }, select: { id: true } });
    await db.twoFactor.create({ data: { userId: admin.id, secret: options.adminTotpSecret, confirmedAt: now } });
  }

  const durationMs = Math.round(performance.now() - started);
  log(`seeded in ${(durationMs / 1000).toFixed(1)} s`);
  return summarize(plan, durationMs);
}

/** Deletes every row, children before parents. */
export async function clearDatabase(db: PrismaClient): Promise<void> {
  await db.$transaction([
    db.outboxEmail.deleteMany(),
    db.auditEvent.deleteMany(),
    db.offer.deleteMany(),
    db.reviewScore.deleteMany(),
    db.review.deleteMany(),
    db.reviewAssignment.deleteMany(),
    db.conflictDeclaration.deleteMany(),
    db.conflictOverride.deleteMany(),
    db.attachment.deleteMany(),
    db.teamMember.deleteMany(),
    db.teamMembership.deleteMany(),
    db.teamInvitation.deleteMany(),
    db.application.deleteMany(),
    db.cohortQuota.deleteMany(),
    db.cohort.deleteMany(),
    db.criterion.deleteMany(),
    db.call.deleteMany(),
    db.token.deleteMany(),
    db.session.deleteMany(),
    db.reviewerProfile.deleteMany(), // its site links cascade
    db.userRole.deleteMany(),
    db.user.deleteMany(),
    db.site.deleteMany(),
    db.rateLimit.deleteMany(),
  ]);
}

function planSeed(
  random: SeedRandom,
  { applications, now, passwordHash, pitchDeck }: { applications: number; now: Date; passwordHash: string; pitchDeck: StoredFile },
): SeedPlan {
  const rows = emptyRows();
  const planner: Planner = { random, now: now.getTime(), rows, adminId: "", reviewers: [], sitesBySlug: new Map(), pitchDeck };

  planSites(planner);
  const openCall = planCall(planner, OPEN_CALL);
  planQuestions(planner, openCall);
  const closedCall = planCall(planner, CLOSED_CALL);
  const archivedCalls = ARCHIVED_CALLS_YEARS_AGO.map((yearsAgo) => planCall(planner, { ...CLOSED_CALL, status: "ARCHIVED", yearsAgo }));

  const userCreatedAt = new Date(archivedCalls[archivedCalls.length - 1].opensAt - 30 * DAY);
  planner.adminId = addUser(planner, { ...DEMO_ADMIN, roles: ["ADMIN"], passwordHash, createdAt: userCreatedAt }).id;
  planReviewers(planner, reviewerCount(applications, DEMO_REVIEWER_COUNT), passwordHash, userCreatedAt);
  const founders = planFounders(planner, Math.max(DEMO_FOUNDERS, applications), passwordHash);

  const openCallStatuses = planOpenCallStatuses(random, applications);
  openCallStatuses.forEach((status, index) => planApplication(planner, openCall, founders[index], status));

  const closedCallFounders = founders.filter((_, index) => index % CLOSED_CALL_FOUNDER_STRIDE === CLOSED_CALL_FOUNDER_STRIDE - 1);
  const closedCallFinalStates = Object.keys(CLOSED_CALL_STATUS_WEIGHTS) as ApplicationStatus[];
  const closedCallStatuses = planStatuses(random, closedCallFounders.length, closedCallFinalStates, CLOSED_CALL_STATUS_WEIGHTS);
  closedCallStatuses.forEach((status, index) => planApplication(planner, closedCall, closedCallFounders[index], status));

  archivedCalls.forEach((call, index) => {
    const count = Math.min(ARCHIVED_CALL_ENROLLED, founders.length);
    for (let i = 0; i < count; i++) planApplication(planner, call, founders[(index * 7 + i) % founders.length], "ENROLLED");
  });

  for (const call of [openCall, closedCall, ...archivedCalls]) {
    sizeCohorts(planner, call);
    planDecisionRelease(planner, call);
  }
  // The two most recent cohorts' latest check-ins are still waiting (follow-up.ts).
  planFollowUp(planner, closedCall, { latestPending: true });
  archivedCalls.forEach((call, index) => planFollowUp(planner, call, { latestPending: index === 0 }));
  sizeReviewerLoads(planner, openCall);
  backdateFounderAccounts(planner, founders, openCall);
  planTeams(planner, openCall.id, passwordHash);

  return {
    ...rows,
    adminCount: 1,
    reviewerCount: planner.reviewers.length,
    founderCount: founders.length,
    openCallStatuses: countBy(APPLICATION_STATUSES, openCallStatuses),
  };
}

/**
 * Stores the one-page PDF every seeded application uses as its pitch deck, through
 * the same content-addressed storage as uploads: one file, however many applications.
 */
async function storeDemoPitchDeck(): Promise<StoredFile> {
  // Loaded here, like faker: the storage module reads the configuration.
  const [{ storeUpload }, { ALLOWED_TYPES, MAX_UPLOAD_BYTES }] = await Promise.all([
    import("~/storage/files.server.ts"),
    import("~/storage/file-type.ts"),
  ]);
  const upload = (async function* () {
    yield onePagePdf("Tremplin - pitch deck de demonstration");
  })();
  return storeUpload(upload, { maxBytes: MAX_UPLOAD_BYTES, allowed: ALLOWED_TYPES.PITCH_DECK });
}

function summarize(plan: SeedPlan, durationMs: number): SeedSummary {
  return {
    sites: plan.sites.length,
    calls: plan.calls.length,
    cohorts: plan.cohorts.length,
    admins: plan.adminCount,
    reviewers: plan.reviewerCount,
    founders: plan.founderCount,
    applications: plan.applications.length,
    openCallStatuses: plan.openCallStatuses,
    reviewAssignments: plan.reviewAssignments.length,
    reviews: plan.reviews.length,
    offers: plan.offers.length,
    durationMs,
  };
}
