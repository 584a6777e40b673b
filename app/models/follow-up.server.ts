// Follow-up after enrollment (issue 17): each cohort's plan of check-ins, the check-ins themselves (opened
// and reminded by the scheduled jobs, answered once by the team or by an admin for it), and the moves of
// the projects through the follow-up statuses, each by the one lifecycle function.
import { notify, teamUserIds } from "./notification.server.ts";
import { db, type Tx } from "~/db/client.server.ts";
import { UserError } from "~/domain/errors.ts";
import { FOLLOW_UP_STATUSES, type ApplicationStatus } from "~/domain/constants.ts";
import type { Actor } from "~/domain/lifecycle.ts";
import { checkInDueDates, DEFAULT_CHECK_IN_MONTHS, REMINDER_DAYS, reminderDue } from "~/domain/outcomes.ts";
import { SUPPORT_TRACKS } from "~/domain/check-in-options.ts";
import type { CheckInAnswers } from "~/schemas/check-in.ts";
import { applyTransition, founderApplicationUrl } from "./lifecycle.server.ts";
import { emailTeam, isTeamMember } from "./team.server.ts";
import { refreshFollowUpSummaries } from "./follow-up-summary.server.ts";

type SupportTrack = (typeof SUPPORT_TRACKS)[number];

export type FollowUpPlanValues = { months: number[]; tracks: SupportTrack[] };

/** The statuses from which a project owes check-ins: enrolled, and followed until it ceases. */
const OWING: ApplicationStatus[] = ["ENROLLED", "INCUBATING", "GRADUATED", "LEFT_EARLY"];

const splitList = (text: string) => text.split(",").filter((item) => item !== "");

/** A cohort's plan, or the default one (6, 12 and 18 months, then yearly to 5 years; every track). */
export async function readFollowUpPlan(cohortId: string, client: Tx = db): Promise<FollowUpPlanValues> {
  const plan = await client.followUpPlan.findUnique({ where: { cohortId } });
  if (!plan) return { months: [...DEFAULT_CHECK_IN_MONTHS], tracks: [...SUPPORT_TRACKS] };
  return {
    months: splitList(plan.months).map(Number),
    tracks: splitList(plan.tracks).filter((track): track is SupportTrack => (SUPPORT_TRACKS as readonly string[]).includes(track)),
  };
}

/** An admin sets the cohort's plan (audited); the check-ins of its projects follow it at once. */
export async function saveFollowUpPlan(cohortId: string, plan: FollowUpPlanValues, actorId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const cohort = await tx.cohort.findUnique({ where: { id: cohortId }, select: { id: true } });
    if (!cohort) throw new UserError("errors.title404", 404);
    const data = { months: plan.months.join(","), tracks: plan.tracks.join(",") };
    await tx.followUpPlan.upsert({ where: { cohortId }, create: { cohortId, ...data }, update: data });
    await tx.auditEvent.create({
      data: { actorId, subjectType: "Cohort", subjectId: cohortId, type: "FOLLOW_UP_PLAN_SAVED", details: JSON.stringify(plan) },
    });
    await scheduleCheckIns(tx, cohortId);
  });
}

/**
 * Makes the check-ins of the cohort's projects (or of one of them, `applicationId`) match its plan: one per
 * month of the plan for every project that owes them (the unique (application, months) keeps one, whoever
 * inserts it), and those of months no longer planned removed while nobody was asked for them yet.
 */
export async function scheduleCheckIns(tx: Tx, cohortId: string, applicationId?: string): Promise<void> {
  const cohort = await tx.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { startsAt: true } });
  const { months } = await readFollowUpPlan(cohortId, tx);
  const scope = { enrolledCohortId: cohortId, ...(applicationId ? { id: applicationId } : {}) };
  const owing = await tx.application.findMany({ where: { ...scope, status: { in: OWING } }, select: { id: true } });
  // checkInDueDates sorts the months and drops repeats: the same order here.
  const planned = [...new Set(months)].sort((a, b) => a - b);
  const dueDates = checkInDueDates(cohort.startsAt, planned);
  for (const application of owing) {
    for (const [index, monthsAfter] of planned.entries()) {
      // Prisma sends this as one INSERT … ON CONFLICT DO NOTHING-like upsert: nothing to update when it exists.
      await tx.checkIn.upsert({
        where: { applicationId_monthsAfter: { applicationId: application.id, monthsAfter } },
        create: { applicationId: application.id, monthsAfter, dueAt: dueDates[index] },
        update: {},
      });
    }
  }
  await tx.checkIn.deleteMany({ where: { application: scope, monthsAfter: { notIn: planned }, openedAt: null, submittedAt: null } });
}

