import { CALL_TITLE_SELECT } from "./reference-data.server.ts";
import { notify, teamUserIds } from "./notification.server.ts";
import { recordConsent } from "./consent.server.ts";
import { db, type Tx } from "~/db/client.server.ts";
import { pickPromotion, type AllocationApplicant, type AllocationCohort } from "~/domain/allocation.ts";
import { toLocale, type OfferStatus } from "~/domain/constants.ts";
import { offerExpiresAt } from "~/domain/offer.ts";
import { UserError } from "~/domain/errors.ts";
import { callTitleForEmail, enqueueEmail } from "~/email/outbox.server.ts";
import { decisionHiddenSql, decisionReleasedWhere, founderVisibleWhere } from "./decision-release.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { applyTransition, founderApplicationUrl } from "./lifecycle.server.ts";
import { refreshRankingInTransaction } from "./scores.server.ts";
import { emailTeam, onTeamWhere } from "./team.server.ts";

const HOUR = 3_600_000;
export const OFFER_REMINDER_BEFORE_MS = 48 * HOUR;
export const CLOSING_SOON_BEFORE_MS = 72 * HOUR;
const TAKEN_OFFER_STATUSES: OfferStatus[] = ["PENDING", "ACCEPTED"];

export const offerUrl = (applicationId: string) => founderApplicationUrl(applicationId, "/offer");

/**
 * A cohort's seats as the allocator sees them: taken by enrolled founders and by
 * offers still open or accepted. Derived from rows, never from a counter, so
 * concurrent declines cannot make it drift.
 */
export async function cohortSeats(tx: Tx, cohortId: string): Promise<Required<AllocationCohort>> {
  const [seats] = await cohortsSeats(tx, [cohortId]);
  return seats;
}

/**
 * The seats of several cohorts (see `cohortSeats`), in the order of `cohortIds`: the same three
 * queries for any number of cohorts, not six per cohort (a call's cohorts are listed on every
 * page where an admin can seat an application).
 */
export async function cohortsSeats(tx: Tx, cohortIds: readonly string[]): Promise<Required<AllocationCohort>[]> {
  if (cohortIds.length === 0) return [];
  const unique = [...new Set(cohortIds)];
  const ids = Prisma.join(unique);
  // One after another: statements of a transaction share its connection (on PostgreSQL, node-postgres deprecates a
  // query sent while another is running on the same client).
  const cohorts = await tx.cohort.findMany({
    where: { id: { in: unique } },
    select: { id: true, siteId: true, capacity: true, quotas: { select: { sector: true, seats: true } } },
  });
  // Counted by the database, not read row by row: a large call's cohorts have thousands of holders. Each
  // source is an indexed read (one OR holding an EXISTS scanned every application); UNION counts
  // an application once per cohort (an enrolled founder keeps the offer they accepted).
  const filled = await tx.$queryRaw<Array<{ cohortId: string; sector: string | null; holders: number | bigint }>>`
      SELECT "cohortId", "sector", COUNT(*) AS "holders" FROM (
        SELECT "enrolledCohortId" AS "cohortId", "id", "sector" FROM "Application" WHERE "enrolledCohortId" IN (${ids})
        UNION
        SELECT "Offer"."cohortId", "Application"."id", "Application"."sector"
          FROM "Offer" JOIN "Application" ON "Application"."id" = "Offer"."applicationId"
          WHERE "Offer"."cohortId" IN (${ids}) AND "Offer"."status" IN (${Prisma.join(TAKEN_OFFER_STATUSES)})
        UNION
        -- Staged by a confirmed allocation, not yet released: the seat is promised already.
        SELECT "allocatedCohortId", "id", "sector" FROM "Application"
          WHERE "allocatedCohortId" IN (${ids}) AND ${decisionHiddenSql(["ACCEPTED"])}
      ) AS "holder" GROUP BY "cohortId", "sector"`;
  const seats = new Map(
    cohorts.map((cohort) => [
      cohort.id,
      {
        id: cohort.id,
        siteId: cohort.siteId,
        capacity: cohort.capacity,
        quotas: Object.fromEntries(cohort.quotas.map((q) => [q.sector, q.seats])),
        filled: { total: 0, bySector: {} as Record<string, number> },
      },
    ]),
  );
  for (const row of filled) {
    const { filled: cohortFilled } = seats.get(row.cohortId)!;
    cohortFilled.total += Number(row.holders);
    if (row.sector) cohortFilled.bySector[row.sector] = Number(row.holders);
  }
  return cohortIds.map((cohortId) => seats.get(cohortId) ?? noSuchCohort(cohortId));
}

