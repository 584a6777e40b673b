import { CALL_TITLE_SELECT } from "./reference-data.server.ts";
import { db, type Tx } from "~/db/client.server.ts";
import { CALL_STATUS_CHANGES, type CallStatusChange } from "~/domain/call-status.ts";
import { toLocale, type Sector } from "~/domain/constants.ts";
import { env } from "~/config/env.server.ts";
import { callTitleForEmail, enqueueEmail } from "~/email/outbox.server.ts";
import { peopleConsentingTo } from "./consent.server.ts";
import { UserError } from "~/domain/errors.ts";
import { zonedWallTimeToUtc } from "~/domain/time.ts";
import type { CallSettingsInput, CohortInput, CriterionInput } from "~/schemas/call.ts";
import { applyTransition } from "./lifecycle.server.ts";
import { cohortSeats } from "./offer.server.ts";
import { refreshFollowUpSummaries } from "./follow-up-summary.server.ts";
import { rankingRequested, requestRankingRefresh } from "./scores.server.ts";

function audit(tx: Tx, actorId: string, callId: string, type: string, details: unknown = {}, from?: string, to?: string) {
  return tx.auditEvent.create({
    data: { actorId, subjectType: "Call", subjectId: callId, type, details: JSON.stringify(details), fromState: from, toState: to },
  });
}

function slugify(title: string): string {
  const base = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return base || "appel";
}

function settingsData(input: CallSettingsInput) {
  return {
    title: input.title,
    titleEn: input.titleEn,
    titleAr: input.titleAr,
    description: input.description,
    descriptionEn: input.descriptionEn,
    descriptionAr: input.descriptionAr,
    eligibilityText: input.eligibilityText,
    eligibilityTextEn: input.eligibilityTextEn,
    eligibilityTextAr: input.eligibilityTextAr,
    supportOffer: input.supportOffer,
    supportOfferEn: input.supportOfferEn,
    supportOfferAr: input.supportOfferAr,
    opensAt: zonedWallTimeToUtc(input.opensAt) as Date,
    closesAt: zonedWallTimeToUtc(input.closesAt) as Date,
    reviewersPerApplication: input.reviewersPerApplication,
    blindReview: input.blindReview,
    showReviewerNames: input.showReviewerNames,
    hasInterview: input.hasInterview,
    interviewWeight: input.interviewWeightPercent / 100,
    offerResponseDays: input.offerResponseDays,
    anyMemberAnswersOffer: input.anyMemberAnswersOffer,
  };
}

export function listCalls() {
  return db.call.findMany({
    orderBy: [{ opensAt: "desc" }],
    select: {
      id: true,
      slug: true,
      ...CALL_TITLE_SELECT,
      status: true,
      opensAt: true,
      closesAt: true,
      _count: { select: { applications: true, cohorts: true, criteria: true } },
    },
  });
}

export async function createCall(input: CallSettingsInput, actorId: string) {
  let slug = slugify(input.title);
  for (let n = 2; await db.call.findUnique({ where: { slug }, select: { id: true } }); n++) slug = `${slugify(input.title)}-${n}`;
  return db.$transaction(async (tx) => {
    const call = await tx.call.create({ data: { ...settingsData(input), slug, status: "DRAFT" }, select: { id: true } });
    await audit(tx, actorId, call.id, "CALL_CREATED", { title: input.title }, undefined, "DRAFT");
    return call;
  });
}

export function getCallForAdmin(id: string) {
  return db.call.findUnique({
    where: { id },
    include: {
      criteria: { orderBy: { position: "asc" } },
      cohorts: { orderBy: { site: { sortOrder: "asc" } }, include: { quotas: true, site: { select: { name: true, status: true } } } },
      _count: { select: { applications: true } },
    },
  });
}

export async function updateCallSettings(callId: string, input: CallSettingsInput, actorId: string) {
  const data = settingsData(input);
  const rescored = await db.$transaction(async (tx) => {
    const before = await tx.call.findUniqueOrThrow({ where: { id: callId }, select: { hasInterview: true, interviewWeight: true } });
    await tx.call.update({ where: { id: callId }, data });
    await audit(tx, actorId, callId, "CALL_UPDATED", input);
    // The interview's place in the scores changed: the ranking is recomputed by the background job.
    const rescored = before.hasInterview !== data.hasInterview || before.interviewWeight !== data.interviewWeight;
    if (rescored) await requestRankingRefresh(tx, callId);
    return rescored;
  });
  if (rescored) rankingRequested.notify();
}

/** The rubric is locked once any review of the call exists: scores must keep meaning what they meant. */
export async function rubricIsLocked(callId: string, tx: Tx = db): Promise<boolean> {
  return (await tx.review.count({ where: { assignment: { application: { callId } } } })) > 0;
}

async function ensureRubricEditable(tx: Tx, callId: string) {
  if (await rubricIsLocked(callId, tx)) throw new UserError("callAdmin.rubricLocked", 409);
}