const CHECK_IN_SELECT = {
  id: true,
  applicationId: true,
  monthsAfter: true,
  dueAt: true,
  openedAt: true,
  remindersSent: true,
  draft: true,
  answers: true,
  submittedAt: true,
  onBehalf: true,
  application: {
    select: {
      id: true,
      projectName: true,
      status: true,
      founder: { select: { email: true, name: true, locale: true } },
      enrolledCohort: { select: { id: true, name: true, startsAt: true, site: { select: { name: true } } } },
    },
  },
} as const;

/** The check-in, for a member of the project's team (null for anyone else: the page is not found). */
export async function getCheckInForTeam(applicationId: string, checkInId: string, userId: string) {
  const checkIn = await db.checkIn.findFirst({ where: { id: checkInId, applicationId }, select: CHECK_IN_SELECT });
  if (!checkIn || !(await isTeamMember(applicationId, userId))) return null;
  return checkIn;
}

/**
 * What a check-in's page shows: the project, the tracks its cohort rates, and the answers once submitted or
 * the draft as last autosaved (flat, as the form names its fields).
 */
export async function checkInView(checkIn: CheckInRow) {
  const cohort = checkIn.application.enrolledCohort;
  const { tracks } = cohort ? await readFollowUpPlan(cohort.id) : { tracks: [...SUPPORT_TRACKS] };
  const draft = JSON.parse(checkIn.draft) as Record<string, unknown>;
  const { support, ...fields } = draft;
  const flatDraft: Record<string, unknown> = { ...fields };
  if (support && typeof support === "object") for (const [track, rating] of Object.entries(support)) flatDraft[`support.${track}`] = rating;
  return {
    id: checkIn.id,
    applicationId: checkIn.applicationId,
    projectName: checkIn.application.projectName,
    cohortName: cohort?.name ?? "",
    monthsAfter: checkIn.monthsAfter,
    onBehalf: checkIn.onBehalf,
    tracks,
    draft: flatDraft,
    submitted: checkIn.answers ? (JSON.parse(checkIn.answers) as CheckInAnswers) : null,
  };
}

/** The check-in, for an admin. */
export function getCheckIn(checkInId: string) {
  return db.checkIn.findUnique({ where: { id: checkInId }, select: CHECK_IN_SELECT });
}

/** The form's autosave: kept until the check-in is submitted, refused after. */
export async function saveCheckInDraft(checkInId: string, values: Record<string, unknown>, now = new Date()): Promise<void> {
  const { count } = await db.checkIn.updateMany({
    where: { id: checkInId, submittedAt: null, dueAt: { lte: now } },
    data: { draft: JSON.stringify(values) },
  });
  if (count === 0) throw new UserError("followUp.errors.closed", 409);
}

/**
 * Records the answers of a due check-in, once: the write is conditional on the check-in being unanswered,
 * so two submissions at once record one and refuse the other. Audited; a project that says it no longer
 * operates is moved to CEASED by the lifecycle, in the same transaction.
 */
