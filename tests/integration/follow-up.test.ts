// Follow-up after enrollment (issue 17): the cohort's plan of check-ins and its rescheduling, the scheduled
// pass (incubation at the cohort's start, check-ins opened with an email to the team, reminders at 7 and 14
// days) also when two servers run it at once, the check-in answered once (by the team or an admin for it,
// a project that stopped moved to CEASED in the same transaction), the autosaved draft, the team's access,
// the admin's follow-up moves, and the outcomes dashboard and CSV rows on a small set figured by hand.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import type { ApplicationStatus, Sector } from "~/domain/constants.ts";
import { UserError } from "~/domain/errors.ts";
import {
  checkInView,
  getCheckIn,
  getCheckInForTeam,
  moveFollowUp,
  readFollowUpPlan,
  runFollowUpJobs,
  saveCheckInDraft,
  saveFollowUpPlan,
  scheduleCheckIns,
  submitCheckIn,
} from "~/models/follow-up.server.ts";
import { CHECK_INS_CSV_HEADER, checkInRows, OUTCOME_TABLES_CSV_HEADER, outcomesDashboard } from "~/models/outcomes.server.ts";
import { refreshFollowUpSummaries } from "~/models/follow-up-summary.server.ts";
import { saveCohort } from "~/models/call.server.ts";
import { successByScoreQuintile } from "~/domain/outcomes.ts";
import { loader as tablesCsvLoader } from "~/routes/admin.outcomes.tables[.csv].tsx";
import { callRoute } from "../support/remix.ts";
import { signIn } from "../support/review-factories.ts";
import { acceptTeamInvitation, inviteTeamMember } from "~/models/team.server.ts";
import { checkInSchema, type CheckInAnswers } from "~/schemas/check-in.ts";
import { createCandidate, createDecisionCall, createSites, payloadOf, readCsv } from "../support/enrollment-factories.ts";
import { createTestUser, refusalOf } from "../support/factories.ts";
import { createApplication, createIntakeSetup, DAY_MS } from "../support/intake-factories.ts";

beforeAll(async () => {
  await dbReady;
});

let admin: { id: string; roles: readonly string[] };
beforeAll(async () => {
  const user = await createTestUser({ roles: ["ADMIN"] });
  admin = { id: user.id, roles: ["ADMIN"] };
});

// ---------------------------------------------------------------------------
// Helpers

type Person = { id: string; name: string; email: string; locale: string };

const at = (iso: string) => new Date(iso);
const daysAfter = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);
const MINUTE_MS = 60_000;

/** The raw token of the last invitation emailed to `email` (the outbox holds the link; the database its hash only). */
async function linkSentTo(email: string): Promise<string> {
  const sent = await db.outboxEmail.findFirstOrThrow({
    where: { to: email.toLowerCase(), template: "team-invitation" },
    orderBy: { createdAt: "desc" },
  });
  const { acceptUrl } = JSON.parse(sent.payload) as { acceptUrl: string };
  return acceptUrl.split("/").pop()!;
}

type Setup = { site: { id: string }; call: { id: string }; cohort: { id: string; startsAt: Date } };

/** A call with a cohort at a fresh site, the cohort starting `startsAt`. */
async function cohortStarting(startsAt: Date): Promise<Setup> {
  const { site, call } = await createIntakeSetup();
  const cohort = await db.cohort.update({ where: { callId_siteId: { callId: call.id, siteId: site.id } }, data: { startsAt } });
  return { site, call, cohort };
}

/**
 * A project of the cohort: a new founder's application, with a co-founder who joined through an invitation
 * when `member` is asked (the call is still open then), put in `status` (ENROLLED by default) in the cohort.
 */
async function projectIn(setup: Setup, options: { status?: ApplicationStatus; member?: boolean } = {}) {
  const founder: Person = await createTestUser({ roles: ["FOUNDER"] });
  const { application } = await createApplication({ founder, call: setup.call, site: setup.site });
  let member: Person | null = null;
  if (options.member) {
    member = await createTestUser({ roles: ["FOUNDER"], locale: "en" });
    await inviteTeamMember(application.id, founder, { name: member.name, role: "CTO", email: member.email });
    await acceptTeamInvitation(await linkSentTo(member.email), member);
  }
  const status = options.status ?? "ENROLLED";
  const enrolled = await db.application.update({
    where: { id: application.id },
    data: {
      status,
      version: 5,
      enrolledCohortId: setup.cohort.id,
      ...(status === "INCUBATING" ? { incubationStartedAt: setup.cohort.startsAt } : {}),
    },
  });
  return { application: enrolled, founder, member };
}

/** The cohort's check-ins scheduled by its plan, as the scheduled pass does when the cohort starts. */
async function schedule(cohortId: string) {
  await db.$transaction((tx) => scheduleCheckIns(tx, cohortId));
}

async function checkInOf(applicationId: string, monthsAfter: number) {
  return db.checkIn.findUniqueOrThrow({ where: { applicationId_monthsAfter: { applicationId, monthsAfter } } });
}

/** The outbox rows of `template` about one check-in (its id is in the payload's link). */
function emailsAbout(template: "check-in-due" | "check-in-reminder", checkInId: string) {
  return db.outboxEmail.findMany({ where: { template, payload: { contains: `/check-ins/${checkInId}"` } }, orderBy: { to: "asc" } });
}

/** How many rows each recipient got. */
function perRecipient(rows: Array<{ to: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.to] = (counts[row.to] ?? 0) + 1;
  return counts;
}

/** A complete check-in form as a browser posts it (strings), with `changes`, read by the schema. */
function answersFrom(changes: Record<string, unknown> = {}): CheckInAnswers {
  return checkInSchema.parse({
    operating: "yes",
    ceasedOn: "",
    ceasedReason: "",
    legalForm: "SARL_AU",
    registeredOn: "2024-03-12",
    fullTimeJobs: "4",
    partTimeJobs: "2",
    revenueBand: "100K_500K",
    exportShare: "15",
    fundingAmount: "250 000",
    fundingTypes: ["GRANT", "EQUITY"],
    customers: "38",
    "support.NETWORKING": "5",
    "support.FUNDING_ACCESS": "3",
    "support.SKILLS": "",
    "support.MARKET_ACCESS": "4",
    comments: "Un deuxième client à l'export.",
    ...changes,
  });
}

/** The answers of a project that stopped on `ceasedOn`. */
const ceasingAnswers = (ceasedOn: string) =>
  answersFrom({
    operating: "no",
    ceasedOn,
    ceasedReason: "Les associés ont repris un emploi salarié.",
    fullTimeJobs: "0",
    partTimeJobs: "0",
    exportShare: "0",
    fundingAmount: "0",
    fundingTypes: [],
  });

const founderUrlOf = (applicationId: string, checkInId: string) => `/founder/applications/${applicationId}/check-ins/${checkInId}`;

// ---------------------------------------------------------------------------