export async function saveCriterion(callId: string, criterionId: string | null, input: CriterionInput, actorId: string) {
  await db.$transaction(async (tx) => {
    await ensureRubricEditable(tx, callId);
    const data = {
      key: input.key,
      weight: input.weightPercent / 100,
      position: input.position,
      label: JSON.stringify(input.label),
      anchors: JSON.stringify(input.anchors),
    };
    const clash = await tx.criterion.findFirst({ where: { callId, key: input.key, ...(criterionId ? { id: { not: criterionId } } : {}) } });
    if (clash) throw new UserError("callAdmin.criterionKeyTaken", 409, { field: "key" });
    if (criterionId && !(await tx.criterion.findFirst({ where: { id: criterionId, callId }, select: { id: true } })))
      throw new UserError("errors.title404", 404);
    if (criterionId) await tx.criterion.update({ where: { id: criterionId, callId }, data });
    else await tx.criterion.create({ data: { ...data, callId } });
    await audit(tx, actorId, callId, criterionId ? "CRITERION_UPDATED" : "CRITERION_ADDED", { key: input.key });
  });
}

export async function deleteCriterion(callId: string, criterionId: string, actorId: string) {
  await db.$transaction(async (tx) => {
    await ensureRubricEditable(tx, callId);
    await tx.criterion.deleteMany({ where: { id: criterionId, callId } });
    await audit(tx, actorId, callId, "CRITERION_REMOVED", { criterionId });
  });
}

export async function saveCohort(callId: string, cohortId: string | null, input: CohortInput, actorId: string) {
  await db.$transaction(async (tx) => {
    const site = await tx.site.findUnique({ where: { id: input.siteId }, select: { id: true } });
    if (!site) throw new UserError("errors.siteUnavailable", 409, { field: "siteId" });
    const clash = await tx.cohort.findFirst({ where: { callId, siteId: input.siteId, ...(cohortId ? { id: { not: cohortId } } : {}) } });
    if (clash) throw new UserError("callAdmin.cohortSiteTaken", 409, { field: "siteId" });
    if (cohortId && !(await tx.cohort.findFirst({ where: { id: cohortId, callId }, select: { id: true } })))
      throw new UserError("errors.title404", 404);
    // Seats taken as the allocator counts them: enrolled, offered, or promised by a confirmed allocation.
    if (cohortId && input.capacity < (await cohortSeats(tx, cohortId)).filled.total)
      throw new UserError("callAdmin.capacityBelowTaken", 409, { field: "capacity" });
    const data = { siteId: input.siteId, name: input.name, startsAt: new Date(`${input.startsAt}T00:00:00Z`), capacity: input.capacity };
    const cohort = cohortId
      ? await tx.cohort.update({ where: { id: cohortId, callId }, data, select: { id: true } })
      : await tx.cohort.create({ data: { ...data, callId }, select: { id: true } });
    await tx.cohortQuota.deleteMany({ where: { cohortId: cohort.id } });
    const quotas = (Object.entries(input.quotas) as [Sector, number | null][]).filter(
      (entry): entry is [Sector, number] => entry[1] !== null,
    );
    if (quotas.length > 0)
      await tx.cohortQuota.createMany({ data: quotas.map(([sector, seats]) => ({ cohortId: cohort.id, sector, seats })) });
    // Its followed projects' survival and 18-month outcome count from its start.
    if (cohortId) await refreshFollowUpSummaries(tx, { cohortId });
    await audit(tx, actorId, callId, cohortId ? "COHORT_UPDATED" : "COHORT_ADDED", input);
  });
}

/**
 * Opens, closes or archives a call. A call opens only with a rubric and at
 * least one cohort; closing it takes every submitted application up for
 * screening (founders can no longer edit them).
 */
export async function changeCallStatus(callId: string, change: CallStatusChange, actorId: string, now = new Date()) {
  await db.$transaction(async (tx) => {
    const call = await tx.call.findUniqueOrThrow({
      where: { id: callId },
      select: { status: true, closesAt: true, slug: true, ...CALL_TITLE_SELECT, _count: { select: { criteria: true, cohorts: true } } },
    });
    const rule = CALL_STATUS_CHANGES[change];
    if (!(rule.from as readonly string[]).includes(call.status)) throw new UserError("callAdmin.statusChangeNotAllowed", 409);
    if (change === "open" && (call._count.criteria === 0 || call._count.cohorts === 0))
      throw new UserError("callAdmin.needsRubricAndCohort", 409);
    await tx.call.update({
      where: { id: callId },
      data: { status: rule.to, ...(change === "close" && now < call.closesAt ? { closesAt: now } : {}) },
    });
    await audit(tx, actorId, callId, `CALL_${change.toUpperCase()}`, {}, call.status, rule.to);
    // Issue 20: those who agreed to hear of future calls hear of this one, each in their language, with it.
    if (change === "open") {
      for (const person of await peopleConsentingTo(tx, "FUTURE_CALLS")) {
        const locale = toLocale(person.locale);
        await enqueueEmail(tx, {
          to: person.email,
          template: "call-opened",
          locale,
          payload: {
            name: person.name,
            callTitle: callTitleForEmail(call, locale),
            callUrl: `${env().APP_URL}/calls/${call.slug}`,
            closesAt: call.closesAt.toISOString(),
            accountUrl: `${env().APP_URL}/account`,
          },
          dedupeKey: `call-opened:${callId}:${person.id}`,
        });
      }
    }
    if (change === "close") {
      const submitted = await tx.application.findMany({ where: { callId, status: "SUBMITTED" }, select: { id: true } });
      for (const { id } of submitted)
        await applyTransition({ applicationId: id, name: "startScreening", actor: { kind: "system" }, now }, tx);
    }
  });
}
