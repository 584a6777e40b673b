import { CALL_TITLE_SELECT } from "./reference-data.server.ts";
import { cachedUntilChange } from "~/db/read-cache.server.ts";
import { db, type Tx } from "~/db/client.server.ts";
import { allocate, cohortBlocker, describeReason, type AllocationApplicant, type AllocationResult, type Pin } from "~/domain/allocation.ts";
import type { Locale } from "~/domain/constants.ts";
import { UserError, type MessageParams } from "~/domain/errors.ts";
import type { Actor } from "~/domain/lifecycle.ts";
import { callTitleForEmail, collectQueuedEmails, emailsWithoutSending } from "~/email/outbox.server.ts";
import type { TranslationKey } from "~/i18n/keys.ts";
import { applyTransition, founderApplicationUrl } from "./lifecycle.server.ts";
import { cohortSeats, cohortsSeats, createOffer, offerUrl } from "./offer.server.ts";
import { decisionHiddenWhere } from "./decision-release.server.ts";
import { APPLICATION_NAME_SELECT, APPLICATION_ROW_SELECT } from "./application-select.server.ts";
import { approvedConsensusTexts } from "./consensus.server.ts";
import { refreshRankingInTransaction } from "./scores.server.ts";
import { emailTeam } from "./team.server.ts";
import { previewOfEmails, type EmailsPreview } from "./email-preview.server.ts";

/** The ranked committee and the call's cohorts (with seats already taken), as the allocator wants them. */
async function allocationInput(callId: string, client: Tx) {
  // One after another: `client` may be a transaction, whose statements share its connection (on PostgreSQL,
  // node-postgres deprecates a query sent while another is running on the same client).
  const applications = await client.application.findMany({
    where: { callId, status: "COMMITTEE" },
    orderBy: [{ rank: { sort: "asc", nulls: "last" } }, { id: "asc" }],
    select: { ...APPLICATION_ROW_SELECT, rank: true, preferredSiteId: true, alternateSiteId: true },
  });
  const cohorts = await client.cohort.findMany({
    where: { callId },
    select: { id: true, name: true, capacity: true, site: { select: { id: true, name: true } } },
  });
  const pins = await client.allocationPin.findMany({ where: { application: { callId, status: "COMMITTEE" } } });
  const applicants: AllocationApplicant[] = applications.map((a, index) => ({
    applicationId: a.id,
    // Unscored applications come after every scored one, in a stable order.
    rank: a.rank ?? applications.length + index + 1,
    sector: a.sector ?? "",
    preferredSiteId: a.preferredSiteId,
    alternateSiteId: a.alternateSiteId,
  }));
  const seats = await cohortsSeats(
    client,
    cohorts.map((c) => c.id),
  );
  return {
    applications,
    cohorts,
    applicants,
    seats,
    pins: pins.map((p) => ({
      applicationId: p.applicationId,
      decision: p.decision as Pin["decision"],
      reason: p.reason,
      cohortId: p.cohortId ?? undefined,
    })),
  };
}

/** Why the admin's pins cannot all hold, as a message key with the names it shows (never an id). */
export type PinError = { key: TranslationKey; params: MessageParams };

export type AllocationPreview = AllocationResult & {
  /** Set when the admin's pins cannot all hold (e.g. a forced seat beyond capacity); the preview then ignores pins. */
  pinError: PinError | null;
  rows: Array<
    AllocationResult["placements"][number] & { projectName: string; sector: string; rank: number; summary: string; pinned: boolean }
  >;
  cohorts: Array<{ id: string; name: string; siteName: string }>;
};

/**
 * The allocator's refusal of a pin, told with the project's and the cohort's names: its params carry ids,
 * which never reach a page.
 */
function namedPinError(error: UserError, input: Awaited<ReturnType<typeof allocationInput>>): PinError {
  const { applicationId, cohortId, capacity } = error.params ?? {};
  const project = input.applications.find((a) => a.id === applicationId)?.projectName || "—";
  const cohort = input.cohorts.find((c) => c.id === cohortId);
  return {
    key: error.key,
    params: {
      project,
      ...(cohort ? { cohort: `${cohort.name} (${cohort.site.name})` } : {}),
      ...(capacity !== undefined ? { capacity } : {}),
    },
  };
}

/**
 * What the allocation would decide now: every row with its reason, seats per cohort and quota, on the last
 * computed ranking (the page says when reviews are not counted yet: isRankingUpdating).
 */