describe("the cohort's follow-up plan", () => {
  it("defaults to 6, 12, 18 months then yearly to 5 years, every track", async () => {
    const { cohort } = await cohortStarting(at("2025-01-31T09:30:00Z"));
    expect(await readFollowUpPlan(cohort.id)).toEqual({
      months: [6, 12, 18, 24, 36, 48, 60],
      tracks: ["NETWORKING", "FUNDING_ACCESS", "SKILLS", "MARKET_ACCESS"],
    });
  });

  it("is saved with an audit event and re-schedules: removed months lose their unopened check-ins, new months get theirs, in calendar months (UTC)", async () => {
    const setup = await cohortStarting(at("2025-01-31T09:30:00Z"));
    const incubating = await projectIn(setup, { status: "INCUBATING" });
    const enrolled = await projectIn(setup, { status: "ENROLLED" });
    const ceased = await projectIn(setup, { status: "CEASED" });
    await schedule(setup.cohort.id);

    // The default plan: seven check-ins each for the projects that owe them, none for the one that ceased.
    for (const project of [incubating, enrolled]) {
      const rows = await db.checkIn.findMany({ where: { applicationId: project.application.id }, orderBy: { monthsAfter: "asc" } });
      expect(rows.map((row) => [row.monthsAfter, row.dueAt.toISOString()])).toEqual([
        [6, "2025-07-31T09:30:00.000Z"],
        [12, "2026-01-31T09:30:00.000Z"],
        [18, "2026-07-31T09:30:00.000Z"],
        [24, "2027-01-31T09:30:00.000Z"],
        [36, "2028-01-31T09:30:00.000Z"],
        [48, "2029-01-31T09:30:00.000Z"],
        [60, "2030-01-31T09:30:00.000Z"],
      ]);
    }
    expect(await db.checkIn.count({ where: { applicationId: ceased.application.id } })).toBe(0);

    // The 6-month check-in has a draft (kept as it is), the 36-month one was already sent to the team (kept though no longer planned).
    const sixBefore = await checkInOf(incubating.application.id, 6);
    await db.checkIn.update({ where: { id: sixBefore.id }, data: { draft: JSON.stringify({ fullTimeJobs: 3 }) } });
    const opened = await checkInOf(incubating.application.id, 36);
    await db.checkIn.update({ where: { id: opened.id }, data: { openedAt: at("2028-01-31T09:31:00Z") } });

    // Typed out of order on purpose: each month must get its own date.
    await saveFollowUpPlan(setup.cohort.id, { months: [13, 3, 6, 1, 12], tracks: ["SKILLS", "NETWORKING"] }, admin.id);

    expect(await readFollowUpPlan(setup.cohort.id)).toEqual({ months: [13, 3, 6, 1, 12], tracks: ["SKILLS", "NETWORKING"] });
    const audit = await db.auditEvent.findMany({
      where: { subjectType: "Cohort", subjectId: setup.cohort.id, type: "FOLLOW_UP_PLAN_SAVED" },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0].actorId).toBe(admin.id);
    expect(JSON.parse(audit[0].details)).toEqual({ months: [13, 3, 6, 1, 12], tracks: ["SKILLS", "NETWORKING"] });

    const expected = [
      // 31 January + 1 month: the last day of February, never March; + 3 months: the 30th of April.
      [1, "2025-02-28T09:30:00.000Z"],
      [3, "2025-04-30T09:30:00.000Z"],
      [6, "2025-07-31T09:30:00.000Z"],
      [12, "2026-01-31T09:30:00.000Z"],
      [13, "2026-02-28T09:30:00.000Z"],
    ];
    const incubatingRows = await db.checkIn.findMany({
      where: { applicationId: incubating.application.id },
      orderBy: { monthsAfter: "asc" },
    });
    expect(incubatingRows.map((row) => [row.monthsAfter, row.dueAt.toISOString()])).toEqual([
      ...expected,
      // Already sent to the team: it stays.
      [36, "2028-01-31T09:30:00.000Z"],
    ]);
    const enrolledRows = await db.checkIn.findMany({ where: { applicationId: enrolled.application.id }, orderBy: { monthsAfter: "asc" } });
    expect(enrolledRows.map((row) => [row.monthsAfter, row.dueAt.toISOString()])).toEqual(expected);
    expect(await db.checkIn.count({ where: { applicationId: ceased.application.id } })).toBe(0);

    // The check-in kept is the same row with its draft.
    const sixAfter = await checkInOf(incubating.application.id, 6);
    expect(sixAfter.id).toBe(sixBefore.id);
    expect(JSON.parse(sixAfter.draft)).toEqual({ fullTimeJobs: 3 });

    // The team's form rates the tracks the cohort offers.
    const view = await checkInView((await getCheckIn(sixAfter.id))!);
    expect(view.tracks).toEqual(["SKILLS", "NETWORKING"]);
    expect(view.draft).toEqual({ fullTimeJobs: 3 });
  });

  it("refuses the plan of a cohort that does not exist, with nothing written", async () => {
    expect(await refusalOf(saveFollowUpPlan("no-such-cohort", { months: [6], tracks: ["SKILLS"] }, admin.id))).toEqual({
      key: "errors.title404",
      status: 404,
    });
    expect(await db.auditEvent.count({ where: { subjectId: "no-such-cohort" } })).toBe(0);
  });
});