function noSuchCohort(cohortId: string): never {
  throw new Error(`No cohort ${cohortId}`);
}

/** Creates the open offer of a seat, its deadline counted from now. */
export async function createOffer(tx: Tx, applicationId: string, cohortId: string, responseDays: number, now: Date) {
  return tx.offer.create({
    data: { applicationId, cohortId, status: "PENDING", expiresAt: offerExpiresAt(now, responseDays) },
    select: { id: true, expiresAt: true },
  });
}

/**
 * Gives a freed seat to the best-ranked waitlisted applicant whose site and
 * sector quota fit it: new offer, promotion email. Returns who got it.
 */
async function promoteIntoSeat(tx: Tx, cohortId: string, now: Date): Promise<string | null> {
  const seats = await cohortSeats(tx, cohortId);
  if (seats.filled.total >= seats.capacity) return null;
  const cohort = await tx.cohort.findUniqueOrThrow({
    where: { id: cohortId },
    select: { name: true, startsAt: true, callId: true, site: { select: { name: true } }, call: { select: { offerResponseDays: true } } },
  });
  // The best-ranked by every submitted review: a ranking the background job has not recomputed yet is, here.
  await refreshRankingInTransaction(tx, cohort.callId, now);
  const waitlisted = await tx.application.findMany({
    where: { callId: cohort.callId, ...decisionReleasedWhere(["WAITLISTED"]) },
    select: { id: true, rank: true, sector: true, preferredSiteId: true, alternateSiteId: true, version: true },
  });
  const waitlist: AllocationApplicant[] = waitlisted.map((a) => ({
    applicationId: a.id,
    rank: a.rank ?? Number.MAX_SAFE_INTEGER,
    sector: a.sector ?? "",
    preferredSiteId: a.preferredSiteId,
    alternateSiteId: a.alternateSiteId,
  }));
  const chosen = pickPromotion({ cohort: seats, waitlist });
  if (!chosen) return null;
  const offer = await createOffer(tx, chosen.applicationId, cohortId, cohort.call.offerResponseDays, now);
  await tx.application.update({ where: { id: chosen.applicationId }, data: { allocatedCohortId: cohortId } });
  await applyTransition(
    {
      applicationId: chosen.applicationId,
      name: "promote",
      actor: { kind: "system" },
      now,
      emailData: {
        cohortName: cohort.name,
        siteName: cohort.site.name,
        startsAt: cohort.startsAt.toISOString(),
        respondBy: offer.expiresAt.toISOString(),
        offerUrl: offerUrl(chosen.applicationId),
      },
    },
    tx,
  );
  return chosen.applicationId;
}

/** Who answers a team's seat offer: its lead, or any member when the call lets them. */
function mayAnswerOffer(application: { founderId: string; call: { anyMemberAnswersOffer: boolean } }, userId: string): boolean {
  return application.founderId === userId || application.call.anyMemberAnswersOffer;
}

/**
 * The team's open or last offer, with its cohort, as a member of the team (the lead or another) sees it,
 * and whether this member may answer it.
 */
export async function getFounderOffer(applicationId: string, userId: string) {
  const offer = await db.offer.findFirst({
    // Offers open at the release: none shows while the decision is hidden.
    where: { applicationId, application: { AND: [founderVisibleWhere(), onTeamWhere(userId)] } },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      status: true,
      expiresAt: true,
      application: {
        select: {
          id: true,
          version: true,
          projectName: true,
          status: true,
          founderId: true,
          call: { select: { anyMemberAnswersOffer: true } },
        },
      },
      cohort: { select: { name: true, startsAt: true, site: { select: { name: true, nameAr: true } } } },
    },
  });
  if (!offer) return null;
  const { founderId, call, ...application } = offer.application;
  return { ...offer, application, canAnswer: mayAnswerOffer({ founderId, call }, userId) };
}

/**
 * A member of the team accepts (enrolled) or declines (the seat goes to the waitlist): the lead, or any
 * member when the call lets them; anyone else on the team is refused. The offer changes state with a
 * compare-and-set, so a response racing the expiry, another member's answer or a second click gets a
 * clear refusal and the seat is counted once.
 */
