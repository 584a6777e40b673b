// The invariants every application obeys, however it got there — through the app's
// own functions (tests/integration/invariants.test.ts plays random sequences of
// them) or the demo seed (tests/integration/seed.test.ts). Each returns what breaks
// it, one line per breach, so a test asserts an empty list and a failure names them.
import { db } from "~/db/client.server.ts";
import { SECTORS, type ApplicationStatus } from "~/domain/constants.ts";
import { TRANSITIONS, type TransitionName } from "~/domain/lifecycle.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { validateForSubmission } from "~/models/submission.server.ts";

/** What the submission rule looks at, read here through Prisma, apart from the app's own reader (readSubmissionSubject). */
const SUBMISSION_SELECT = {
  projectName: true,
  tagline: true,
  problem: true,
  solution: true,
  market: true,
  traction: true,
  stage: true,
  sector: true,
  preferredSiteId: true,
  alternateSiteId: true,
  teamMembers: { orderBy: { position: "asc" }, select: { name: true, email: true, role: true } },
  attachments: { select: { kind: true } },
} as const satisfies Prisma.ApplicationSelect;

/** The submission rule (issue 11, point 1): every application past DRAFT is complete and has its pitch deck. */
export async function submissionRuleBreaches(where: Prisma.ApplicationWhereInput): Promise<string[]> {
  const applications = await db.application.findMany({
    where: { AND: [where, { status: { not: "DRAFT" } }] },
    select: { id: true, status: true, submittedAt: true, ...SUBMISSION_SELECT },
  });
  return (
    applications
      // Withdrawn while still a draft: it never went past DRAFT.
      .filter((application) => !(application.status === "WITHDRAWN" && !application.submittedAt))
      .flatMap((application) => {
        const errors = Object.keys(validateForSubmission(application));
        return errors.length > 0
          ? [`${application.status} application ${application.id} breaks the submission rule: ${errors.join(", ")}`]
          : [];
      })
  );
}

/**
 * Seats per cohort as DESIGN.md §5 counts them — applications enrolled there or holding an open
 * or accepted offer there — within its capacity and each of its sector quotas; and no application
 * holds two open offers.
 */
export async function seatBreaches(cohortIds: readonly string[]): Promise<string[]> {
  const breaches: string[] = [];
  const cohorts = await db.cohort.findMany({
    where: { id: { in: [...cohortIds] } },
    select: { id: true, capacity: true, quotas: { select: { sector: true, seats: true } } },
  });
  for (const cohort of cohorts) {
    const holders = await db.application.findMany({
      where: {
        OR: [{ enrolledCohortId: cohort.id }, { offers: { some: { cohortId: cohort.id, status: { in: ["PENDING", "ACCEPTED"] } } } }],
      },
      select: { id: true, sector: true },
    });
    if (holders.length > cohort.capacity)
      breaches.push(`cohort ${cohort.id} holds ${holders.length} seats for a capacity of ${cohort.capacity}`);
    for (const sector of SECTORS) {
      const quota = cohort.quotas.find((q) => q.sector === sector);
      if (!quota) continue;
      const taken = holders.filter((h) => h.sector === sector).length;
      if (taken > quota.seats) breaches.push(`cohort ${cohort.id} holds ${taken} ${sector} seats for a quota of ${quota.seats}`);
    }
  }
  const open = await db.offer.groupBy({
    by: ["applicationId"],
    where: { status: "PENDING", cohortId: { in: [...cohortIds] } },
    _count: { _all: true },
  });
  for (const offers of open)
    if (offers._count._all > 1) breaches.push(`application ${offers.applicationId} holds ${offers._count._all} open offers`);
  return breaches;
}

/**
 * An application's audit trail as applyTransition writes it: from DRAFT, each TRANSITION_<name>
 * event goes from the state the previous one left to its transition's target (app/domain/lifecycle.ts),
 * in time order, and the last state entered is the application's status.
 */
export async function historyBreaches(where: Prisma.ApplicationWhereInput): Promise<string[]> {
  const applications = await db.application.findMany({ where, select: { id: true, status: true } });
  const events = await db.auditEvent.findMany({
    where: { subjectType: "Application", subjectId: { in: applications.map((a) => a.id) }, type: { startsWith: "TRANSITION_" } },
    orderBy: [{ createdAt: "asc" }],
    select: { subjectId: true, type: true, fromState: true, toState: true },
  });
  const breaches: string[] = [];
  for (const application of applications) {
    let state: string = "DRAFT";
    for (const event of events.filter((e) => e.subjectId === application.id)) {
      const transition = TRANSITIONS[event.type.slice("TRANSITION_".length) as TransitionName];
      if (!transition) breaches.push(`${application.id}: unknown transition ${event.type}`);
      else if (
        event.fromState !== state ||
        !(transition.from as readonly ApplicationStatus[]).includes(state as ApplicationStatus) ||
        event.toState !== transition.to
      ) {
        breaches.push(`${application.id}: ${event.type} from ${event.fromState} to ${event.toState} after ${state}`);
      }
      state = event.toState ?? state;
    }
    if (state !== application.status) breaches.push(`${application.id} is ${application.status} but its transitions end in ${state}`);
  }
  return breaches;
}