describe("the scheduled follow-up pass", () => {
  it("starts incubation at the cohort's start, opens each due check-in once with an email to the team, reminds at 7 and 14 days, never a third time nor once answered", async () => {
    const start = at("2025-03-10T08:00:00Z");
    const started = await cohortStarting(start);
    const project = await projectIn(started, { member: true });
    const later = await cohortStarting(at("2027-03-10T08:00:00Z"));
    const waiting = await projectIn(later);
    const team = [project.founder.email, project.member!.email].map((email) => email.toLowerCase()).sort();

    // The day before the first check-in falls due: the started cohort's project goes into incubation.
    const firstRun = at("2025-09-09T08:00:00Z");
    await runFollowUpJobs(firstRun);
    const incubating = await db.application.findUniqueOrThrow({ where: { id: project.application.id } });
    expect(incubating.status).toBe("INCUBATING");
    expect(incubating.incubationStartedAt?.toISOString()).toBe(firstRun.toISOString());
    const transitions = await db.auditEvent.findMany({ where: { subjectId: project.application.id, toState: "INCUBATING" } });
    expect(transitions).toHaveLength(1);
    expect(transitions[0]).toMatchObject({ fromState: "ENROLLED", actorId: null, subjectType: "Application" });
    const checkIns = await db.checkIn.findMany({ where: { applicationId: project.application.id }, orderBy: { monthsAfter: "asc" } });
    expect(checkIns.map((row) => row.monthsAfter)).toEqual([6, 12, 18, 24, 36, 48, 60]);
    expect(checkIns.every((row) => row.openedAt === null)).toBe(true);
    expect(await db.outboxEmail.count({ where: { template: "check-in-due", to: { in: team } } })).toBe(0);

    // The cohort that has not started: its project waits, owing nothing yet.
    const stillEnrolled = await db.application.findUniqueOrThrow({ where: { id: waiting.application.id } });
    expect(stillEnrolled.status).toBe("ENROLLED");
    expect(stillEnrolled.incubationStartedAt).toBeNull();
    expect(await db.checkIn.count({ where: { applicationId: waiting.application.id } })).toBe(0);

    // Six months after the start, to the minute: the check-in opens and each member of the team is emailed its link.
    const six = await checkInOf(project.application.id, 6);
    expect(six.dueAt.toISOString()).toBe("2025-09-10T08:00:00.000Z");
    await runFollowUpJobs(six.dueAt);
    expect((await checkInOf(project.application.id, 6)).openedAt?.toISOString()).toBe(six.dueAt.toISOString());
    expect((await checkInOf(project.application.id, 12)).openedAt).toBeNull();
    const due = await emailsAbout("check-in-due", six.id);
    expect(due.map((row) => row.to)).toEqual(team);
    for (const row of due) {
      const payload = payloadOf(row);
      expect(String(payload.checkInUrl).endsWith(founderUrlOf(project.application.id, six.id))).toBe(true);
      expect(payload.monthsAfter).toBe(6);
    }
    expect(due.find((row) => row.to === project.member!.email.toLowerCase())?.locale).toBe("en");
    // And each member's bell (issue 18): one notification each, leading to the check-in.
    const bells = await db.notification.findMany({ where: { kind: "CHECK_IN_DUE", path: { endsWith: `/check-ins/${six.id}` } } });
    expect(bells.map((bell) => bell.userId).sort()).toEqual([project.founder.id, project.member!.id].sort());

    // Run again, later: nothing more.
    await runFollowUpJobs(new Date(six.dueAt.getTime() + MINUTE_MS));
    expect(await emailsAbout("check-in-due", six.id)).toHaveLength(2);
    expect(await db.notification.count({ where: { kind: "CHECK_IN_DUE", path: { endsWith: `/check-ins/${six.id}` } } })).toBe(2);
    expect((await checkInOf(project.application.id, 6)).openedAt?.toISOString()).toBe(six.dueAt.toISOString());

    // Reminders: none before 7 days, one at 7, none at 13, a second at 14, never a third.
    const reminders = async () => perRecipient(await emailsAbout("check-in-reminder", six.id));
    const everyone = (count: number) => Object.fromEntries(team.map((email) => [email, count]));
    await runFollowUpJobs(new Date(daysAfter(six.dueAt, 7).getTime() - MINUTE_MS));
    await runFollowUpJobs(daysAfter(six.dueAt, 6));
    expect(await reminders()).toEqual({});
    await runFollowUpJobs(daysAfter(six.dueAt, 7));
    expect(await reminders()).toEqual(everyone(1));
    await runFollowUpJobs(daysAfter(six.dueAt, 7));
    await runFollowUpJobs(daysAfter(six.dueAt, 13));
    expect(await reminders()).toEqual(everyone(1));
    await runFollowUpJobs(daysAfter(six.dueAt, 14));
    expect(await reminders()).toEqual(everyone(2));
    await runFollowUpJobs(daysAfter(six.dueAt, 21));
    await runFollowUpJobs(daysAfter(six.dueAt, 60));
    expect(await reminders()).toEqual(everyone(2));
    expect((await checkInOf(project.application.id, 6)).remindersSent).toBe(2);
    expect(await emailsAbout("check-in-due", six.id)).toHaveLength(2);

    // The 12-month check-in opens, is answered the next day, and is never reminded.
    const twelve = await checkInOf(project.application.id, 12);
    await runFollowUpJobs(twelve.dueAt);
    expect(perRecipient(await emailsAbout("check-in-due", twelve.id))).toEqual(everyone(1));
    await submitCheckIn(twelve.id, answersFrom(), { userId: project.founder.id, onBehalf: false }, daysAfter(twelve.dueAt, 1));
    await runFollowUpJobs(daysAfter(twelve.dueAt, 7));
    await runFollowUpJobs(daysAfter(twelve.dueAt, 14));
    await runFollowUpJobs(daysAfter(twelve.dueAt, 30));
    expect(await emailsAbout("check-in-reminder", twelve.id)).toEqual([]);
    expect((await checkInOf(project.application.id, 12)).remindersSent).toBe(0);

    // The later cohort's project is still waiting for its start (2027), after all these passes.
    expect((await db.application.findUniqueOrThrow({ where: { id: waiting.application.id } })).status).toBe("ENROLLED");
    expect(await db.checkIn.count({ where: { applicationId: waiting.application.id } })).toBe(0);
  });

  it("sends one email per person and check-in and starts each project once when two servers run the pass at once", async () => {
    for (let round = 0; round < 5; round++) {
      // A cohort of its own each round, later each time, starting six months before the pass: the projects go
      // into incubation and their first check-in falls due in the same pass.
      const start = at(`203${round}-01-15T10:00:00Z`);
      const setup = await cohortStarting(start);
      const projects = [await projectIn(setup, { member: true }), await projectIn(setup)];
      const now = at(`203${round}-07-15T10:00:00Z`);
      await Promise.all([runFollowUpJobs(now), runFollowUpJobs(now)]);

      for (const project of projects) {
        const application = await db.application.findUniqueOrThrow({ where: { id: project.application.id } });
        expect(application.status, `round ${round}`).toBe("INCUBATING");
        expect(application.version, `round ${round}`).toBe(6);
        expect(await db.auditEvent.count({ where: { subjectId: project.application.id, toState: "INCUBATING" } }), `round ${round}`).toBe(
          1,
        );
        expect(await db.checkIn.count({ where: { applicationId: project.application.id } }), `round ${round}`).toBe(7);

        const six = await checkInOf(project.application.id, 6);
        expect(six.openedAt?.toISOString(), `round ${round}`).toBe(now.toISOString());
        const team = [project.founder.email, ...(project.member ? [project.member.email] : [])].map((email) => email.toLowerCase());
        const everyone = (count: number) => Object.fromEntries(team.map((email) => [email, count]));
        expect(perRecipient(await emailsAbout("check-in-due", six.id)), `round ${round}`).toEqual(everyone(1));

        // The first reminder, also by two servers at once: one each.
        await Promise.all([runFollowUpJobs(daysAfter(now, 7)), runFollowUpJobs(daysAfter(now, 7))]);
        expect(perRecipient(await emailsAbout("check-in-reminder", six.id)), `round ${round}`).toEqual(everyone(1));
        expect((await checkInOf(project.application.id, 6)).remindersSent, `round ${round}`).toBe(1);
      }
    }
  });
});

