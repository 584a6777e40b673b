import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "~/auth/password.server.ts";
import { db, dbReady } from "~/db/client.server.ts";
import { APPLICATION_STATUSES, SCORE_VALUES, SECTORS, type ApplicationStatus, type Role } from "~/domain/constants.ts";
import type { PrismaClient } from "~/generated/prisma/client.ts";
import { DEMO_ACCOUNTS, seedDatabase, type SeedSummary } from "../../prisma/seed.ts";
import { migratedDatabase, writtenColumns } from "../support/database-faults.ts";
import { historyBreaches, seatBreaches, submissionRuleBreaches } from "../support/invariants.ts";
import { buildAnswersSchema } from "~/domain/call-questions.ts";
import { validateEligibilityRules, validateQuestionDefinitions } from "~/domain/call-questions-editor.ts";
import { evaluateEligibility } from "~/domain/eligibility.ts";
import { readAnswers, readQuestionnaire } from "~/models/call-questions.server.ts";
import { DEMO_QUESTIONS } from "../../prisma/seed/demo-questions.ts";

// Every date the seed writes is computed from this instant, so runs are comparable.
const NOW = new Date("2026-11-26T09:30:00Z");
const DAY = 86_400_000;
/** The install's demo password, as the launcher would pass it (demoPassword). */
const DEMO_PASSWORD = "seed-test-password-0123";

const EXPECTED_SITES = [
  { slug: "casablanca", name: "Casablanca", nameAr: "الدار البيضاء", status: "OPEN" },
  { slug: "rabat", name: "Rabat", nameAr: "الرباط", status: "OPEN" },
  { slug: "tanger", name: "Tanger", nameAr: "طنجة", status: "OPEN" },
  { slug: "agadir", name: "Agadir", nameAr: "أكادير", status: "OPEN" },
  { slug: "fes", name: "Fès", nameAr: "فاس", status: "OPENING_SOON" },
  { slug: "tiznit", name: "Tiznit", nameAr: "تيزنيت", status: "OPENING_SOON" },
  { slug: "oujda", name: "Oujda", nameAr: "وجدة", status: "OPENING_SOON" },
];

/** Statuses whose applications went through a full round of reviews. */
/** Enrolled, then followed (issue 17): the statuses of the earlier cohorts' projects. */
const FOLLOWED: readonly ApplicationStatus[] = ["INCUBATING", "GRADUATED", "LEFT_EARLY", "CEASED"];
const ENROLLED_ONCE: readonly ApplicationStatus[] = ["ENROLLED", ...FOLLOWED];
const FULLY_REVIEWED: readonly ApplicationStatus[] = ["INTERVIEW", "COMMITTEE", "ACCEPTED", "WAITLISTED", "DECLINED", ...ENROLLED_ONCE];
const DECIDED: readonly ApplicationStatus[] = ["ACCEPTED", "WAITLISTED", "REJECTED", "DECLINED", ...ENROLLED_ONCE];
const OFFERED: readonly ApplicationStatus[] = ["ACCEPTED", "DECLINED", ...ENROLLED_ONCE];
/** The statuses of the selection, before follow-up: the open call shows each. */
const SELECTION_STATUSES = APPLICATION_STATUSES.filter((status) => !FOLLOWED.includes(status));

let summary: SeedSummary;

beforeAll(async () => {
  await dbReady;
  summary = await seedDatabase(db, { password: DEMO_PASSWORD, now: NOW });
});

/** A migrated database of its own, next to the one this test file was given (on its server, on PostgreSQL). */
const freshDatabase = migratedDatabase;

async function openCall(client: PrismaClient = db) {
  return client.call.findFirstOrThrow({ where: { status: "OPEN" }, include: { criteria: { orderBy: { position: "asc" } } } });
}

function mean(values: number[]): number {
  return values.reduce((total, value) => total + value, 0) / values.length;
}