export async function previewAllocation(callId: string, client: Tx = db): Promise<AllocationPreview> {
  const input = await allocationInput(callId, client);
  let pinError: PinError | null = null;
  let result: AllocationResult;
  try {
    result = allocate({ cohorts: input.seats, applicants: input.applicants, pins: input.pins });
  } catch (error) {
    // Pins are the admin's input: any pin the allocator cannot honour is reported, not a crash.
    if (!(error instanceof Error) || input.pins.length === 0) throw error;
    pinError = error instanceof UserError ? namedPinError(error, input) : { key: "allocation.pinImpossible", params: {} };
    input.pins = [];
    result = allocate({ cohorts: input.seats, applicants: input.applicants });
  }
  const byId = new Map(input.applications.map((a) => [a.id, a]));
  const rankOf = new Map(input.applicants.map((a) => [a.applicationId, a.rank]));
  const pinned = new Set(input.pins.map((p) => p.applicationId));
  return {
    ...result,
    pinError,
    rows: result.placements.map((placement) => {
      const application = byId.get(placement.applicationId);
      return {
        ...placement,
        projectName: application?.projectName ?? "",
        sector: application?.sector ?? "",
        rank: rankOf.get(placement.applicationId) ?? 0,
        summary: describeReason(placement.reason, application?.sector ?? undefined),
        pinned: pinned.has(placement.applicationId),
      };
    }),
    cohorts: input.cohorts.map((c) => ({ id: c.id, name: c.name, siteName: c.site.name })),
  };
}

export async function setPin(
  callId: string,
  applicationId: string,
  pin: { decision: Pin["decision"]; reason: string; cohortId?: string } | null,
  actorId: string,
) {
  await db.$transaction(async (tx) => {
    // Checked in the transaction that writes the pin: a confirmation that decides the application meanwhile
    // either comes first (no pin) or after (it consumes the pin); never a pin left on a decided application.
    const application = await tx.application.findFirst({ where: { id: applicationId, callId, status: "COMMITTEE" }, select: { id: true } });
    if (!application) throw new UserError("allocation.pinUnknownApplication", 400);
    if (pin?.cohortId && !(await tx.cohort.findFirst({ where: { id: pin.cohortId, callId }, select: { id: true } }))) {
      throw new UserError("allocation.pinUnknownCohort", 400, { field: "cohortId" });
    }
    if (pin) {
      await tx.allocationPin.upsert({
        where: { applicationId },
        create: { applicationId, decision: pin.decision, reason: pin.reason, cohortId: pin.cohortId ?? null },
        update: { decision: pin.decision, reason: pin.reason, cohortId: pin.cohortId ?? null },
      });
    } else {
      await tx.allocationPin.deleteMany({ where: { applicationId } });
    }
    await tx.auditEvent.create({
      data: {
        actorId,
        subjectType: "Application",
        subjectId: applicationId,
        type: pin ? "ALLOCATION_PINNED" : "ALLOCATION_UNPINNED",
        details: JSON.stringify(pin ?? {}),
      },
    });
  });
}

const DECISION_TRANSITION = { ACCEPTED: "accept", WAITLISTED: "waitlist", REJECTED: "reject" } as const;

/**
 * Stages the previewed decisions: each application moves to ACCEPTED,
 * WAITLISTED or REJECTED with its reason, invisible to founders until released.
 * All or nothing, in one transaction.
 */
export async function confirmAllocation(callId: string, actor: Actor): Promise<number> {
  return db.$transaction(async (tx) => {
    // Decided on ranks that count every submitted review: one the background job has not recomputed yet is, here.
    await refreshRankingInTransaction(tx, callId);
    // Computed inside the transaction: no decline, expiry or promotion can take a seat between the plan and its rows.
    const preview = await previewAllocation(callId, tx);
    if (preview.pinError) throw new UserError(preview.pinError.key, 409, { params: preview.pinError.params });
    for (const row of preview.rows) {
      await tx.application.update({ where: { id: row.applicationId }, data: { allocatedCohortId: row.cohortId } });
      await applyTransition({ applicationId: row.applicationId, name: DECISION_TRANSITION[row.decision], actor, reason: row.summary }, tx);
    }
    await tx.allocationPin.deleteMany({ where: { applicationId: { in: preview.rows.map((r) => r.applicationId) } } });
    return preview.rows.length;
  });
}

/** The transitions that give an application a seat: an admin applying one by hand names the cohort. */
export const SEATING_TRANSITIONS = ["accept", "promote"] as const;
export type SeatingTransition = (typeof SEATING_TRANSITIONS)[number];
export const isSeatingTransition = (name: string): name is SeatingTransition => (SEATING_TRANSITIONS as readonly string[]).includes(name);