export async function respondToOffer(
  applicationId: string,
  founder: { id: string; roles: readonly string[] },
  accept: boolean,
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    // Read in the transaction that answers: a lead handed over meanwhile is seen here.
    const team = await tx.application.findFirst({
      where: { id: applicationId, ...onTeamWhere(founder.id) },
      select: { founderId: true, call: { select: { anyMemberAnswersOffer: true } } },
    });
    if (!team) throw new UserError("offer.noLongerAvailable", 409);
    if (!mayAnswerOffer(team, founder.id)) throw new UserError("teams.errors.leadOnly", 403);
    const offer = await tx.offer.findFirst({
      where: { applicationId, status: "PENDING" },
      select: {
        id: true,
        cohortId: true,
        expiresAt: true,
        cohort: { select: { name: true, startsAt: true, site: { select: { name: true } } } },
      },
    });
    if (!offer) throw new UserError("offer.noLongerAvailable", 409);
    const { count } = await tx.offer.updateMany({
      // isOfferOpen (app/domain/offer.ts) as a compare-and-set: pending and before its deadline.
      where: { id: offer.id, status: "PENDING", expiresAt: { gt: now } },
      data: { status: accept ? "ACCEPTED" : "DECLINED", respondedAt: now },
    });
    // Lost: past its deadline, or answered meanwhile (by another member of the team, or a second click).
    if (count === 0) throw new UserError(offer.expiresAt > now ? "offer.noLongerAvailable" : "offer.expired", 409);
    // Whoever answered is the actor of the transition (and of its audit event), for the lead.
    const actor = { kind: "user" as const, id: founder.id, roles: founder.roles as never };
    if (accept) {
      // Accepting the seat is agreeing to the follow-up of enrolled teams (issue 20): the offer page says so.
      await recordConsent(tx, founder.id, "FOLLOW_UP", now);
      await tx.application.update({ where: { id: applicationId }, data: { enrolledCohortId: offer.cohortId } });
      await applyTransition(
        {
          applicationId,
          name: "enroll",
          actor,
          forLead: true,
          now,
          emailData: { cohortName: offer.cohort.name, siteName: offer.cohort.site.name, startsAt: offer.cohort.startsAt.toISOString() },
        },
        tx,
      );
      return { enrolled: true, promoted: null };
    }
    await applyTransition({ applicationId, name: "decline", actor, forLead: true, now }, tx);
    // The team's answer is confirmed by email to every member (an offer that expires says so with offer-expired instead).
    const declined = await tx.application.findUniqueOrThrow({
      where: { id: applicationId },
      select: {
        projectName: true,
        call: { select: CALL_TITLE_SELECT },
        founder: { select: { email: true, name: true, locale: true } },
      },
    });
    await emailTeam(tx, applicationId, declined.founder, "offer-declined", `offer-declined:${offer.id}`, (recipient, locale) => ({
      name: recipient.name,
      projectName: declined.projectName,
      callTitle: callTitleForEmail(declined.call, locale),
      applicationUrl: founderApplicationUrl(applicationId),
    }));
    return { enrolled: false, promoted: await promoteIntoSeat(tx, offer.cohortId, now) };
  });
}

/** A team email's dedupe key: the lead's as it always was, each other member's with their id. */
/** Offers past their deadline (isPastDeadline, app/domain/offer.ts) expire one by one, each freeing its seat for the waitlist. */
export async function expireOffers(now: Date): Promise<number> {
  const due = await db.offer.findMany({ where: { status: "PENDING", expiresAt: { lte: now } }, select: { id: true } });
  let expired = 0;
  for (const { id } of due) {
    await db.$transaction(async (tx) => {
      const { count } = await tx.offer.updateMany({
        where: { id, status: "PENDING", expiresAt: { lte: now } },
        data: { status: "EXPIRED" },
      });
      if (count === 0) return; // the founder answered first
      const offer = await tx.offer.findUniqueOrThrow({
        where: { id },
        select: {
          cohortId: true,
          cohort: { select: { name: true } },
          application: {
            select: { id: true, status: true, projectName: true, founder: { select: { email: true, name: true, locale: true } } },
          },
        },
      });
      // Normally the founder is still ACCEPTED; one who left meanwhile just loses the offer.
      if (offer.application.status !== "ACCEPTED") {
        await promoteIntoSeat(tx, offer.cohortId, now);
        return;
      }
      await applyTransition(
        { applicationId: offer.application.id, name: "decline", actor: { kind: "system" }, now, reason: "offer expired" },
        tx,
      );
      // Every member of the team hears it, each in their own language.
      await emailTeam(tx, offer.application.id, offer.application.founder, "offer-expired", `offer-expired:${id}`, (recipient) => ({
        name: recipient.name,
        projectName: offer.application.projectName,
        cohortName: offer.cohort.name,
        applicationUrl: founderApplicationUrl(offer.application.id),
      }));
      await promoteIntoSeat(tx, offer.cohortId, now);
      expired += 1;
    });
  }
  return expired;
}