export async function submitCheckIn(
  checkInId: string,
  answers: CheckInAnswers,
  by: { userId: string; onBehalf: boolean },
  now = new Date(),
): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.checkIn.updateMany({
      where: { id: checkInId, submittedAt: null, dueAt: { lte: now } },
      data: {
        answers: JSON.stringify(answers),
        submittedAt: now,
        submittedById: by.userId,
        onBehalf: by.onBehalf,
        draft: "{}",
        operating: answers.operating,
        ceasedOn: answers.operating || !answers.ceasedOn ? null : new Date(`${answers.ceasedOn}T00:00:00Z`),
        fullTimeJobs: answers.fullTimeJobs,
        partTimeJobs: answers.partTimeJobs,
        exportShare: answers.exportShare,
        fundingAmount: answers.fundingAmount,
      },
    });
    if (count === 0) {
      // Nothing written: say why, from what the transaction reads now.
      const found = await tx.checkIn.findUnique({
        where: { id: checkInId },
        select: { submittedAt: true, submittedById: true, onBehalf: true, answers: true },
      });
      if (!found) throw new UserError("errors.title404", 404);
      // The same person sending the same answers again is the one submission arriving twice (a double click,
      // or a browser resending a post whose connection a load balancer closed): it landed, so say so.
      const sameAgain = found.submittedById === by.userId && found.onBehalf === by.onBehalf && found.answers === JSON.stringify(answers);
      if (sameAgain) return;
      throw new UserError(found.submittedAt ? "followUp.errors.alreadySubmitted" : "followUp.errors.closed", 409);
    }
    const checkIn = await tx.checkIn.findUniqueOrThrow({
      where: { id: checkInId },
      select: { applicationId: true, monthsAfter: true, application: { select: { status: true } } },
    });
    await tx.auditEvent.create({
      data: {
        actorId: by.userId,
        subjectType: "Application",
        subjectId: checkIn.applicationId,
        type: by.onBehalf ? "CHECK_IN_RECORDED_FOR_TEAM" : "CHECK_IN_SUBMITTED",
        details: JSON.stringify({ checkInId, monthsAfter: checkIn.monthsAfter }),
      },
    });
    if (!answers.operating && checkIn.application.status !== "CEASED" && checkIn.application.status !== "ENROLLED") {
      const actor: Actor = { kind: "system" };
      await applyTransition({ applicationId: checkIn.applicationId, name: "cease", actor, reason: answers.ceasedReason ?? "", now }, tx);
    }
    await refreshFollowUpSummaries(tx, { applicationId: checkIn.applicationId });
  });
}

/** A follow-up move decided by an admin (graduated, left early, ceased) for a project of the cohort, by the lifecycle. */
export async function moveFollowUp(
  cohortId: string,
  applicationId: string,
  name: "graduate" | "leaveEarly" | "cease",
  admin: { id: string; roles: readonly string[] },
  expectedVersion: number,
  reason?: string,
) {
  return db.$transaction(async (tx) => {
    const inCohort = await tx.application.count({ where: { id: applicationId, enrolledCohortId: cohortId } });
    if (inCohort === 0) throw new UserError("errors.title404", 404);
    return applyTransition(
      { applicationId, name, actor: { kind: "user", id: admin.id, roles: admin.roles as never }, expectedVersion, reason },
      tx,
    );
  });
}

/** A cohort's follow-up page: the cohort, its plan, and each enrolled or followed project with its check-ins. */
export async function cohortFollowUp(cohortId: string) {
  const cohort = await db.cohort.findUnique({
    where: { id: cohortId },
    select: { id: true, name: true, startsAt: true, site: { select: { name: true } } },
  });
  if (!cohort) return null;
  const [plan, projects] = await Promise.all([
    readFollowUpPlan(cohortId),
    db.application.findMany({
      where: { enrolledCohortId: cohortId },
      orderBy: [{ projectName: "asc" }, { id: "asc" }],
      select: {
        id: true,
        projectName: true,
        status: true,
        version: true,
        checkIns: {
          orderBy: { dueAt: "asc" },
          select: { id: true, monthsAfter: true, dueAt: true, submittedAt: true, onBehalf: true },
        },
      },
    }),
  ]);
  return { cohort, plan, projects };
}

/** The check-ins of one project the team sees: those due, answered or not. */
export function listTeamCheckIns(applicationId: string, now = new Date()) {
  return db.checkIn.findMany({
    where: { applicationId, dueAt: { lte: now } },
    orderBy: { dueAt: "asc" },
    select: { id: true, monthsAfter: true, dueAt: true, submittedAt: true },
  });
}

/**
 * The scheduled part of follow-up, once a minute: projects whose cohort has started go into incubation (and
 * get their check-ins), check-ins that fall due are opened with an email to the team, and unanswered ones
 * are reminded after 7 and 14 days. Each write is conditional on what it changes, and each email has its
 * dedupe key, so two servers running the pass at once send nothing twice.
 */