describe("seedDatabase", () => {
  it("creates the seven sites with their French and Arabic names", async () => {
    const sites = await db.site.findMany({ orderBy: { sortOrder: "asc" }, select: { slug: true, name: true, nameAr: true, status: true } });
    expect(sites).toEqual(EXPECTED_SITES);
  });

  it("has one call open now, last year's call closed, and the five before archived", async () => {
    const calls = await db.call.findMany({ orderBy: { opensAt: "asc" } });
    expect(calls.map((call) => call.status)).toEqual(["ARCHIVED", "ARCHIVED", "ARCHIVED", "ARCHIVED", "ARCHIVED", "CLOSED", "OPEN"]);
    const [closed, open] = calls.slice(-2);

    expect(open.opensAt.getTime()).toBeGreaterThan(NOW.getTime() - 21 * DAY);
    expect(open.opensAt.getTime()).toBeLessThan(NOW.getTime() - 19 * DAY);
    expect(open.closesAt.getTime()).toBeGreaterThan(NOW.getTime() + 29 * DAY);
    expect(open.closesAt.getTime()).toBeLessThan(NOW.getTime() + 31 * DAY);
    expect(open).toMatchObject({ reviewersPerApplication: 3, blindReview: true, hasInterview: true, offerResponseDays: 7 });
    expect(open.title).toMatch(/^Appel à candidatures/);
    expect(open.description.length).toBeGreaterThan(300);

    expect(closed.closesAt.getTime()).toBeLessThan(NOW.getTime() - 300 * DAY);
    expect(closed.slug).not.toBe(open.slug);
  });

  it("writes the open call's texts in three languages and last year's in French and English", async () => {
    const [closed, open] = (await db.call.findMany({ orderBy: { opensAt: "asc" } })).slice(-2);
    for (const field of ["title", "description", "eligibilityText", "supportOffer"] as const) {
      expect(open[field].length, field).toBeGreaterThan(5);
      expect(open[`${field}En`]?.length, `${field}En`).toBeGreaterThan(5);
      expect(open[`${field}Ar`], `${field}Ar`).toMatch(/[\u0600-\u06FF]/);
    }
    expect(closed.titleEn).toMatch(/^Call for applications/);
    expect(closed.titleAr).toBeNull();
  });

  it("gives the open call valid questions and eligibility rules, and each application answers that pass them", async () => {
    const call = await openCall();
    const { questions, rules } = await readQuestionnaire(call.id);
    expect(questions.map((q) => q.key)).toEqual(DEMO_QUESTIONS.map((q) => q.key));
    expect(rules.map((rule) => `${rule.questionKey} ${rule.operator}`)).toEqual([
      "team_size between",
      "resident_in_morocco equals",
      "company_founded after",
    ]);
    expect([...validateQuestionDefinitions(questions), ...validateEligibilityRules(rules, questions)]).toEqual([]);
    const eligibilityQuestions = questions.filter((q) => q.step === "eligibility");
    const wizardQuestions = questions.filter((q) => q.step !== "eligibility");
    const applications = await db.application.findMany({ where: { callId: call.id }, select: { id: true, status: true, sector: true } });
    let answeredWizard = 0;
    for (const application of applications) {
      const answers = await readAnswers(application.id);
      expect(evaluateEligibility(rules, eligibilityQuestions, answers), application.id).toEqual({ eligible: true, failed: [] });
      if (application.status === "DRAFT") continue;
      const context = { sector: application.sector, siteIds: [], answers };
      expect(buildAnswersSchema(wizardQuestions, context, { mode: "submit" }).safeParse({}).success, application.id).toBe(true);
      answeredWizard += 1;
    }
    expect(answeredWizard).toBeGreaterThan(10);
    // Every yes/no and choice answer has its picked choices indexed for the admin list's filter.
    const choiceAnswers = await db.applicationAnswer.count({
      where: { question: { callId: call.id, type: { in: ["YES_NO", "SINGLE_CHOICE"] } } },
    });
    expect(await db.answerChoice.count({ where: { question: { callId: call.id } } })).toBe(choiceAnswers);
  });

  it("gives each call a weighted rubric labelled and anchored in three languages", async () => {
    const { criteria } = await openCall();
    expect(criteria.map((criterion) => criterion.key)).toEqual(["innovation", "market", "team", "impact", "feasibility"]);

    for (const call of await db.call.findMany({ include: { criteria: true } })) {
      expect(call.criteria.reduce((total, criterion) => total + criterion.weight, 0)).toBeCloseTo(1, 10);
      for (const criterion of call.criteria) {
        const label = JSON.parse(criterion.label);
        const anchors = JSON.parse(criterion.anchors);
        for (const locale of ["fr", "en", "ar"]) {
          expect(label[locale]).toEqual(expect.any(String));
          // One meaning per score of the review scale (1–5), which every criterion shares.
          expect(anchors[locale]).toHaveLength(5);
          expect(anchors[locale]).toHaveLength(SCORE_VALUES.length);
        }
      }
    }
  });

  it("makes every founder their application's lead, and two demo teams with co-founders' own accounts", async () => {
    const applications = await db.application.findMany({ select: { id: true, founderId: true, callId: true, submittedAt: true } });
    const leads = await db.teamMembership.findMany({ where: { lead: true } });
    expect(leads.map((m) => `${m.applicationId}:${m.userId}:${m.callId}`).sort()).toEqual(
      applications.map((a) => `${a.id}:${a.founderId}:${a.callId}`).sort(),
    );
    for (const lead of leads) {
      const application = applications.find((a) => a.id === lead.applicationId)!;
      expect(lead.consentAt?.getTime() ?? null).toBe(application.submittedAt?.getTime() ?? null);
    }
    const members = await db.teamMembership.findMany({
      where: { lead: false },
      include: { user: true, application: { include: { teamInvitations: true, teamMembers: true } } },
      orderBy: { user: { email: "asc" } },
    });
    expect(members.map((m) => [m.user.email, m.application.status, m.consentAt !== null])).toEqual([
      ["cofounder1@demo.tremplin.ma", "DRAFT", false],
      ["cofounder2@demo.tremplin.ma", "SUBMITTED", true],
    ]);
    const [draftTeam, submittedTeam] = members.map((m) => m.application);
    expect(draftTeam.teamInvitations.map((i) => i.status).sort()).toEqual(["ACCEPTED", "DECLINED", "PENDING"]);
    expect(submittedTeam.teamInvitations.map((i) => i.status)).toEqual(["ACCEPTED"]);
    // Everyone with an account, and the pending invitee, is on the team's list; the call's size holds.
    for (const member of members) expect(member.application.teamMembers.map((row) => row.email)).toContain(member.user.email);
    expect(draftTeam.teamMembers).toHaveLength(3);
    expect(submittedTeam.teamMembers).toHaveLength(2);
    expect(new Date(members[1].consentAt!).getTime()).toBeLessThan(submittedTeam.submittedAt!.getTime());
  });

  it("puts a cohort at every open site, with sector quotas within capacity", async () => {
    const openSiteIds = (await db.site.findMany({ where: { status: "OPEN" } })).map((site) => site.id).sort();
    for (const call of await db.call.findMany({ include: { cohorts: { include: { quotas: true } } } })) {
      expect(call.cohorts.map((cohort) => cohort.siteId).sort()).toEqual(openSiteIds);
      for (const cohort of call.cohorts) {
        expect(cohort.quotas.map((quota) => quota.sector).sort()).toEqual([...SECTORS].sort());
        expect(cohort.quotas.reduce((total, quota) => total + quota.seats, 0)).toBeLessThanOrEqual(cohort.capacity);
      }
    }
    const { cohorts } = await db.call.findFirstOrThrow({ where: { status: "OPEN" }, include: { cohorts: true } });
    expect(cohorts.map((cohort) => cohort.capacity).sort((a, b) => b - a)).toEqual([12, 10, 8, 8]);
  });

  it("creates the admin, six reviewers, forty founders and two co-founders with their roles", async () => {
    const countRole = (role: Role) => db.userRole.count({ where: { role } });
    expect([await countRole("ADMIN"), await countRole("REVIEWER"), await countRole("FOUNDER")]).toEqual([1, 6, 42]);
    expect(await db.user.count()).toBe(49);
    expect(summary).toMatchObject({ admins: 1, reviewers: 6, founders: 40, sites: 7, calls: 7 });

    for (const account of DEMO_ACCOUNTS) {
      const user = await db.user.findUniqueOrThrow({ where: { email: account.email }, include: { roles: true } });
      expect(user.name).toBe(account.name);
      expect(user.roles.map((role) => role.role)).toEqual([account.role]);
    }
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@demo.tremplin.ma" } });
    expect(admin.name).toBe("Salma Bennani");
    expect(await db.user.count({ where: { email: { startsWith: "founder" } } })).toBe(40);

    const profiles = await db.reviewerProfile.findMany({ include: { sites: true } });
    expect(profiles).toHaveLength(6);
    for (const profile of profiles) {
      expect(profile.maxLoad).toBe(15);
      expect(profile.sectors.split(",").every((sector) => (SECTORS as readonly string[]).includes(sector))).toBe(true);
      expect(profile.sites.length).toBeGreaterThan(0);
    }

    const locales = await db.user.groupBy({ by: ["locale"], _count: true });
    const byLocale = Object.fromEntries(locales.map((row) => [row.locale, row._count]));
    expect(Object.keys(byLocale).sort()).toEqual(["ar", "en", "fr"]);
    expect(byLocale.fr).toBeGreaterThan(byLocale.en + byLocale.ar);
  });

  it("covers every status of the selection at least twice on the open call, and every follow-up status on earlier cohorts", async () => {
    const call = await openCall();
    const counts = await db.application.groupBy({ by: ["status"], where: { callId: call.id }, _count: true });
    const byStatus = Object.fromEntries(counts.map((row) => [row.status, row._count]));
    for (const status of SELECTION_STATUSES) expect(byStatus[status], status).toBeGreaterThanOrEqual(2);
    for (const status of FOLLOWED) expect(byStatus[status], status).toBeUndefined();
    for (const status of FOLLOWED) expect(await db.application.count({ where: { status } }), status).toBeGreaterThan(0);
    expect(await db.application.count({ where: { callId: call.id } })).toBe(40);
    expect(summary.openCallStatuses).toEqual(Object.fromEntries(APPLICATION_STATUSES.map((status) => [status, byStatus[status] ?? 0])));
  });

  it("keeps every application consistent with its status", async () => {
    const applications = await db.application.findMany({
      include: {
        founder: true,
        call: { include: { cohorts: true } },
        teamMembers: { orderBy: { position: "asc" } },
        attachments: true,
        assignments: { include: { review: true } },
        offers: true,
      },
    });
    const openSiteIds = new Set((await db.site.findMany({ where: { status: "OPEN" } })).map((site) => site.id));
    const auditEvents = await db.auditEvent.findMany({ where: { subjectType: "Application" }, orderBy: { createdAt: "asc" } });
    const assignmentStatusesInReview = new Set<string>();

    for (const application of applications) {
      const label = `${application.founder.email} ${application.status}`;
      const status = application.status as ApplicationStatus;
      expect(application.tagline.length, label).toBeLessThanOrEqual(140);
      expect(application.projectName, label).not.toBe("");
      expect(application.submittedAt === null, label).toBe(status === "DRAFT");
      expect(application.updatedAt.getTime(), label).toBeLessThanOrEqual(NOW.getTime());
      expect(application.createdAt.getTime(), label).toBeGreaterThanOrEqual(application.call.opensAt.getTime());
      // Scored applications are normalized and ranked by the app's own scoring; the rest are not.
      expect(application.normalizedScore !== null, label).toBe(application.rawScore !== null);
      expect(application.rank !== null, label).toBe(application.rawScore !== null);

      // The founder leads a team of one to three.
      expect(application.teamMembers.length, label).toBeGreaterThanOrEqual(1);
      expect(application.teamMembers.length, label).toBeLessThanOrEqual(3);
      expect(application.teamMembers[0].email, label).toBe(application.founder.email);

      if (status !== "DRAFT") {
        expect(
          application.attachments.map((attachment) => attachment.kind),
          label,
        ).toEqual(["PITCH_DECK"]);
        expect(application.sector, label).toMatch(/^(NEW_TECH|GREEN_TECH|CULTURAL_INDUSTRIES)$/);
        expect(application.stage, label).toMatch(/^(IDEA|PROTOTYPE|MVP|REVENUE)$/);
        expect(openSiteIds.has(application.preferredSiteId!), label).toBe(true);
        expect(
          application.call.cohorts.some((cohort) => cohort.siteId === application.preferredSiteId),
          label,
        ).toBe(true);
        expect(application.alternateSiteId, label).not.toBe(application.preferredSiteId);
        expect(application.problem && application.solution && application.market && application.traction, label).toBeTruthy();
      }

      const reviewAssignments = application.assignments.filter((assignment) => assignment.stage === "REVIEW");
      const submitted = reviewAssignments.filter((assignment) => assignment.status === "SUBMITTED");
      const screenedOut = status === "REJECTED" && reviewAssignments.length === 0;
      if (FULLY_REVIEWED.includes(status) || (status === "REJECTED" && !screenedOut)) {
        expect(submitted, label).toHaveLength(3);
      }
      if (status === "REVIEW") {
        expect(reviewAssignments, label).toHaveLength(3);
        for (const assignment of reviewAssignments) assignmentStatusesInReview.add(assignment.status);
      }
      if (reviewAssignments.length > 0) {
        expect(new Set(reviewAssignments.map((assignment) => assignment.reviewerId)).size, label).toBe(reviewAssignments.length);
      } else {
        expect(["DRAFT", "SUBMITTED", "SCREENING", "REJECTED", "WITHDRAWN"], label).toContain(status);
      }
      for (const assignment of reviewAssignments) {
        expect(assignment.review !== null, label).toBe(assignment.status === "SUBMITTED");
      }

      // Application-level scores summarise its submitted reviews.
      const scores = submitted.map((assignment) => assignment.review!.score!);
      expect(application.reviewCount, label).toBe(scores.length);
      if (scores.length === 0) {
        expect([application.rawScore, application.disagreement], label).toEqual([null, null]);
      } else {
        const average = mean(scores);
        expect(application.rawScore!, label).toBeCloseTo(average, 10);
        expect(application.disagreement!, label).toBeCloseTo(Math.sqrt(mean(scores.map((score) => (score - average) ** 2))), 10);
      }

      expect(application.decisionReleasedAt !== null, label).toBe(DECIDED.includes(status));
      expect(application.withdrawnAt !== null, label).toBe(status === "WITHDRAWN");

      const offerStatuses = application.offers.map((offer) => offer.status);
      if (status === "ACCEPTED") {
        expect(offerStatuses, label).toEqual(["PENDING"]);
        const [offer] = application.offers;
        expect(offer.expiresAt.getTime(), label).toBeGreaterThan(NOW.getTime());
        expect(offer.expiresAt.getTime() - offer.createdAt.getTime(), label).toBe(application.call.offerResponseDays * DAY);
      } else if (ENROLLED_ONCE.includes(status)) {
        expect(offerStatuses, label).toEqual(["ACCEPTED"]);
        expect(application.enrolledCohortId, label).toBe(application.offers[0].cohortId);
      } else if (status === "DECLINED") {
        expect(offerStatuses.length, label).toBe(1);
        expect(["DECLINED", "EXPIRED"], label).toContain(offerStatuses[0]);
      } else {
        expect(offerStatuses, label).toEqual([]);
      }
      if (!ENROLLED_ONCE.includes(status)) expect(application.enrolledCohortId, label).toBeNull();
      // Follow-up: in incubation from the cohort's start, graduated or ceased when the lifecycle says so.
      expect(application.incubationStartedAt !== null, label).toBe(FOLLOWED.includes(status));
      if (status === "CEASED") expect(application.ceasedAt, label).not.toBeNull();
      if (status === "GRADUATED") expect(application.graduatedAt, label).not.toBeNull();

      // Its history, as the app writes it: started, the deck uploaded, then each lifecycle step.
      const events = auditEvents.filter((event) => event.subjectId === application.id);
      expect(events[0]?.type, label).toBe("APPLICATION_STARTED");
      expect(
        events.every((event) => event.createdAt.getTime() <= application.updatedAt.getTime()),
        label,
      ).toBe(true);
      expect(events.filter((event) => event.type === "ATTACHMENT_ADDED").length, label).toBe(application.attachments.length);
      if (OFFERED.includes(status)) expect(application.allocatedCohortId, label).toBe(application.offers[0].cohortId);
      else expect(application.allocatedCohortId, label).toBeNull();
      // Each committee decision was released (DECISION_RELEASED), a screening rejection told at once.
      expect(
        events.some((event) => event.type === "DECISION_RELEASED"),
        label,
      ).toBe(DECIDED.includes(status) && !screenedOut);
    }

    expect(assignmentStatusesInReview).toEqual(new Set(["PENDING", "SUBMITTED"]));
    expect(await db.outboxEmail.count()).toBe(0);
  });

  it("stores the pitch decks once, as a real PDF matching their hash", async () => {
    const attachments = await db.attachment.findMany();
    expect(attachments.length).toBeGreaterThan(0);
    expect(new Set(attachments.map((attachment) => attachment.storageKey)).size).toBe(1);
    const [deck] = attachments;
    const bytes = fs.readFileSync(path.join(process.env.STORAGE_DIR!, deck.storageKey));
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(deck.sha256);
    expect([deck.size, deck.mimeType]).toEqual([bytes.length, "application/pdf"]);
  });

  it("keeps seats held within each cohort's sector quotas", async () => {
    const cohorts = await db.cohort.findMany({ include: { quotas: true, offers: { include: { application: true } } } });
    for (const cohort of cohorts) {
      const holding = cohort.offers.filter((offer) => offer.status === "PENDING" || offer.status === "ACCEPTED");
      for (const quota of cohort.quotas) {
        const taken = holding.filter((offer) => offer.application.sector === quota.sector).length;
        expect(taken, `${cohort.name} ${quota.sector}`).toBeLessThanOrEqual(quota.seats);
      }
    }
  });

  it("obeys the invariants of the app's own rows: submission rule, seats, lifecycle history", async () => {
    const cohorts = await db.cohort.findMany({ select: { id: true } });
    expect(await submissionRuleBreaches({})).toEqual([]);
    expect(await seatBreaches(cohorts.map((cohort) => cohort.id))).toEqual([]);
    expect(await historyBreaches({})).toEqual([]);
    // The calls' batch releases, counted as releaseDecisions counts them.
    for (const call of await db.call.findMany({ select: { id: true } })) {
      const released = await db.application.count({
        where: { callId: call.id, decisionReleasedAt: { not: null }, status: { in: [...DECIDED] }, assignments: { some: {} } },
      });
      const events = await db.auditEvent.findMany({ where: { subjectType: "Call", subjectId: call.id, type: "DECISIONS_RELEASED" } });
      expect(events.map((event) => JSON.parse(event.details))).toEqual([{ count: released }]);
    }
  });

  it("counts every write in an application's version: the wizard steps saved, the upload, each transition", async () => {
    const applications = await db.application.findMany({
      include: { teamMembers: { orderBy: { position: "asc" } } },
    });
    const events = await db.auditEvent.groupBy({
      by: ["subjectId", "type"],
      where: { subjectType: "Application" },
      _count: { _all: true },
    });
    for (const application of applications) {
      const count = (type: (t: string) => boolean) =>
        events.filter((e) => e.subjectId === application.id && type(e.type)).reduce((total, e) => total + e._count._all, 0);
      // A draft is created empty (version 1); each step the founder saved wrote its fields, first the project's name.
      const stepsSaved =
        1 + Number(application.problem !== "") + Number(application.teamMembers[0].role !== "") + Number(application.sector !== null);
      const uploads = count((type) => type === "ATTACHMENT_ADDED");
      const transitions = count((type) => type.startsWith("TRANSITION_"));
      expect(application.version, `${application.status} ${application.id}`).toBe(1 + stepsSaved + uploads + transitions);
    }
  });

  it("writes no column that nothing in app/ names", async () => {
    const source = appSource();
    const written = await writtenColumns();
    // What the seed writes is seen (the check below looks at something).
    expect(written).toEqual(expect.arrayContaining(["User.email", "Application.problem", "Review.score"]));
    // Prisma's own tables (their names start with "_": its implicit many-to-many tables, columns A and B) aside.
    const unread = written.filter((column) => !column.startsWith("_") && !namedIn(source, column.slice(column.indexOf(".") + 1)));
    expect(unread).toEqual([]);
  });

  it("scores every review as the weighted mean of its criteria", async () => {
    const reviews = await db.review.findMany({ include: { scores: { include: { criterion: true } } } });
    expect(reviews.length).toBeGreaterThan(0);
    for (const review of reviews) {
      expect(review.submittedAt).not.toBeNull();
      expect(review.recommendation).toMatch(/^(STRONG_YES|YES|MAYBE|NO)$/);
      expect(review.scores.length).toBeGreaterThanOrEqual(4);
      for (const { value } of review.scores) expect(value >= 1 && value <= 5 && Number.isInteger(value)).toBe(true);
      const weightSum = review.scores.reduce((total, { criterion }) => total + criterion.weight, 0);
      const weighted = review.scores.reduce((total, { value, criterion }) => total + value * criterion.weight, 0);
      expect(review.score!).toBeCloseTo(weighted / weightSum, 10);
    }
  });

  it("gives every account the install's demo password, hashed once with argon2id, and no published one", async () => {
    const hashes = await db.user.findMany({ distinct: ["passwordHash"], select: { passwordHash: true } });
    expect(hashes).toHaveLength(1);
    const founder = await db.user.findUniqueOrThrow({ where: { email: "founder1@demo.tremplin.ma" } });
    expect(founder.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(founder.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(founder.passwordHash, "wrong-password")).toBe(false);
    // The password the README used to print for every install opens nothing.
    expect(await verifyPassword(founder.passwordHash, "tremplin-demo-2026")).toBe(false);
  });

  it("writes the same contents from the same options", async () => {
    const other = await freshDatabase("seed-determinism");
    try {
      await seedDatabase(other.db, { password: DEMO_PASSWORD, now: NOW });
      const [first, second] = await Promise.all([fingerprint(db), fingerprint(other.db)]);
      expect(second).toEqual(first);
      expect(first.length).toBe(summary.applications);
    } finally {
      await other.dispose();
    }
  });

  it("scales reviewers and cohorts for a large seed", async () => {
    const large = await freshDatabase("seed-large");
    try {
      const result = await seedDatabase(large.db, { password: DEMO_PASSWORD, now: NOW, applications: 1500 });
      expect(result).toMatchObject({ reviewers: 60, founders: 1500 });
      expect(await large.db.application.count({ where: { call: { status: "OPEN" } } })).toBe(1500);

      const profiles = await large.db.reviewerProfile.findMany();
      const loads = await large.db.reviewAssignment.groupBy({
        by: ["reviewerId"],
        where: { application: { call: { status: "OPEN" } } },
        _count: true,
      });
      const busiest = Math.max(...loads.map((load) => load._count));
      for (const profile of profiles) expect(profile.maxLoad).toBeGreaterThanOrEqual(busiest);

      const cohorts = await large.db.cohort.findMany({ include: { quotas: true } });
      for (const cohort of cohorts) {
        const seats = cohort.quotas.reduce((total, quota) => total + quota.seats, 0);
        expect(seats).toBeLessThanOrEqual(cohort.capacity);
        const held = await large.db.offer.count({ where: { cohortId: cohort.id, status: { in: ["PENDING", "ACCEPTED"] } } });
        expect(held).toBeLessThanOrEqual(cohort.capacity);
      }
    } finally {
      await large.dispose();
    }
  }, 60_000);
});

/** Everything about the seeded applications that must not vary between runs (ids excluded). */
async function fingerprint(client: PrismaClient) {
  const applications = await client.application.findMany({
    include: {
      founder: { select: { email: true, name: true, locale: true } },
      call: { select: { slug: true } },
      preferredSite: { select: { slug: true } },
      alternateSite: { select: { slug: true } },
      teamMembers: { orderBy: { position: "asc" }, select: { name: true, email: true, role: true } },
      attachments: { select: { kind: true, fileName: true, createdAt: true } },
      assignments: {
        include: {
          reviewer: { select: { email: true } },
          review: { include: { scores: { include: { criterion: { select: { key: true } } } } } },
        },
      },
      offers: { select: { status: true, expiresAt: true } },
    },
  });
  const events = await client.auditEvent.findMany({
    where: { subjectType: "Application" },
    orderBy: { createdAt: "asc" },
    select: { subjectId: true, type: true, toState: true, details: true, createdAt: true },
  });
  return applications
    .map((application) => ({
      key: `${application.call.slug} ${application.founder.email}`,
      version: application.version,
      history: events
        .filter((event) => event.subjectId === application.id)
        .map((event) => [event.type, event.toState, event.details, event.createdAt.toISOString()]),
      founder: application.founder,
      content: [
        application.projectName,
        application.tagline,
        application.problem,
        application.solution,
        application.market,
        application.traction,
      ],
      facets: [application.status, application.sector, application.stage, application.preferredSite?.slug, application.alternateSite?.slug],
      dates: [application.createdAt, application.submittedAt, application.updatedAt, application.decisionReleasedAt].map((date) =>
        date?.toISOString(),
      ),
      scores: [application.rawScore, application.disagreement, application.reviewCount],
      team: application.teamMembers,
      attachments: application.attachments,
      reviews: application.assignments
        .map((assignment) => ({
          reviewer: assignment.reviewer.email,
          status: assignment.status,
          score: assignment.review?.score,
          values: assignment.review?.scores.map((score) => `${score.criterion.key}=${score.value}`).sort(),
        }))
        .sort((a, b) => a.reviewer.localeCompare(b.reviewer)),
      offers: application.offers.map((offer) => [offer.status, offer.expiresAt.toISOString()]),
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** Every source file of the app (not the generated client), as one text. */
function appSource(): string {
  const root = path.resolve(import.meta.dirname, "../../app");
  const files = fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !file.startsWith("generated"));
  return files.map((file) => fs.readFileSync(path.join(root, file), "utf8")).join("\n");
}

/** Whether code names the column: a property read or written (`.name`, `name:`, `{ name }`), not a word in a comment. */
function namedIn(source: string, column: string): boolean {
  return new RegExp(`\\.${column}\\b|\\b${column}\\s*:|[{,]\\s*${column}\\s*[,}]`).test(source);
}