/** One reminder per offer, 48 h before it expires. */
export async function remindOffers(now: Date): Promise<number> {
  const due = await db.offer.findMany({
    where: { status: "PENDING", remindedAt: null, expiresAt: { gt: now, lte: new Date(now.getTime() + OFFER_REMINDER_BEFORE_MS) } },
    select: {
      id: true,
      expiresAt: true,
      cohort: { select: { name: true } },
      application: { select: { id: true, projectName: true, founder: { select: { email: true, name: true, locale: true } } } },
    },
  });
  for (const offer of due) {
    await db.$transaction(async (tx) => {
      const { count } = await tx.offer.updateMany({ where: { id: offer.id, remindedAt: null }, data: { remindedAt: now } });
      if (count === 0) return;
      // Every member of the team is reminded, each in their own language.
      await emailTeam(tx, offer.application.id, offer.application.founder, "offer-reminder", `offer-reminder:${offer.id}`, (recipient) => ({
        name: recipient.name,
        projectName: offer.application.projectName,
        cohortName: offer.cohort.name,
        expiresAt: offer.expiresAt.toISOString(),
        offerUrl: offerUrl(offer.application.id),
      }));
      await notify(
        tx,
        await teamUserIds(tx, offer.application.id),
        {
          kind: "OFFER_EXPIRING",
          projectName: offer.application.projectName,
          path: `/founder/applications/${offer.application.id}/offer`,
        },
        now,
      );
    });
  }
  return due.length;
}

/** Founders with an unsubmitted draft hear once, 72 h before the deadline. */
export async function remindClosingCalls(now: Date): Promise<number> {
  const drafts = await db.application.findMany({
    where: { status: "DRAFT", call: { status: "OPEN", closesAt: { gt: now, lte: new Date(now.getTime() + CLOSING_SOON_BEFORE_MS) } } },
    select: {
      id: true,
      founder: { select: { email: true, name: true, locale: true } },
      call: { select: { ...CALL_TITLE_SELECT, closesAt: true } },
    },
  });
  await db.$transaction(async (tx) => {
    for (const draft of drafts) {
      await enqueueEmail(tx, {
        to: draft.founder.email,
        template: "call-closing-soon",
        locale: toLocale(draft.founder.locale),
        payload: {
          name: draft.founder.name,
          callTitle: callTitleForEmail(draft.call, toLocale(draft.founder.locale)),
          closesAt: draft.call.closesAt.toISOString(),
          draftUrl: founderApplicationUrl(draft.id, "/edit/project"),
        },
        dedupeKey: `call-closing-soon:${draft.id}`,
      });
    }
  });
  return drafts.length;
}

/** The time-driven side of offers and calls, run by the background worker. */
export async function runScheduledJobs(now = new Date()) {
  return { reminded: await remindOffers(now), expired: await expireOffers(now), closingSoon: await remindClosingCalls(now) };
}

/**
 * The founder withdraws: one lifecycle transition, and an open seat offer is
 * revoked and its seat offered on at once, in the same transaction.
 */
export async function withdrawApplication(
  applicationId: string,
  founder: { id: string; roles: readonly string[] },
  expectedVersion: number,
  now = new Date(),
) {
  await db.$transaction(async (tx) => {
    await applyTransition(
      { applicationId, name: "withdraw", actor: { kind: "user", id: founder.id, roles: founder.roles as never }, expectedVersion, now },
      tx,
    );
    const open = await tx.offer.findMany({ where: { applicationId, status: "PENDING" }, select: { id: true, cohortId: true } });
    for (const offer of open) {
      await tx.offer.update({ where: { id: offer.id }, data: { status: "REVOKED", respondedAt: now } });
      await promoteIntoSeat(tx, offer.cohortId, now);
    }
  });
}