export async function runFollowUpJobs(now = new Date()) {
  // Once per process: the followed projects of a database written before their summaries existed.
  let summarized = 0;
  if (!summariesChecked) {
    summarized = await db.$transaction((tx) => refreshFollowUpSummaries(tx, { missing: true }), { timeout: 10 * 60_000 });
    summariesChecked = true;
  }
  let started = 0;
  const starting = await db.application.findMany({
    where: { status: "ENROLLED", enrolledCohort: { startsAt: { lte: now } } },
    select: { id: true, enrolledCohortId: true },
  });
  for (const application of starting) {
    try {
      await db.$transaction(async (tx) => {
        await applyTransition({ applicationId: application.id, name: "startIncubation", actor: { kind: "system" }, now }, tx);
        // Its own check-ins only: the cohort's other projects got theirs when they started.
        await scheduleCheckIns(tx, application.enrolledCohortId!, application.id);
      });
      started += 1;
    } catch (error) {
      // Another server moved it first.
      if (!(error instanceof UserError)) throw error;
    }
  }
  const due = await db.checkIn.findMany({
    where: { openedAt: null, submittedAt: null, dueAt: { lte: now }, application: { status: { in: [...FOLLOW_UP_STATUSES] } } },
    select: CHECK_IN_SELECT,
    take: 500,
  });
  let opened = 0;
  for (const checkIn of due) {
    await db.$transaction(async (tx) => {
      const { count } = await tx.checkIn.updateMany({ where: { id: checkIn.id, openedAt: null }, data: { openedAt: now } });
      if (count === 0) return;
      await emailCheckIn(tx, checkIn, "check-in-due", `check-in-due:${checkIn.id}`);
      await notify(
        tx,
        await teamUserIds(tx, checkIn.application.id),
        {
          kind: "CHECK_IN_DUE",
          projectName: checkIn.application.projectName,
          path: `/founder/applications/${checkIn.application.id}/check-ins/${checkIn.id}`,
        },
        now,
      );
      opened += 1;
    });
  }
  const unanswered = await db.checkIn.findMany({
    // Opened long enough ago for the first reminder at least (reminderDue decides).
    where: {
      openedAt: { lte: new Date(now.getTime() - REMINDER_DAYS[0] * 24 * 60 * 60 * 1000) },
      // Not those already reminded every time: missed check-ins pile up over the years.
      remindersSent: { lt: REMINDER_DAYS.length },
      submittedAt: null,
      application: { status: { not: "CEASED" } },
    },
    select: CHECK_IN_SELECT,
  });
  let reminded = 0;
  for (const checkIn of unanswered) {
    if (!reminderDue(checkIn.openedAt!, checkIn.remindersSent, now)) continue;
    await db.$transaction(async (tx) => {
      const { count } = await tx.checkIn.updateMany({
        where: { id: checkIn.id, remindersSent: checkIn.remindersSent, submittedAt: null },
        data: { remindersSent: { increment: 1 } },
      });
      if (count === 0) return;
      await emailCheckIn(tx, checkIn, "check-in-reminder", `check-in-reminder:${checkIn.id}:${checkIn.remindersSent + 1}`);
      reminded += 1;
    });
  }
  return { summarized, started, opened, reminded };
}

let summariesChecked = false;

type CheckInRow = NonNullable<Awaited<ReturnType<typeof getCheckIn>>>;

/** The check-in's email to every member of the team, each in their language. */
function emailCheckIn(tx: Tx, checkIn: CheckInRow, template: "check-in-due" | "check-in-reminder", dedupeKey: string) {
  const application = checkIn.application;
  return emailTeam(tx, application.id, application.founder, template, dedupeKey, (recipient) => ({
    name: recipient.name,
    projectName: application.projectName,
    cohortName: application.enrolledCohort?.name ?? "",
    monthsAfter: checkIn.monthsAfter,
    dueAt: checkIn.dueAt.toISOString(),
    checkInUrl: founderApplicationUrl(application.id, `/check-ins/${checkIn.id}`),
  }));
}