/**
 * An admin gives an application a seat by hand — accepts it from the committee
 * (staged, like the allocation's decisions) or offers a seat to a founder on
 * the released waitlist — in the cohort they chose. The cohort's capacity and
 * the sector's quota are checked in the same transaction that takes the seat,
 * so parallel moves can never overfill it. A promotion gets its offer and its
 * email at once; an acceptance gets them when the call's decisions are released.
 */
export async function seatByHand(
  input: {
    applicationId: string;
    transition: SeatingTransition;
    cohortId: string | undefined;
    actor: Actor;
    expectedVersion?: number;
    reason?: string;
    now?: Date;
  },
  tx?: Tx,
): Promise<{ status: string; version: number }> {
  if (!tx) return db.$transaction((inner) => seatByHand(input, inner));
  const cohortId = input.cohortId;
  if (!cohortId) throw new UserError("allocation.cohortRequired", 400, { field: "cohortId" });
  const now = input.now ?? new Date();
  const application = await tx.application.findUnique({ where: { id: input.applicationId }, select: { callId: true, sector: true } });
  if (!application) throw new UserError("errors.title404", 404);
  const cohort = await tx.cohort.findFirst({
    where: { id: cohortId, callId: application.callId },
    select: { name: true, startsAt: true, site: { select: { name: true } }, call: { select: { offerResponseDays: true } } },
  });
  if (!cohort) throw new UserError("allocation.pinUnknownCohort", 400, { field: "cohortId" });
  // Read inside the writing transaction (BEGIN IMMEDIATE: no other writer until it ends).
  const blocker = cohortBlocker(await cohortSeats(tx, cohortId), application.sector ?? "");
  if (blocker)
    throw new UserError(blocker === "CAPACITY" ? "allocation.cohortFull" : "allocation.cohortQuotaFull", 409, { field: "cohortId" });
  await tx.application.update({ where: { id: input.applicationId }, data: { allocatedCohortId: cohortId } });
  let emailData: Record<string, string> | undefined;
  if (input.transition === "promote") {
    // The lifecycle refuses a promotion from a staged waitlist, so the founder knows their decision: the offer opens now.
    const offer = await createOffer(tx, input.applicationId, cohortId, cohort.call.offerResponseDays, now);
    emailData = {
      cohortName: cohort.name,
      siteName: cohort.site.name,
      startsAt: cohort.startsAt.toISOString(),
      respondBy: offer.expiresAt.toISOString(),
      offerUrl: offerUrl(input.applicationId),
    };
  }
  const result = await applyTransition(
    {
      applicationId: input.applicationId,
      name: input.transition,
      actor: input.actor,
      expectedVersion: input.expectedVersion,
      reason: input.reason,
      emailData,
      now,
    },
    tx,
  );
  await tx.auditEvent.create({
    data: {
      actorId: input.actor.kind === "user" ? input.actor.id : null,
      subjectType: "Application",
      subjectId: input.applicationId,
      type: "COHORT_CHOSEN",
      details: JSON.stringify({ cohortId, cohortName: cohort.name, siteName: cohort.site.name }),
      createdAt: now,
    },
  });
  return result;
}

/**
 * The call's cohorts with the seats they have left, for an admin choosing one. Kept until the next
 * commit (the read cache): counting a large call's seat holders is most of the admin application
 * page's database time (7 of about 8.5 ms at 20,000 applications), and what it shows changes only with a
 * write. The seat itself is checked again in the transaction that takes it (seatByHand).
 */
export function listCohortChoices(callId: string) {
  return cachedUntilChange(`cohorts:choices:${callId}`, async () => {
    const cohorts = await db.cohort.findMany({
      where: { callId },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true, name: true, site: { select: { name: true } } },
    });
    const seats = await cohortsSeats(
      db,
      cohorts.map((c) => c.id),
    );
    return cohorts.map((c, i) => ({
      id: c.id,
      name: c.name,
      siteName: c.site.name,
      capacity: seats[i].capacity,
      free: Math.max(0, seats[i].capacity - seats[i].filled.total),
    }));
  });
}

/** Staged acceptances without a cohort (left by older versions, or a deleted cohort): each blocks the release until reconsidered. */
export function listUnseatedAcceptances(callId: string) {
  return db.application.findMany({
    where: { callId, ...decisionHiddenWhere(["ACCEPTED"]), allocatedCohortId: null },
    orderBy: { id: "asc" },
    select: APPLICATION_NAME_SELECT,
  });
}