describe("answering a check-in", () => {
  /** An incubating project of a cohort that started on 1 March 2025, its check-ins scheduled by the default plan. */
  async function incubatingProject(options: { member?: boolean } = {}) {
    const setup = await cohortStarting(at("2025-03-01T00:00:00Z"));
    const project = await projectIn(setup, { status: "INCUBATING", member: options.member });
    await schedule(setup.cohort.id);
    return { ...setup, ...project };
  }
  // After the 5-year check-in (1 March 2030) fell due: every check-in of the plan is due.
  const LATER = at("2030-03-02T00:00:00Z");

  it("stores the answers once, copying the dashboard's figures, and refuses a second submission", async () => {
    const project = await incubatingProject();
    const six = await checkInOf(project.application.id, 6);
    const answers = answersFrom();
    const when = at("2025-09-03T12:00:00Z");
    await submitCheckIn(six.id, answers, { userId: project.founder.id, onBehalf: false }, when);

    const stored = await checkInOf(project.application.id, 6);
    expect(stored).toMatchObject({
      submittedAt: when,
      submittedById: project.founder.id,
      onBehalf: false,
      operating: true,
      ceasedOn: null,
      fullTimeJobs: 4,
      partTimeJobs: 2,
      exportShare: 15,
      fundingAmount: 250000,
      draft: "{}",
    });
    expect(JSON.parse(stored.answers!)).toEqual(answers);
    const audit = await db.auditEvent.findMany({ where: { subjectId: project.application.id, type: "CHECK_IN_SUBMITTED" } });
    expect(audit).toHaveLength(1);
    expect(audit[0].actorId).toBe(project.founder.id);
    expect(JSON.parse(audit[0].details)).toEqual({ checkInId: six.id, monthsAfter: 6 });

    // The same submission arriving again (a double click, a resent post): it landed once, and says so again.
    await submitCheckIn(six.id, answers, { userId: project.founder.id, onBehalf: false }, daysAfter(when, 1));
    expect(await checkInOf(project.application.id, 6)).toMatchObject({ submittedAt: when, submittedById: project.founder.id });
    // The same answers recorded on the team's behalf are another submission: refused.
    expect(await refusalOf(submitCheckIn(six.id, answers, { userId: project.founder.id, onBehalf: true }, daysAfter(when, 1)))).toEqual({
      key: "followUp.errors.alreadySubmitted",
      status: 409,
    });

    // A second submission, with other figures: refused, the first answers kept.
    const other = answersFrom({ fullTimeJobs: "9", exportShare: "80" });
    expect(await refusalOf(submitCheckIn(six.id, other, { userId: project.founder.id, onBehalf: false }, daysAfter(when, 1)))).toEqual({
      key: "followUp.errors.alreadySubmitted",
      status: 409,
    });
    const after = await checkInOf(project.application.id, 6);
    expect(JSON.parse(after.answers!)).toEqual(answers);
    expect(after).toMatchObject({ fullTimeJobs: 4, exportShare: 15, submittedAt: when });
    expect(await db.auditEvent.count({ where: { subjectId: project.application.id, type: { startsWith: "CHECK_IN_" } } })).toBe(1);
    // Answering does not move a project that still operates.
    expect((await db.application.findUniqueOrThrow({ where: { id: project.application.id } })).status).toBe("INCUBATING");
  });

  it("lands exactly one of two submissions sent at once", async () => {
    const project = await incubatingProject({ member: true });
    for (const months of [6, 12, 18, 24, 36]) {
      const checkIn = await checkInOf(project.application.id, months);
      const byFounder = answersFrom({ fullTimeJobs: "10", comments: "Envoyé par la fondatrice." });
      const byMember = answersFrom({ fullTimeJobs: "20", comments: "Envoyé par l'associé." });
      const results = await Promise.allSettled([
        submitCheckIn(checkIn.id, byFounder, { userId: project.founder.id, onBehalf: false }, LATER),
        submitCheckIn(checkIn.id, byMember, { userId: project.member!.id, onBehalf: false }, LATER),
      ]);
      const landed = results.findIndex((result) => result.status === "fulfilled");
      expect(
        results.filter((result) => result.status === "fulfilled"),
        `${months} months`,
      ).toHaveLength(1);
      const refused = results[1 - landed];
      expect(refused.status === "rejected" && refused.reason instanceof UserError && refused.reason.key, `${months} months`).toBe(
        "followUp.errors.alreadySubmitted",
      );
      const stored = await checkInOf(project.application.id, months);
      const [winner, winnerId] = landed === 0 ? [byFounder, project.founder.id] : [byMember, project.member!.id];
      expect(JSON.parse(stored.answers!), `${months} months`).toEqual(winner);
      expect(stored.fullTimeJobs, `${months} months`).toBe(winner.fullTimeJobs);
      expect(stored.submittedById, `${months} months`).toBe(winnerId);
      const audited = await db.auditEvent.findMany({ where: { subjectId: project.application.id, type: "CHECK_IN_SUBMITTED" } });
      expect(
        audited.filter((event) => JSON.parse(event.details).checkInId === checkIn.id),
        `${months} months`,
      ).toHaveLength(1);
    }
  });

  it("records an admin's answers for the team, audited as such", async () => {
    const project = await incubatingProject();
    const twelve = await checkInOf(project.application.id, 12);
    await submitCheckIn(twelve.id, answersFrom({ fullTimeJobs: "6" }), { userId: admin.id, onBehalf: true }, LATER);
    expect(await checkInOf(project.application.id, 12)).toMatchObject({ onBehalf: true, submittedById: admin.id, fullTimeJobs: 6 });
    const audit = await db.auditEvent.findMany({ where: { subjectId: project.application.id, type: { startsWith: "CHECK_IN_" } } });
    expect(audit.map((event) => [event.type, event.actorId])).toEqual([["CHECK_IN_RECORDED_FOR_TEAM", admin.id]]);
  });

  it("refuses a check-in that is not due yet as closed, with nothing written", async () => {
    const project = await incubatingProject();
    const sixty = await checkInOf(project.application.id, 60);
    expect(sixty.dueAt.toISOString()).toBe("2030-03-01T00:00:00.000Z");
    const result = await refusalOf(
      submitCheckIn(sixty.id, answersFrom(), { userId: project.founder.id, onBehalf: false }, at("2030-02-28T23:59:00Z")),
    );
    const stored = await checkInOf(project.application.id, 60);
    expect(stored.submittedAt).toBeNull();
    expect(stored.answers).toBeNull();
    expect(result).toMatchObject({ key: "followUp.errors.closed" });
  });

  it("moves a project that says it no longer operates to CEASED, in the same transaction as the answers", async () => {
    const project = await incubatingProject();
    const twelve = await checkInOf(project.application.id, 12);
    const when = at("2026-03-05T09:00:00Z");
    await submitCheckIn(twelve.id, ceasingAnswers("2026-01-20"), { userId: project.founder.id, onBehalf: false }, when);

    const application = await db.application.findUniqueOrThrow({ where: { id: project.application.id } });
    expect(application.status).toBe("CEASED");
    expect(application.ceasedAt?.toISOString()).toBe(when.toISOString());
    expect(application.version).toBe(project.application.version + 1);
    const ceased = await db.auditEvent.findMany({ where: { subjectId: project.application.id, toState: "CEASED" } });
    expect(ceased).toHaveLength(1);
    expect(ceased[0]).toMatchObject({ fromState: "INCUBATING", type: "TRANSITION_cease" });
    expect(JSON.parse(ceased[0].details).reason).toBe("Les associés ont repris un emploi salarié.");
    expect(await checkInOf(project.application.id, 12)).toMatchObject({ operating: false, ceasedOn: at("2026-01-20T00:00:00Z") });

    // When the move cannot be made (here: answers without a reason, which the form never sends), nothing is recorded.
    const other = await incubatingProject();
    const otherTwelve = await checkInOf(other.application.id, 12);
    const withoutReason = { ...ceasingAnswers("2026-01-20"), ceasedReason: null };
    expect(
      await refusalOf(submitCheckIn(otherTwelve.id, withoutReason, { userId: other.founder.id, onBehalf: false }, when)),
    ).toMatchObject({
      key: "lifecycle.reasonRequired",
    });
    expect(await checkInOf(other.application.id, 12)).toMatchObject({ submittedAt: null, answers: null, operating: null });
    expect((await db.application.findUniqueOrThrow({ where: { id: other.application.id } })).status).toBe("INCUBATING");
    expect(await db.auditEvent.count({ where: { subjectId: other.application.id, type: { startsWith: "CHECK_IN_" } } })).toBe(0);
  });

  it("keeps the autosaved draft until submission and refuses it after", async () => {
    const project = await incubatingProject();
    const six = await checkInOf(project.application.id, 6);
    const when = at("2025-09-02T10:00:00Z");
    await saveCheckInDraft(six.id, { fullTimeJobs: 3, support: { SKILLS: 4 } }, when);
    expect(JSON.parse((await checkInOf(project.application.id, 6)).draft)).toEqual({ fullTimeJobs: 3, support: { SKILLS: 4 } });
    await saveCheckInDraft(six.id, { fullTimeJobs: 5, comments: "Presque fini" }, daysAfter(when, 1));
    const saved = (await getCheckIn(six.id))!;
    expect(JSON.parse(saved.draft)).toEqual({ fullTimeJobs: 5, comments: "Presque fini" });
    expect((await checkInView(saved)).draft).toEqual({ fullTimeJobs: 5, comments: "Presque fini" });
    expect((await checkInView(saved)).submitted).toBeNull();

    // Not due yet: nothing to save.
    const twelve = await checkInOf(project.application.id, 12);
    expect(await refusalOf(saveCheckInDraft(twelve.id, { fullTimeJobs: 1 }, when))).toEqual({ key: "followUp.errors.closed", status: 409 });
    expect((await checkInOf(project.application.id, 12)).draft).toBe("{}");

    const answers = answersFrom();
    await submitCheckIn(six.id, answers, { userId: project.founder.id, onBehalf: false }, daysAfter(when, 2));
    expect(await refusalOf(saveCheckInDraft(six.id, { fullTimeJobs: 99 }, daysAfter(when, 3)))).toEqual({
      key: "followUp.errors.closed",
      status: 409,
    });
    const submitted = (await getCheckIn(six.id))!;
    expect(submitted.draft).toBe("{}");
    expect((await checkInView(submitted)).submitted).toEqual(answers);
  });

  it("shows the check-in to its team only, and only under its own project", async () => {
    const project = await incubatingProject({ member: true });
    const neighbour = await incubatingProject();
    const six = await checkInOf(project.application.id, 6);
    const neighbourSix = await checkInOf(neighbour.application.id, 6);

    expect((await getCheckInForTeam(project.application.id, six.id, project.founder.id))?.id).toBe(six.id);
    expect((await getCheckInForTeam(project.application.id, six.id, project.member!.id))?.id).toBe(six.id);
    // A founder not on the team.
    expect(await getCheckInForTeam(project.application.id, six.id, neighbour.founder.id)).toBeNull();
    // Another project's check-in, named under this one.
    expect(await getCheckInForTeam(project.application.id, neighbourSix.id, project.founder.id)).toBeNull();
    expect(await getCheckInForTeam(neighbour.application.id, neighbourSix.id, project.founder.id)).toBeNull();
  });
});

describe("the admin's follow-up moves", () => {
  it("graduates, requires a reason to record an early leave, and refuses a project of another cohort", async () => {
    const setup = await cohortStarting(at("2025-03-01T00:00:00Z"));
    const graduating = await projectIn(setup, { status: "INCUBATING" });
    const leaving = await projectIn(setup, { status: "INCUBATING" });
    const elsewhere = await cohortStarting(at("2025-03-01T00:00:00Z"));

    const before = Date.now();
    expect(await moveFollowUp(setup.cohort.id, graduating.application.id, "graduate", admin, 5)).toEqual({
      status: "GRADUATED",
      version: 6,
    });
    const graduated = await db.application.findUniqueOrThrow({ where: { id: graduating.application.id } });
    expect(graduated.status).toBe("GRADUATED");
    expect(graduated.graduatedAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(graduated.graduatedAt!.getTime()).toBeLessThanOrEqual(Date.now());
    const audit = await db.auditEvent.findMany({ where: { subjectId: graduating.application.id, toState: "GRADUATED" } });
    expect(audit.map((event) => [event.actorId, event.fromState])).toEqual([[admin.id, "INCUBATING"]]);

    for (const reason of [undefined, "", "   "]) {
      expect(await refusalOf(moveFollowUp(setup.cohort.id, leaving.application.id, "leaveEarly", admin, 5, reason))).toMatchObject({
        key: "lifecycle.reasonRequired",
      });
    }
    expect((await db.application.findUniqueOrThrow({ where: { id: leaving.application.id } })).status).toBe("INCUBATING");

    // Named under a cohort it is not in: not found, nothing moved.
    expect(
      await refusalOf(moveFollowUp(elsewhere.cohort.id, leaving.application.id, "leaveEarly", admin, 5, "A rejoint un autre programme")),
    ).toEqual({
      key: "errors.title404",
      status: 404,
    });
    expect((await db.application.findUniqueOrThrow({ where: { id: leaving.application.id } })).status).toBe("INCUBATING");

    expect(await moveFollowUp(setup.cohort.id, leaving.application.id, "leaveEarly", admin, 5, "A rejoint un autre programme")).toEqual({
      status: "LEFT_EARLY",
      version: 6,
    });
    const left = await db.application.findUniqueOrThrow({ where: { id: leaving.application.id } });
    expect(left.status).toBe("LEFT_EARLY");
    expect(left.graduatedAt).toBeNull();
  });
});

// ---------------------------------------------------------------------------
// The outcomes, on six projects figured by hand

describe("the outcomes", () => {
  // Both cohorts started on 1 January 2027, 30 months before NOW: every project is past its 18-month mark
  // (1 July 2028). Check-ins: 6 months = 2027-07-01, 12 = 2028-01-01, 18 = 2028-07-01, 24 = 2029-01-01,
  // 36 = 2030-01-01 (not due at NOW).
  const NOW = at("2029-07-01T00:00:00Z");
  const START = at("2027-01-01T00:00:00Z");
  const DUE: Record<number, Date> = {
    6: at("2027-07-01T00:00:00Z"),
    12: at("2028-01-01T00:00:00Z"),
    18: at("2028-07-01T00:00:00Z"),
    24: at("2029-01-01T00:00:00Z"),
    36: at("2030-01-01T00:00:00Z"),
  };

  type Answered = {
    months: number;
    operating?: boolean;
    ceasedOn?: string;
    fullTimeJobs: number;
    partTimeJobs?: number;
    exportShare: number;
    fundingAmount: number;
  };
  type Spec = {
    name: string;
    site: "A" | "B";
    sector: Sector;
    status: ApplicationStatus;
    graduatedAt?: string;
    ceasedAt?: string;
    answered: Answered[];
    /** Check-ins not answered. */
    unanswered: number[];
  };

  /**
   * P1 (A, GREEN_TECH) graduated 2028-07-01, answered every check-in, operating; latest (24): 5 full-time,
   *   2 part-time, exports 20 %; funding 100,000 + 50,000. Censored at its last operating check-in, 2029-01-01:
   *   731 days = 24.02 months. Success.
   * P2 (A, GREEN_TECH) graduated 2028-07-01, then said at 24 months it stopped on 2028-10-01 (an admin recorded
   *   the end on 2029-01-10; the team's day counts): event at 639 days = 20.99 months. It graduated and still
   *   operated at 18 months: success. Latest (24): 0 jobs, no exports; funding 300,000.
   * P3 (B, NEW_TECH) ceased, recorded by an admin on 2027-10-01 (no check-in says so): event at 273 days = 8.97
   *   months. Not graduated. Latest (6): 1 job, no exports; funding 20,000. The 12-month one unanswered: 1 missing.
   * P4 (B, NEW_TECH) still incubating, answered 6 and 12: censored at 2028-01-01, 365 days = 11.99 months. Latest
   *   (12): 3 full-time, 1 part-time, exports 40 %. 18 and 24 unanswered: 2 missing; 36 not due, not missing.
   * P5 (A, NEW_TECH) graduated 2028-07-01, never answered: censored at graduation, 547 days = 17.97 months. Success.
   *   No latest check-in. 6, 12, 18 and 24 unanswered: 4 missing.
   * P6 (B, GREEN_TECH) said at 12 months it stopped on 2028-02-01 (admin: 2028-03-15): event at 396 days = 13.01
   *   months. Not graduated. Latest (12): 0 jobs.
   * Not followed: an ENROLLED project of the cohort and an applicant of the call that was never enrolled.
   */
  const SPECS: Spec[] = [
    {
      name: "P1",
      site: "A",
      sector: "GREEN_TECH",
      status: "GRADUATED",
      graduatedAt: "2028-07-01T00:00:00Z",
      answered: [
        { months: 6, fullTimeJobs: 2, exportShare: 0, fundingAmount: 100000 },
        { months: 12, fullTimeJobs: 3, exportShare: 0, fundingAmount: 0 },
        { months: 18, fullTimeJobs: 4, exportShare: 10, fundingAmount: 50000 },
        { months: 24, fullTimeJobs: 5, partTimeJobs: 2, exportShare: 20, fundingAmount: 0 },
      ],
      unanswered: [36],
    },
    {
      name: "P2",
      site: "A",
      sector: "GREEN_TECH",
      status: "CEASED",
      graduatedAt: "2028-07-01T00:00:00Z",
      ceasedAt: "2029-01-10T00:00:00Z",
      answered: [
        { months: 6, fullTimeJobs: 1, exportShare: 0, fundingAmount: 0 },
        { months: 12, fullTimeJobs: 2, exportShare: 5, fundingAmount: 300000 },
        { months: 18, fullTimeJobs: 2, exportShare: 5, fundingAmount: 0 },
        { months: 24, operating: false, ceasedOn: "2028-10-01", fullTimeJobs: 0, exportShare: 0, fundingAmount: 0 },
      ],
      unanswered: [],
    },
    {
      name: "P3",
      site: "B",
      sector: "NEW_TECH",
      status: "CEASED",
      ceasedAt: "2027-10-01T00:00:00Z",
      answered: [{ months: 6, fullTimeJobs: 1, exportShare: 0, fundingAmount: 20000 }],
      unanswered: [12],
    },
    {
      name: "P4",
      site: "B",
      sector: "NEW_TECH",
      status: "INCUBATING",
      answered: [
        { months: 6, fullTimeJobs: 2, exportShare: 30, fundingAmount: 0 },
        { months: 12, fullTimeJobs: 3, partTimeJobs: 1, exportShare: 40, fundingAmount: 0 },
      ],
      unanswered: [18, 24, 36],
    },
    {
      name: "P5",
      site: "A",
      sector: "NEW_TECH",
      status: "GRADUATED",
      graduatedAt: "2028-07-01T00:00:00Z",
      answered: [],
      unanswered: [6, 12, 18, 24],
    },
    {
      name: "P6",
      site: "B",
      sector: "GREEN_TECH",
      status: "CEASED",
      ceasedAt: "2028-03-15T00:00:00Z",
      answered: [
        { months: 6, fullTimeJobs: 1, exportShare: 0, fundingAmount: 0 },
        { months: 12, operating: false, ceasedOn: "2028-02-01", fullTimeJobs: 0, exportShare: 0, fundingAmount: 0 },
      ],
      unanswered: [],
    },
  ];

  /** The six projects, their cohorts at two fresh sites on a call of their own, and the check-ins as stored rows. */
  async function outcomesSet() {
    const [siteA, siteB] = await createSites(2);
    const { call, cohorts } = await createDecisionCall({
      cohorts: [
        { site: siteA, capacity: 10 },
        { site: siteB, capacity: 10 },
      ],
    });
    await db.cohort.updateMany({ where: { callId: call.id }, data: { startsAt: START } });
    const cohortOf = { A: cohorts[0], B: cohorts[1] };
    const siteOf = { A: siteA, B: siteB };
    const names = new Map<string, string>();
    for (const spec of SPECS) {
      const projectName = `${spec.name} ${call.id}`;
      names.set(spec.name, projectName);
      const { application, founder } = await createCandidate({
        call,
        site: siteOf[spec.site],
        sector: spec.sector,
        status: spec.status,
        projectName,
      });
      await db.application.update({
        where: { id: application.id },
        data: {
          enrolledCohortId: cohortOf[spec.site].id,
          incubationStartedAt: START,
          graduatedAt: spec.graduatedAt ? at(spec.graduatedAt) : null,
          ceasedAt: spec.ceasedAt ? at(spec.ceasedAt) : null,
        },
      });
      for (const answered of spec.answered) {
        const operating = answered.operating ?? true;
        const answers = answersFrom({
          operating: operating ? "yes" : "no",
          ceasedOn: answered.ceasedOn ?? "",
          ceasedReason: operating ? "" : "Marché trop étroit.",
          fullTimeJobs: String(answered.fullTimeJobs),
          partTimeJobs: String(answered.partTimeJobs ?? 0),
          exportShare: String(answered.exportShare),
          fundingAmount: String(answered.fundingAmount),
          fundingTypes: answered.fundingAmount > 0 ? ["GRANT"] : [],
        });
        await db.checkIn.create({
          data: {
            applicationId: application.id,
            monthsAfter: answered.months,
            dueAt: DUE[answered.months],
            openedAt: DUE[answered.months],
            answers: JSON.stringify(answers),
            submittedAt: daysAfter(DUE[answered.months], 3),
            submittedById: founder.id,
            operating,
            ceasedOn: answered.ceasedOn ? at(`${answered.ceasedOn}T00:00:00Z`) : null,
            fullTimeJobs: answered.fullTimeJobs,
            partTimeJobs: answered.partTimeJobs ?? null,
            exportShare: answered.exportShare,
            fundingAmount: answered.fundingAmount,
          },
        });
      }
      for (const months of spec.unanswered) {
        await db.checkIn.create({
          data: {
            applicationId: application.id,
            monthsAfter: months,
            dueAt: DUE[months],
            openedAt: DUE[months] <= NOW ? DUE[months] : null,
          },
        });
      }
    }
    // Not followed: enrolled but not started, with an answered check-in; and an applicant never enrolled.
    const enrolled = await createCandidate({ call, site: siteA, status: "ENROLLED", projectName: `Enrolled ${call.id}` });
    await db.application.update({ where: { id: enrolled.application.id }, data: { enrolledCohortId: cohortOf.A.id } });
    await db.checkIn.create({
      data: {
        applicationId: enrolled.application.id,
        monthsAfter: 6,
        dueAt: DUE[6],
        answers: JSON.stringify(answersFrom()),
        submittedAt: DUE[6],
        operating: true,
        fullTimeJobs: 50,
        exportShare: 90,
        fundingAmount: 1_000_000,
      },
    });
    await createCandidate({ call, site: siteB, status: "REJECTED", projectName: `Rejected ${call.id}` });
    // Written row by row above, as a database from before the summaries: summarized as the scheduled pass does.
    await db.$transaction((tx) => refreshFollowUpSummaries(tx, { missing: true }));
    return { call, siteA, siteB, names };
  }

  it("keeps a project's figures current in the transaction of every write they depend on", async () => {
    const setup = await cohortStarting(at("2025-03-01T00:00:00Z"));
    const project = await projectIn(setup);
    const figures = () => outcomesDashboard({ callId: setup.call.id }, at("2027-06-01T00:00:00Z"));
    // Enrolled, not started: not followed yet.
    expect((await figures()).projects).toBe(0);

    // The cohort starts: the scheduled pass moves the project into incubation.
    await runFollowUpJobs(at("2025-03-01T00:01:00Z"));
    expect(await figures()).toMatchObject({ projects: 1, checkInsAnswered: 0, jobs: { projects: 0 } });

    const six = await checkInOf(project.application.id, 6);
    await submitCheckIn(
      six.id,
      answersFrom({ fullTimeJobs: "4", exportShare: "10" }),
      { userId: project.founder.id, onBehalf: false },
      at("2025-09-05T00:00:00Z"),
    );
    let now = await figures();
    expect(now).toMatchObject({ checkInsAnswered: 1, jobs: { projects: 1, fullTime: 4 }, exporting: { exporting: 1 } });
    expect(now.jobsByMonth).toMatchObject([{ monthsAfter: 6, fullTime: 4, answered: 1 }]);
    // Not graduated at 18 months (1 September 2026): reached, no success.
    expect(now.success).toEqual({ successes: 0, reached: 1, rate: 0 });

    const { version } = await db.application.findUniqueOrThrow({ where: { id: project.application.id }, select: { version: true } });
    await moveFollowUp(setup.cohort.id, project.application.id, "graduate", admin, version);
    // Graduated (today), never ceased: a success at 18 months.
    expect((await figures()).success).toEqual({ successes: 1, reached: 1, rate: 1 });

    // The cohort's start moves to 2026: 18 months on is 1 January 2027 + 6 months, after the dashboard's day.
    await saveCohort(
      setup.call.id,
      setup.cohort.id,
      { siteId: setup.site.id, name: "Cohorte décalée", startsAt: "2026-01-01", capacity: 10, quotas: {} } as never,
      admin.id,
    );
    now = await figures();
    expect(now.success).toEqual({ successes: 0, reached: 0, rate: null });
    expect(now.projects).toBe(1);
  });

  it("groups the scores in quintiles in the database as successByScoreQuintile does, equal scores in the projects' order", async () => {
    const [site] = await createSites(1);
    const { call, cohorts } = await createDecisionCall({ cohorts: [{ site, capacity: 30 }] });
    await db.cohort.update({ where: { id: cohorts[0].id }, data: { startsAt: START } });
    // 17 projects, scores with ties across the quintiles' boundaries, every third one ceased before 18 months.
    const scores = [3.5, 2, 2, 4.25, 1.5, 3.5, 3.5, 2.75, 5, 1.5, 4.25, 2, 3, 3.5, 2.75, 4, 1];
    const projects = [];
    for (const [index, score] of scores.entries()) {
      const graduated = index % 3 !== 0;
      const { application } = await createCandidate({
        call,
        site,
        status: graduated ? "GRADUATED" : "CEASED",
        projectName: `Q${index} ${call.id}`,
      });
      await db.application.update({
        where: { id: application.id },
        data: {
          enrolledCohortId: cohorts[0].id,
          rawScore: score,
          normalizedScore: null,
          graduatedAt: graduated ? at("2028-07-01T00:00:00Z") : null,
          ceasedAt: graduated ? null : at("2027-09-01T00:00:00Z"),
        },
      });
      projects.push({ id: application.id, score, success: graduated });
    }
    await db.$transaction((tx) => refreshFollowUpSummaries(tx, { callId: call.id }));

    const figures = await outcomesDashboard({ callId: call.id }, NOW);
    // Given in the database's order for equal scores (the projects' ids), the reference's sort keeps it.
    const ordered = [...projects].sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : 1));
    expect(figures.prediction.quintiles).toEqual(successByScoreQuintile(ordered));
    expect(figures.prediction.quintiles.map((quintile) => quintile.count)).toEqual([3, 4, 3, 4, 3]);
    expect(figures.prediction.projects).toBe(17);
  });

  it("adds up success at 18 months, survival, jobs, exports, funding and missing check-ins as figured by hand, and filters by site and sector", async () => {
    const { call, siteA, siteB } = await outcomesSet();
    const all = await outcomesDashboard({ callId: call.id }, NOW);

    expect(all.projects).toBe(6);
    // Missing: P3 1 + P4 2 + P5 4 (P1's and P4's 36-month ones are not due). Answered: 4 + 4 + 1 + 2 + 0 + 2.
    expect(all.checkInsMissing).toBe(7);
    expect(all.checkInsAnswered).toBe(13);
    // P1, P2 and P5 of the six.
    expect(all.success).toEqual({ successes: 3, reached: 6, rate: 0.5 });

    // Kaplan–Meier in calendar months (a check-in due addMonths(start, 12) is exactly 12 months in) on P3 about 9
    // (ceased), P4 12 (censored at its 12-month check-in), P6 about 13 (ceased), P5 about 18 (censored), P2 about
    // 21 (ceased), P1 just past 24 (censored): 5/6 after P3; at one year P4, P6, P5, P2 and P1 are at risk. Then
    // 5/6 × 3/4 = 0.625 after P6, × 1/2 = 0.3125 after P2; at two years only P1 is still at risk.
    const survival = Object.fromEntries(all.survival.map((entry) => [entry.years, entry.point]));
    expect(survival[1]!.atRisk).toBe(5);
    expect(survival[1]!.survival).toBeCloseTo(5 / 6, 10);
    expect(survival[2]!.atRisk).toBe(1);
    expect(survival[2]!.survival).toBeCloseTo(0.3125, 10);
    expect(survival[3]).toBeNull();
    expect(survival[5]).toBeNull();

    // Per site: A (P1, P2, P5) 1 at one year with 3 at risk, 1/2 at two years with 1; B (P3, P4, P6) 2/3 at one
    // year with P4 (seen at 12 months) and P6 at risk, nothing observed two years.
    const bySite = Object.fromEntries(all.survivalBySite.map((group) => [group.group, group]));
    const [siteAName, siteBName] = await Promise.all([
      db.site.findUniqueOrThrow({ where: { id: siteA.id } }).then((site) => site.name),
      db.site.findUniqueOrThrow({ where: { id: siteB.id } }).then((site) => site.name),
    ]);
    expect(bySite[siteAName].projects).toBe(3);
    expect(bySite[siteAName].points[0]).toEqual({ years: 1, point: { survival: 1, atRisk: 3 } });
    expect(bySite[siteAName].points[1]).toEqual({ years: 2, point: { survival: 0.5, atRisk: 1 } });
    expect(bySite[siteBName].projects).toBe(3);
    expect(bySite[siteBName].points[0].point!.atRisk).toBe(2);
    expect(bySite[siteBName].points[0].point!.survival).toBeCloseTo(2 / 3, 10);
    expect(bySite[siteBName].points[1].point).toBeNull();
    // The curves drawn every 3 months: site A level at 1 until P2 ceased (20.99 months), then 1/2 until P1's
    // last check-in just past 24 months, and no point beyond; site B level at 1 until P3 ceased (8.97), 2/3 from
    // 9 months, and nothing observed after P6 (13.01): the 15-month point is already null.
    const curveOf = (group: { curve: Array<{ months: number; survival: number | null }> }) =>
      Object.fromEntries(group.curve.map((point) => [point.months, point.survival]));
    expect(curveOf(bySite[siteAName])).toMatchObject({ 0: 1, 18: 1, 21: 0.5, 24: 0.5, 27: null, 60: null });
    expect(curveOf(bySite[siteBName])[6]).toBe(1);
    expect(curveOf(bySite[siteBName])[9]).toBeCloseTo(2 / 3, 10);
    expect(curveOf(bySite[siteBName])[12]).toBeCloseTo(2 / 3, 10);
    expect(curveOf(bySite[siteBName])[15]).toBeNull();
    const bySector = Object.fromEntries(all.survivalBySector.map((group) => [group.group, group.projects]));
    expect(bySector).toEqual({ GREEN_TECH: 3, NEW_TECH: 3 });

    // Latest answered check-in of each project that answered one: P1 5, P2 0, P3 1, P4 3, P6 0 full-time jobs
    // (sum 9, median of 0 0 1 3 5 = 1); part-time P1 2 + P4 1; exporting P1 (20 %) and P4 (40 %): 2 of 5.
    expect(all.jobs).toEqual({ projects: 5, fullTime: 9, partTime: 3, medianFullTime: 1 });
    expect(all.exporting).toEqual({ projects: 5, exporting: 2, share: 0.4 });
    // 150,000 (P1) + 300,000 (P2) + 20,000 (P3).
    expect(all.funding).toEqual({ total: 470000, projects: 3 });
    // Full-time jobs by check-in: 6 months 2+1+1+2+1 = 7 (5 answered), 12: 3+2+3+0 = 8 (4), 18: 4+2 = 6 (2), 24: 5+0 = 5 (2).
    expect(all.jobsByMonth).toEqual([
      { monthsAfter: 6, fullTime: 7, partTime: 0, answered: 5 },
      { monthsAfter: 12, fullTime: 8, partTime: 1, answered: 4 },
      { monthsAfter: 18, fullTime: 6, partTime: 0, answered: 2 },
      { monthsAfter: 24, fullTime: 5, partTime: 2, answered: 2 },
    ]);

    // Site A: P1, P2, P5 — all three succeeded; 4 missing (P5); funding 450,000; latest jobs 5 and 0.
    const atA = await outcomesDashboard({ callId: call.id, siteId: siteA.id }, NOW);
    expect(atA.projects).toBe(3);
    expect(atA.success).toEqual({ successes: 3, reached: 3, rate: 1 });
    expect(atA.checkInsMissing).toBe(4);
    expect(atA.funding).toEqual({ total: 450000, projects: 2 });
    expect(atA.jobs).toEqual({ projects: 2, fullTime: 5, partTime: 2, medianFullTime: 2.5 });
    // The site alone picks the same (the site is the test's own).
    expect((await outcomesDashboard({ siteId: siteA.id }, NOW)).projects).toBe(3);

    // NEW_TECH: P3, P4, P5 — P5 succeeded; missing 1 + 2 + 4; funding 20,000; latest 1 and 3 jobs, P4 exports.
    const newTech = await outcomesDashboard({ callId: call.id, sector: "NEW_TECH" }, NOW);
    expect(newTech.projects).toBe(3);
    expect(newTech.success).toEqual({ successes: 1, reached: 3, rate: 1 / 3 });
    expect(newTech.checkInsMissing).toBe(7);
    expect(newTech.funding).toEqual({ total: 20000, projects: 1 });
    expect(newTech.exporting).toEqual({ projects: 2, exporting: 1, share: 0.5 });

    // Site B and GREEN_TECH: P6 alone, ceased at 13.01 months: at one year it was still at risk, survival 1.
    const p6 = await outcomesDashboard({ callId: call.id, siteId: siteB.id, sector: "GREEN_TECH" }, NOW);
    expect(p6.projects).toBe(1);
    expect(p6.success).toEqual({ successes: 0, reached: 1, rate: 0 });
    expect(p6.survival[0]).toEqual({ years: 1, point: { survival: 1, atRisk: 1 } });

    // Before the 18-month mark of the cohorts (1 July 2028) no project is old enough for the measure.
    expect((await outcomesDashboard({ callId: call.id }, at("2028-06-30T00:00:00Z"))).success).toEqual({
      successes: 0,
      reached: 0,
      rate: null,
    });
  });

  it("downloads the page's tables as CSV, a row per figure, for the projects the filters pick", async () => {
    const { call } = await outcomesSet();
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const response = await callRoute(tablesCsvLoader, { path: `/admin/outcomes/tables.csv?call=${call.id}`, cookie: await signIn(admin) });
    expect(response.status).toBe(200);
    const { bom, records } = await readCsv(response);
    expect(bom).toBe(true);
    const [header, ...rows] = records;
    expect(header).toEqual(OUTCOME_TABLES_CSV_HEADER);
    const figure = (table: string, measure: string, group = "") =>
      rows.find((row) => row[0] === table && row[1] === group && row[2] === measure)?.slice(3);
    // The page's own figures (checked by hand above), as of now: the route reads the page as it is today.
    const page = await outcomesDashboard({ callId: call.id }, new Date());
    expect(figure("figures", "projects_followed")).toEqual(["6", "6"]);
    expect(figure("figures", "check_ins_missing")).toEqual([String(page.checkInsMissing), "6"]);
    expect(figure("figures", "full_time_jobs")).toEqual(["9", "5"]);
    expect(figure("figures", "exporting_share")).toEqual(["0.4", "5"]);
    expect(figure("figures", "funding_raised_mad")).toEqual(["470000", "3"]);
    expect(figure("jobs_by_check_in", "full_time_jobs", "6")).toEqual(["7", "5"]);
    expect(rows.filter((row) => row[0] === "survival_by_sector")).toHaveLength(2 * page.survival.length);
    expect(rows.filter((row) => row[0] === "success_by_score_quintile")).toHaveLength(5);
  });

  it("gives one CSV row per answered check-in of the projects the filters pick, as long as the header", async () => {
    const { call, siteA, names } = await outcomesSet();
    const collect = async (filters: Parameters<typeof checkInRows>[0]) => {
      const rows: Array<Array<string | number | Date | boolean>> = [];
      for await (const row of checkInRows(filters)()) rows.push(row);
      return rows;
    };
    const column = (name: string) => CHECK_INS_CSV_HEADER.indexOf(name);

    const all = await collect({ callId: call.id });
    // 4 + 4 + 1 + 2 + 0 + 2: the enrolled project's answered check-in is not followed.
    expect(all).toHaveLength(13);
    for (const row of all) expect(row).toHaveLength(CHECK_INS_CSV_HEADER.length);
    const count = (rows: typeof all) => perRecipient(rows.map((row) => ({ to: String(row[column("project")]) })));
    expect(count(all)).toEqual({
      [names.get("P1")!]: 4,
      [names.get("P2")!]: 4,
      [names.get("P3")!]: 1,
      [names.get("P4")!]: 2,
      [names.get("P6")!]: 2,
    });

    const p2Ceasing = all.find((row) => row[column("project")] === names.get("P2") && row[column("months_after")] === 24)!;
    expect(p2Ceasing[column("operating")]).toBe("no");
    expect(p2Ceasing[column("ceased_on")]).toBe("2028-10-01");
    expect(p2Ceasing[column("recorded_for_team")]).toBe(false);
    expect((p2Ceasing[column("due_at")] as Date).toISOString()).toBe(DUE[24].toISOString());
    const p1Latest = all.find((row) => row[column("project")] === names.get("P1") && row[column("months_after")] === 24)!;
    expect(p1Latest[column("full_time_jobs")]).toBe(5);
    expect(p1Latest[column("export_share")]).toBe(20);
    expect(p1Latest[column("support_networking")]).toBe(5);
    expect(p1Latest[column("support_skills")]).toBe("");

    const atA = await collect({ callId: call.id, siteId: siteA.id });
    expect(count(atA)).toEqual({ [names.get("P1")!]: 4, [names.get("P2")!]: 4 });
    const newTech = await collect({ callId: call.id, sector: "NEW_TECH" });
    expect(count(newTech)).toEqual({ [names.get("P3")!]: 1, [names.get("P4")!]: 2 });
  });
});