/** Staged decisions of the call that founders have not been told yet. */
export function countStagedDecisions(callId: string) {
  return db.application.count({ where: { callId, ...decisionHiddenWhere() } });
}

/**
 * Releases every staged decision of the call at once: release time, an offer
 * per accepted applicant, and every decision email — one transaction, so
 * either all founders hear or none do. Releasing again finds nothing to send.
 */
type DecisionEmail = { template: "decision-accepted" | "decision-waitlisted" | "decision-rejected"; payload: Record<string, unknown> };

export async function releaseDecisions(
  callId: string,
  actorId: string,
  now = new Date(),
  options: { expectedEmails?: number } = {},
): Promise<number> {
  return db.$transaction(async (tx) => {
    const queued = collectQueuedEmails(tx);
    const released = await releaseIn(tx, callId, actorId, now);
    // The admin confirmed a preview of this many emails: anything else is not what they agreed to send.
    if (options.expectedEmails !== undefined && queued.length !== options.expectedEmails) throw new UserError("emailPreview.changed", 409);
    return released;
  });
}

/** The emails releasing the call's decisions would send now, without releasing anything (issue 18). */
export async function previewRelease(callId: string, actorId: string, now = new Date()): Promise<EmailsPreview> {
  return previewOfEmails(await emailsWithoutSending((tx) => releaseIn(tx, callId, actorId, now)));
}

async function releaseIn(tx: Tx, callId: string, actorId: string, now: Date): Promise<number> {
  const call = await tx.call.findUniqueOrThrow({
    where: { id: callId },
    select: { ...CALL_TITLE_SELECT, offerResponseDays: true },
  });
  const staged = await tx.application.findMany({
    where: { callId, ...decisionHiddenWhere() },
    select: {
      id: true,
      status: true,
      projectName: true,
      allocatedCohortId: true,
      founder: { select: { email: true, name: true, locale: true } },
      allocatedCohort: { select: { name: true, startsAt: true, site: { select: { name: true } } } },
    },
  });
  // The reviewers' one approved text, never their own notes (issue 18).
  const feedbackOf = await approvedConsensusTexts(
    tx,
    staged.map((application) => application.id),
  );
  for (const application of staged) {
    await tx.application.update({ where: { id: application.id }, data: { decisionReleasedAt: now } });
    const applicationUrl = founderApplicationUrl(application.id);
    let decision: ((locale: Locale) => DecisionEmail) | null = null;
    if (application.status === "ACCEPTED") {
      // An acceptance made outside the allocation has no seat to offer: release nothing until it has one.
      if (!application.allocatedCohortId || !application.allocatedCohort)
        throw new UserError("allocation.acceptedWithoutCohort", 409, { params: { project: application.projectName } });
      const offer = await createOffer(tx, application.id, application.allocatedCohortId, call.offerResponseDays, now);
      const cohort = application.allocatedCohort;
      decision = () => ({
        template: "decision-accepted",
        payload: {
          cohortName: cohort.name,
          siteName: cohort.site.name,
          startsAt: cohort.startsAt.toISOString(),
          respondBy: offer.expiresAt.toISOString(),
          offerUrl: offerUrl(application.id),
        },
      });
    } else if (application.status === "WAITLISTED") {
      decision = (locale) => ({
        template: "decision-waitlisted",
        payload: { callTitle: callTitleForEmail(call, locale), feedback: feedbackOf.get(application.id), applicationUrl },
      });
    } else if (application.status === "REJECTED") {
      const feedback = feedbackOf.get(application.id);
      decision = (locale) => ({
        template: "decision-rejected",
        payload: { callTitle: callTitleForEmail(call, locale), feedback, applicationUrl },
      });
    }
    // Every member of the team hears the decision, each in their own language.
    if (decision) {
      const emailOf = decision;
      await emailTeam(
        tx,
        application.id,
        application.founder,
        emailOf("fr").template,
        `decision:${application.id}`,
        (recipient, locale) => ({ name: recipient.name, projectName: application.projectName, ...emailOf(locale).payload }) as never,
      );
    }
    await tx.auditEvent.create({
      data: {
        actorId,
        subjectType: "Application",
        subjectId: application.id,
        type: "DECISION_RELEASED",
        toState: application.status,
        createdAt: now,
      },
    });
  }
  await tx.auditEvent.create({
    data: {
      actorId,
      subjectType: "Call",
      subjectId: callId,
      type: "DECISIONS_RELEASED",
      details: JSON.stringify({ count: staged.length }),
      createdAt: now,
    },
  });
  return staged.length;
}
