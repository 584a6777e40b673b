// Retention per call and the anonymizer (issue 20) against a real database, SQLite and PostgreSQL, with time
// passed in (`now`): a rich rejected application past its period, a draft and a withdrawn one past theirs, and
// one not yet due; after the run nothing personal of theirs is left anywhere — every text column of every table
// and every stored file searched for the original values — while the application not due is untouched, a file
// it shares is kept, every statistic is the same, and the run is audited. Also: the preview is what the run
// does, two runs at once anonymize each application once, the daily job, the periods an admin sets, and the page.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import type { QuestionDefinitionInput } from "~/domain/call-questions.ts";
import { startScheduledJobs } from "~/jobs/scheduler.server.ts";
import {
  ANONYMIZED_ADDRESS,
  ANONYMIZED_PROJECT_NAME,
  anonymizeIfDue,
  planRetention,
  runRetention,
  saveRetentionPeriods,
} from "~/models/anonymizer.server.ts";
import { readQuestionnaire, saveQuestion, writeAnswers } from "~/models/call-questions.server.ts";
import { answerDistributionsOfCall, callDashboard } from "~/models/dashboard.server.ts";
import { refreshFollowUpSummaries } from "~/models/follow-up-summary.server.ts";
import { postStaffMessage, postTeamMessage } from "~/models/message.server.ts";
import { outcomesDashboard } from "~/models/outcomes.server.ts";
import { claimScheduledRun } from "~/models/scheduled-run.server.ts";
import RetentionPage, { action, loader } from "~/routes/admin.retention.tsx";
import { signedIn } from "../support/enrollment-factories.ts";
import { createTestUser, refusalOf } from "../support/factories.ts";
import { expectRedirectWithFlash } from "../support/flash.ts";
import { createSite, recordStatusHistory } from "../support/intake-factories.ts";
import { attach, digits, findInDatabase, sorted, storedFiles, storedPdf, tag } from "../support/personal-data-search.ts";
import { callRoute } from "../support/remix.ts";

beforeAll(async () => {
  await dbReady;
});

const at = (iso: string) => new Date(iso);
const DAY_MS = 24 * 60 * 60 * 1000;
const MONTH_MS = 30 * DAY_MS;

function outboxEmail(data: {
  to: string;
  template: string;
  payload: object;
  dedupeKey: string;
  status?: "PENDING" | "SENT" | "FAILED";
  lastError?: string;
}) {
  return db.outboxEmail.create({
    data: {
      to: data.to,
      template: data.template,
      locale: "fr",
      payload: JSON.stringify(data.payload),
      dedupeKey: data.dedupeKey,
      messageId: `<${crypto.randomUUID()}@tremplin.test>`,
      status: data.status ?? "PENDING",
      lastError: data.lastError ?? null,
      sentAt: data.status === "SENT" ? at("2042-03-10T10:00:00Z") : null,
    },
  });
}

// ---------------------------------------------------------------------------
// The world: one call, its applications in every case, all dated in the 2040s (far from the real clock)

const NOW = at("2045-06-15T10:00:00Z");

const QUESTIONS: QuestionDefinitionInput[] = [
  {
    step: "questions",
    required: false,
    identifying: false,
    key: "pitch",
    type: "LONG_TEXT",
    maxLength: 2000,
    label: { fr: "Votre projet" },
  },
  { step: "questions", required: false, identifying: false, key: "website", type: "URL", label: { fr: "Site web" } },
  { step: "questions", required: false, identifying: false, key: "employees", type: "NUMBER", integer: true, label: { fr: "Salariés" } },
  {
    step: "questions",
    required: false,
    identifying: false,
    key: "maturity",
    type: "SINGLE_CHOICE",
    label: { fr: "Maturité" },
    choices: [
      { value: "idea", label: { fr: "Idée" } },
      { value: "prototype", label: { fr: "Prototype" } },
    ],
  },
  { step: "questions", required: false, identifying: false, key: "resident", type: "YES_NO", label: { fr: "Résident au Maroc ?" } },
];

async function buildWorld() {
  const t = tag();
  const admin = await createTestUser({ roles: ["ADMIN"], name: `Admin ${t}` });
  const reviewer = await createTestUser({ roles: ["REVIEWER"] });
  const otherReviewer = await createTestUser({ roles: ["REVIEWER"] });
  const [site, otherSite] = [await createSite(), await createSite()];
  const call = await db.call.create({
    data: {
      slug: `retention-${t}`,
      title: `Appel rétention ${t}`,
      description: "Un appel dont les candidatures ont dépassé leur durée de conservation.",
      opensAt: at("2040-11-01T09:00:00Z"),
      closesAt: at("2041-01-31T22:59:00Z"),
      status: "CLOSED",
      criteria: { create: [{ key: "overall", label: JSON.stringify({ fr: "Global" }), anchors: "{}", weight: 1, position: 0 }] },
      cohorts: { create: [{ siteId: site.id, name: `Cohorte ${t}`, startsAt: at("2041-04-01T08:00:00Z"), capacity: 10 }] },
    },
    include: { criteria: true, cohorts: true },
  });
  for (const question of QUESTIONS) await saveQuestion(call.id, null, question, admin.id);
  const { questions } = await readQuestionnaire(call.id);

  // The rich rejected application: told on 10 March 2042, due (24 months) on 10 March 2044.
  const lead = await createTestUser({ roles: ["FOUNDER"], name: `Salma Lead${t}`, email: `salma.${t}@lead-${t}.ma` });
  const member = await createTestUser({ roles: ["FOUNDER"], name: `Karim Member${t}`, email: `karim.${t}@member-${t}.ma` });
  const [leadPhone, memberPhone] = [digits(), digits()];
  const rich = await db.application.create({
    data: {
      founderId: lead.id,
      callId: call.id,
      status: "REJECTED",
      version: 7,
      submittedAt: at("2041-01-20T10:00:00Z"),
      decisionReleasedAt: at("2042-03-10T10:00:00Z"),
      decisionReason: `Motif ${t}-decision`,
      projectName: `Argane Solaire ${t}`,
      projectNameKey: `arganesolaire${t}`,
      tagline: `Slogan ${t}-tagline`,
      problem: `Problème ${t}-problem`,
      solution: `Solution ${t}-solution`,
      market: `Marché ${t}-market`,
      traction: `Traction ${t}-traction`,
      stage: "MVP",
      sector: "GREEN_TECH",
      preferredSiteId: site.id,
      alternateSiteId: otherSite.id,
      rawScore: 2.5,
      normalizedScore: 2.25,
      disagreement: 0.5,
      reviewCount: 1,
      rank: 4,
      teamMembers: {
        create: [
          { name: lead.name, email: lead.email, role: "CEO", position: 0 },
          { name: `Zineb Qadiri${t}`, email: `zineb.${t}@atelier-${t}.ma`, role: `Directrice ${t}-role`, position: 1 },
          { name: `Youssef Lahlou${t}`, email: `youssef.${t}@atelier-${t}.ma`, role: "CTO", position: 2 },
        ],
      },
    },
  });
  await db.teamMembership.createMany({
    data: [
      {
        applicationId: rich.id,
        callId: call.id,
        userId: lead.id,
        lead: true,
        consentAt: at("2041-01-10T10:00:00Z"),
        phone: `+212 6 61 ${leadPhone}`,
        phoneKey: `661${leadPhone}`,
        bio: `Bio ${t}-leadbio`,
        linkUrl: `https://linkedin.example/in/${t}-lead`,
        residesInMorocco: true,
      },
      {
        applicationId: rich.id,
        callId: call.id,
        userId: member.id,
        consentAt: at("2041-01-12T10:00:00Z"),
        phone: `+212 6 62 ${memberPhone}`,
        phoneKey: `662${memberPhone}`,
        bio: `Bio ${t}-memberbio`,
        linkUrl: `https://linkedin.example/in/${t}-member`,
      },
    ],
  });
  const invitation = await db.teamInvitation.create({
    data: {
      applicationId: rich.id,
      email: `nadia.${t}@guest-${t}.ma`,
      name: `Nadia Invitee${t}`,
      role: "CMO",
      tokenHash: crypto.randomBytes(32).toString("hex"),
      expiresAt: at("2041-01-25T10:00:00Z"),
      invitedById: lead.id,
    },
  });
  await db.draftStepChange.create({
    data: { applicationId: rich.id, step: "team", userId: member.id, changedAt: at("2041-01-15T10:00:00Z") },
  });
  await db.$transaction((tx) =>
    writeAnswers(tx, rich.id, questions, {
      pitch: `Notre procédé secret ${t}-answer`,
      website: `https://argane-${t}.ma`,
      employees: 7,
      maturity: "prototype",
      resident: true,
    }),
  );
  // Files: a pitch deck of its own, an annex whose bytes another application (not due) holds too.
  const deck = await storedPdf(`deck-${t}`);
  await attach(rich.id, deck, `Qadiri${t}-pitch.pdf`, "PITCH_DECK");
  const shared = await storedPdf(`shared-${t}`);
  await attach(rich.id, shared, `Annexe${t}-statuts.pdf`);
  // The thread: the member writes (with a PDF), the staff answers; both email and notify as they do.
  const teamMessage = await postTeamMessage(rich.id, member.id, { body: `Bonjour, ici ${t}-message` }, at("2041-02-01T10:00:00Z"));
  const messageFile = await storedPdf(`message-${t}`);
  await db.messageAttachment.create({
    data: {
      messageId: teamMessage.id,
      fileName: `Statuts${t}.pdf`,
      mimeType: messageFile.mimeType,
      size: messageFile.size,
      sha256: messageFile.sha256,
      storageKey: messageFile.storageKey,
    },
  });
  await postStaffMessage(rich.id, admin.id, { body: `Réponse pour Zineb ${t}-staffreply` }, at("2041-02-02T10:00:00Z"));
  // The deliberation: a discussion post, a review with its comments and scores, the consensus feedback.
  await db.discussionPost.create({
    data: { applicationId: rich.id, authorId: admin.id, body: `Zineb connaît ${t}-post`, createdAt: at("2041-02-20T10:00:00Z") },
  });
  const assignment = await db.reviewAssignment.create({ data: { applicationId: rich.id, reviewerId: reviewer.id, status: "SUBMITTED" } });
  await db.review.create({
    data: {
      assignmentId: assignment.id,
      privateComment: `Privé ${t}-private`,
      founderFeedback: `Retour ${t}-feedback`,
      recommendation: "NO",
      score: 2.5,
      submittedAt: at("2041-02-15T10:00:00Z"),
      scores: { create: [{ criterionId: call.criteria[0].id, value: 2 }] },
    },
  });
  await db.consensusFeedback.create({
    data: { applicationId: rich.id, text: `Consensus ${t}-consensus`, version: 1, proposedById: admin.id },
  });
  await db.consensusResponse.create({
    data: { applicationId: rich.id, reviewerId: reviewer.id, version: 1, approved: false, comment: `Commentaire ${t}-comment` },
  });
  await db.conflictDeclaration.create({ data: { applicationId: rich.id, reviewerId: otherReviewer.id, reason: "Ancien collègue" } });
  await db.conflictOverride.create({
    data: {
      applicationId: rich.id,
      reviewerId: otherReviewer.id,
      reason: `Le domaine atelier-${t}.ma n'est plus le sien`,
      createdById: admin.id,
    },
  });
  await db.allocationPin.create({ data: { applicationId: rich.id, decision: "REJECT", reason: `Épinglée ${t}-pin` } });
  // Emails: the decision (sent), one to the member that failed, the invitation (still pending); and one to the
  // lead about their account, which is not the application's.
  await outboxEmail({
    to: lead.email,
    template: "decision-rejected",
    payload: {
      name: lead.name,
      projectName: rich.projectName,
      feedback: `Retour ${t}-feedback`,
      applicationUrl: `https://app.test/founder/applications/${rich.id}`,
    },
    dedupeKey: `decision:${rich.id}`,
    status: "SENT",
  });
  await outboxEmail({
    to: member.email,
    template: "decision-rejected",
    payload: { name: member.name, projectName: rich.projectName, applicationUrl: `https://app.test/founder/applications/${rich.id}` },
    dedupeKey: `decision:${rich.id}:${member.id}`,
    status: "FAILED",
    lastError: `550 mailbox ${member.email} full`,
  });
  const invitationEmail = await outboxEmail({
    to: invitation.email,
    template: "team-invitation",
    payload: {
      name: invitation.name,
      leadName: lead.name,
      projectName: rich.projectName,
      acceptUrl: "https://app.test/team-invitations/x",
    },
    dedupeKey: `team-invitation:${invitation.id}:1`,
  });
  const accountEmail = await outboxEmail({
    to: lead.email,
    template: "password-reset",
    payload: { name: lead.name, resetUrl: "https://app.test/reset-password/y" },
    dedupeKey: `password-reset:unrelated-${t}`,
  });
  // The audit trail: its statuses, its team's and files' events, and events elsewhere that name it or its people.
  await recordStatusHistory(rich.id, ["SUBMITTED", "SCREENING", "REVIEW", "COMMITTEE", "REJECTED"], at("2041-01-20T10:00:00Z"));
  await db.auditEvent.createMany({
    data: [
      {
        actorId: lead.id,
        subjectType: "Application",
        subjectId: rich.id,
        type: "TEAM_INVITATION_SENT",
        details: JSON.stringify({ email: invitation.email }),
      },
      {
        actorId: lead.id,
        subjectType: "Application",
        subjectId: rich.id,
        type: "ATTACHMENT_ADDED",
        details: JSON.stringify({ kind: "PITCH_DECK", fileName: `Qadiri${t}-pitch.pdf`, sha256: deck.sha256 }),
      },
      {
        actorId: admin.id,
        subjectType: "Call",
        subjectId: call.id,
        type: "TEST_BATCH",
        details: JSON.stringify({ applicationIds: [rich.id] }),
      },
      {
        actorId: admin.id,
        subjectType: "User",
        subjectId: admin.id,
        type: "TEST_NOTE",
        details: JSON.stringify({ note: `Appelé youssef.${t}@atelier-${t}.ma` }),
      },
    ],
  });
  const consentEvent = await db.auditEvent.create({
    data: {
      actorId: lead.id,
      subjectType: "User",
      subjectId: lead.id,
      type: "CONSENT_GIVEN",
      details: JSON.stringify({ purpose: "selection", textVersion: "v1" }),
    },
  });

  // Not due: rejected on 20 November 2044 (due in 2046), sharing the annex's bytes.
  const notDueFounder = await createTestUser({ roles: ["FOUNDER"] });
  const notDue = await db.application.create({
    data: {
      founderId: notDueFounder.id,
      callId: call.id,
      status: "REJECTED",
      submittedAt: at("2041-01-25T10:00:00Z"),
      decisionReleasedAt: at("2044-11-20T10:00:00Z"),
      projectName: `Pas encore ${t}-notdue`,
      tagline: `Gardée ${t}-kept`,
      sector: "NEW_TECH",
      stage: "IDEA",
      preferredSiteId: otherSite.id,
      teamMembers: { create: [{ name: `Hamza Gardé${t}`, email: `hamza.${t}@kept-${t}.ma`, role: "CEO", position: 0 }] },
    },
  });
  await attach(notDue.id, shared, `Annexe de l'autre ${t}.pdf`);
  await db.$transaction((tx) =>
    writeAnswers(tx, notDue.id, questions, { pitch: `Toujours là ${t}-stillhere`, maturity: "idea", resident: false }),
  );
  const notDueEvent = await db.auditEvent.create({
    data: {
      actorId: admin.id,
      subjectType: "Call",
      subjectId: call.id,
      type: "TEST_BATCH",
      details: JSON.stringify({ applicationIds: [notDue.id] }),
    },
  });

  // A draft never submitted: the deadline (31 January 2041) plus 6 months.
  const draftFounder = await createTestUser({ roles: ["FOUNDER"], name: `Draft Lead${t}`, email: `draft.${t}@founder-${t}.ma` });
  const draft = await db.application.create({
    data: {
      founderId: draftFounder.id,
      callId: call.id,
      status: "DRAFT",
      projectName: `Brouillon ${t}-draft`,
      problem: `Problème du brouillon ${t}-draftproblem`,
      sector: "CULTURAL_INDUSTRIES",
      teamMembers: {
        create: [
          { name: draftFounder.name, email: draftFounder.email, role: "CEO", position: 0 },
          { name: `Amine Brouillon${t}`, email: `amine.${t}@draft-${t}.ma`, role: "CTO", position: 1 },
        ],
      },
    },
  });
  const draftDeck = await storedPdf(`draftdeck-${t}`);
  await attach(draft.id, draftDeck, `Brouillon${t}-deck.pdf`, "PITCH_DECK");
  await db.$transaction((tx) => writeAnswers(tx, draft.id, questions, { pitch: `Idée du brouillon ${t}-draftanswer`, maturity: "idea" }));

  // A withdrawn one: on 1 June 2042, due on 1 June 2044.
  const withdrawnFounder = await createTestUser({ roles: ["FOUNDER"] });
  const withdrawn = await db.application.create({
    data: {
      founderId: withdrawnFounder.id,
      callId: call.id,
      status: "WITHDRAWN",
      submittedAt: at("2041-01-22T10:00:00Z"),
      withdrawnAt: at("2042-06-01T10:00:00Z"),
      projectName: `Retirée ${t}-withdrawn`,
      traction: `Clients ${t}-withdrawntraction`,
      sector: "NEW_TECH",
      stage: "PROTOTYPE",
      preferredSiteId: site.id,
      rawScore: 3.5,
      teamMembers: { create: [{ name: `Rania Retirée${t}`, email: `rania.${t}@withdrawn-${t}.ma`, role: "CEO", position: 0 }] },
    },
  });
  await db.$transaction((tx) => writeAnswers(tx, withdrawn.id, questions, { maturity: "prototype", resident: true }));

  // What retention never reaches: a project in incubation (the outcomes dashboard counts it).
  const incubatingFounder = await createTestUser({ roles: ["FOUNDER"] });
  const incubating = await db.application.create({
    data: {
      founderId: incubatingFounder.id,
      callId: call.id,
      status: "INCUBATING",
      submittedAt: at("2041-01-21T10:00:00Z"),
      decisionReleasedAt: at("2041-03-01T10:00:00Z"),
      incubationStartedAt: at("2041-04-01T08:00:00Z"),
      projectName: `Incubée ${t}`,
      sector: "GREEN_TECH",
      stage: "REVENUE",
      preferredSiteId: site.id,
      enrolledCohortId: call.cohorts[0].id,
      rawScore: 4.2,
    },
  });
  await db.checkIn.create({
    data: {
      applicationId: incubating.id,
      monthsAfter: 6,
      dueAt: at("2041-10-01T08:00:00Z"),
      submittedAt: at("2041-10-05T08:00:00Z"),
      answers: "{}",
      operating: true,
      fullTimeJobs: 4,
      partTimeJobs: 1,
      exportShare: 10,
      fundingAmount: 50_000,
    },
  });
  await db.$transaction((tx) => refreshFollowUpSummaries(tx, { applicationId: incubating.id }));

  return {
    t,
    admin,
    call,
    site,
    lead,
    member,
    rich,
    invitation,
    deck,
    shared,
    messageFile,
    draftDeck,
    invitationEmail,
    accountEmail,
    consentEvent,
    notDue,
    notDueEvent,
    draft,
    withdrawn,
    incubating,
    /** Every value that must be gone from everywhere: what the applications said of their projects and people. */
    personal: [
      rich.projectName,
      rich.projectNameKey,
      rich.tagline,
      rich.problem,
      rich.solution,
      rich.market,
      rich.traction,
      rich.decisionReason!,
      `Zineb Qadiri${t}`,
      `zineb.${t}@atelier-${t}.ma`,
      `Youssef Lahlou${t}`,
      `youssef.${t}@atelier-${t}.ma`,
      `atelier-${t}`,
      `Directrice ${t}-role`,
      invitation.name,
      invitation.email,
      `+212 6 61 ${leadPhone}`,
      `661${leadPhone}`,
      `+212 6 62 ${memberPhone}`,
      `662${memberPhone}`,
      `${t}-leadbio`,
      `${t}-memberbio`,
      `${t}-lead`,
      `${t}-member`,
      `${t}-answer`,
      `argane-${t}.ma`,
      `Qadiri${t}`,
      `Annexe${t}`,
      `Statuts${t}`,
      `${t}-message`,
      `${t}-staffreply`,
      `${t}-post`,
      `${t}-private`,
      `${t}-feedback`,
      `${t}-consensus`,
      `${t}-comment`,
      `${t}-pin`,
      `${t}-draft`,
      `Amine Brouillon${t}`,
      `amine.${t}@draft-${t}.ma`,
      `Brouillon${t}-deck`,
      `${t}-withdrawn`,
      `Rania Retirée${t}`,
      `rania.${t}@withdrawn-${t}.ma`,
    ],
    /** The accounts of the people: kept (only an erasure removes them), named nowhere but there and in their own email. */
    accounts: [lead.name, lead.email, member.name, member.email, draftFounder.name, draftFounder.email],
  };
}

type World = Awaited<ReturnType<typeof buildWorld>>;

/** Every figure the network reads off its applications: the call's dashboard, the outcomes, and plain counts. */
async function statistics(world: World) {
  const callId = world.call.id;
  return {
    dashboard: await callDashboard(callId),
    distributions: await answerDistributionsOfCall(callId, "fr"),
    outcomes: await outcomesDashboard({}, NOW),
    outcomesOfCall: await outcomesDashboard({ callId }, NOW),
    byStatusSectorSite: sorted(
      await db.application.groupBy({
        by: ["status", "sector", "stage", "preferredSiteId", "alternateSiteId", "enrolledCohortId"],
        where: { callId },
        _count: { _all: true },
        _sum: { rawScore: true, normalizedScore: true, rank: true, reviewCount: true },
      }),
    ),
    dates: sorted(
      await db.application.findMany({
        where: { callId },
        select: { id: true, submittedAt: true, decisionReleasedAt: true, withdrawnAt: true, createdAt: true, founderId: true },
      }),
    ),
    reviews: sorted(
      await db.review.groupBy({
        by: ["recommendation"],
        where: { assignment: { application: { callId } } },
        _count: { _all: true },
        _sum: { score: true },
      }),
    ),
    reviewScores: await db.reviewScore.aggregate({
      where: { review: { assignment: { application: { callId } } } },
      _count: { _all: true },
      _sum: { value: true },
    }),
    assignments: await db.reviewAssignment.count({ where: { application: { callId } } }),
    choices: sorted(await db.answerChoice.findMany({ where: { question: { callId } } })),
    messages: await db.message.count({ where: { application: { callId } } }),
    posts: await db.discussionPost.count({ where: { application: { callId } } }),
    conflicts: await db.conflictDeclaration.count({ where: { application: { callId } } }),
    pins: sorted(await db.allocationPin.findMany({ where: { application: { callId } }, select: { applicationId: true, decision: true } })),
  };
}

// ---------------------------------------------------------------------------

describe("a retention run", () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  });

  it("anonymizes what is past its period and leaves nothing personal of it, anywhere, while every statistic stays", async () => {
    const w = world;
    // Before: every value is where the world put it, and the statistics count something.
    const before = await statistics(w);
    expect(before.dashboard.funnel.find((row) => row.status === "REJECTED")?.count).toBe(2);
    expect(before.distributions).not.toEqual([]);
    expect(JSON.stringify(before.distributions)).toMatch(/"count":2/);
    expect(before.outcomesOfCall).toMatchObject({ projects: 1, jobs: { fullTime: 4, partTime: 1 } });
    expect(await db.followUpSummary.count({ where: { applicationId: w.incubating.id } })).toBe(1);
    const foundBefore = new Set((await findInDatabase(w.personal)).map((hit) => hit.needle));
    expect(w.personal.filter((needle) => !foundBefore.has(needle))).toEqual([]);
    const filesBefore = storedFiles().map((file) => file.sha256);
    expect(filesBefore).toEqual(expect.arrayContaining([w.deck.sha256, w.shared.sha256, w.messageFile.sha256, w.draftDeck.sha256]));
    const notDueBefore = await db.application.findUniqueOrThrow({
      where: { id: w.notDue.id },
      include: { teamMembers: true, attachments: true, answers: true, answerChoices: true },
    });
    // The emails about it: the decision, the invitation, the thread's (to the admins and to the team).
    const aboutRich = await db.outboxEmail.findMany({
      where: { OR: [{ dedupeKey: { contains: w.rich.id } }, { payload: { contains: w.rich.id } }, { id: w.invitationEmail.id }] },
      select: { id: true, template: true },
    });
    expect(new Set(aboutRich.map((email) => email.template))).toEqual(
      new Set(["decision-rejected", "team-invitation", "message-from-team", "message-from-staff"]),
    );
    const richEventsBefore = await db.auditEvent.findMany({
      where: { subjectType: "Application", subjectId: w.rich.id },
      select: { id: true, type: true, actorId: true, fromState: true, toState: true, createdAt: true },
    });

    // The preview, then the run (as the scheduler runs it: nobody's).
    const plan = await planRetention(NOW);
    expect(plan.map((item) => [item.id, item.reason])).toEqual([
      [w.draft.id, "DRAFT"],
      [w.rich.id, "REJECTED"],
      [w.withdrawn.id, "WITHDRAWN"],
    ]);
    expect(plan[0]).toMatchObject({
      callId: w.call.id,
      projectName: `Brouillon ${w.t}-draft`,
      status: "DRAFT",
      dueSince: at("2041-07-31T22:59:00Z"),
    });
    expect(plan[0].callTitle.fr).toBe(w.call.title);
    expect(await runRetention(NOW, null)).toBe(3);

    // Nothing personal left in any text column of any table.
    expect((await findInDatabase(w.personal)).map(({ table, column, needle }) => `${table}.${column}: ${needle}`)).toEqual([]);
    // The accounts stay, named only in their own rows and in the email about the account itself.
    const accountHits = await findInDatabase(w.accounts);
    expect(
      accountHits
        .filter((hit) => hit.table !== "User" && !(hit.table === "OutboxEmail" && hit.row.dedupeKey === w.accountEmail.dedupeKey))
        .map(({ table, column, needle }) => `${table}.${column}: ${needle}`),
    ).toEqual([]);
    expect(await db.user.count({ where: { id: { in: [w.lead.id, w.member.id] } } })).toBe(2);

    // Nothing of their files left in the storage, by name or by content; the file the other application holds is kept.
    const filesAfter = storedFiles();
    for (const removed of [w.deck, w.messageFile, w.draftDeck]) {
      expect(filesAfter.filter((file) => file.sha256 === removed.sha256 || file.name === removed.sha256)).toEqual([]);
    }
    for (const label of [`deck-${w.t}`, `message-${w.t}`, `draftdeck-${w.t}`]) {
      expect(filesAfter.filter((file) => file.bytes.includes(label)).map((file) => file.file)).toEqual([]);
    }
    expect(filesAfter.filter((file) => file.sha256 === w.shared.sha256).map((file) => file.name)).toEqual([w.shared.sha256]);

    // The application keeps what is counted, and says it was anonymized.
    const rich = await db.application.findUniqueOrThrow({ where: { id: w.rich.id } });
    expect(rich).toMatchObject({
      anonymizedAt: NOW,
      projectName: ANONYMIZED_PROJECT_NAME,
      projectNameKey: "",
      tagline: "",
      problem: "",
      decisionReason: null,
      status: "REJECTED",
      sector: "GREEN_TECH",
      stage: "MVP",
      preferredSiteId: w.rich.preferredSiteId,
      alternateSiteId: w.rich.alternateSiteId,
      rawScore: 2.5,
      normalizedScore: 2.25,
      rank: 4,
      founderId: w.lead.id,
      submittedAt: w.rich.submittedAt,
      decisionReleasedAt: w.rich.decisionReleasedAt,
      messageAwaitingSince: null,
    });
    // Its team detached, its free answers gone, its picks kept; its rows of deliberation kept, emptied.
    expect(await db.teamMember.count({ where: { applicationId: w.rich.id } })).toBe(0);
    expect(await db.teamMembership.count({ where: { applicationId: w.rich.id } })).toBe(0);
    expect(await db.teamInvitation.count({ where: { applicationId: w.rich.id } })).toBe(0);
    expect(await db.draftStepChange.count({ where: { applicationId: w.rich.id } })).toBe(0);
    expect(await db.attachment.count({ where: { applicationId: w.rich.id } })).toBe(0);
    expect(await db.messageAttachment.count({ where: { message: { applicationId: w.rich.id } } })).toBe(0);
    const answers = await db.applicationAnswer.findMany({
      where: { applicationId: w.rich.id },
      select: { question: { select: { key: true } }, value: true },
    });
    expect(sorted(answers.map((a) => [a.question.key, a.value]))).toEqual(
      sorted([
        ["maturity", '"prototype"'],
        ["resident", "true"],
      ]),
    );
    expect((await db.message.findMany({ where: { applicationId: w.rich.id } })).map((m) => m.body)).toEqual(["", ""]);
    expect(await db.notification.count({ where: { path: { contains: w.rich.id } } })).toBe(0);
    expect(await db.conflictDeclaration.findFirstOrThrow({ where: { applicationId: w.rich.id } })).toMatchObject({
      reason: "Ancien collègue",
    });
    const review = await db.review.findFirstOrThrow({ where: { assignment: { applicationId: w.rich.id } }, include: { scores: true } });
    expect(review).toMatchObject({ privateComment: "", founderFeedback: "", recommendation: "NO", score: 2.5, scores: [{ value: 2 }] });

    // Emails about it redacted, and those not sent yet never sent; the account's own email untouched.
    const emails = await db.outboxEmail.findMany({ where: { id: { in: aboutRich.map((email) => email.id) } } });
    expect(emails.length).toBeGreaterThanOrEqual(6);
    for (const email of emails) {
      expect(email).toMatchObject({ to: ANONYMIZED_ADDRESS, payload: "{}", lastError: null });
      expect(email.status === "SENT" || email.status === "DEAD", email.dedupeKey).toBe(true);
    }
    expect(emails.find((email) => email.dedupeKey === `decision:${w.rich.id}`)?.status).toBe("SENT");
    expect(emails.find((email) => email.id === w.invitationEmail.id)?.status).toBe("DEAD");
    expect(emails.find((email) => email.dedupeKey === `decision:${w.rich.id}:${w.member.id}`)?.status).toBe("DEAD");
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: w.accountEmail.id } })).toEqual(w.accountEmail);

    // The audit trail keeps what happened (type, actor, states, dates), without the details; the events that
    // named it or its people elsewhere lose their details; the account's own and the other application's stay.
    const richEventsAfter = await db.auditEvent.findMany({
      where: { subjectType: "Application", subjectId: w.rich.id, type: { not: "APPLICATION_ANONYMIZED" } },
      select: { id: true, type: true, actorId: true, fromState: true, toState: true, createdAt: true, details: true },
    });
    expect(sorted(richEventsAfter.map(({ details: _details, ...event }) => event))).toEqual(sorted(richEventsBefore));
    expect(new Set(richEventsAfter.map((event) => event.details))).toEqual(new Set(["{}"]));
    expect(richEventsAfter.map((event) => event.toState)).toContain("REJECTED");
    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: w.consentEvent.id } })).toEqual(w.consentEvent);
    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: w.notDueEvent.id } })).toEqual(w.notDueEvent);
    const batches = await db.auditEvent.findMany({ where: { type: "TEST_BATCH", subjectId: w.call.id }, select: { details: true } });
    expect(batches.map((event) => event.details).sort()).toEqual(["{}", w.notDueEvent.details].sort());

    // The run is audited: one event per application with its reason, and the run itself.
    const anonymized = await db.auditEvent.findMany({
      where: { type: "APPLICATION_ANONYMIZED", createdAt: NOW },
      orderBy: { subjectId: "asc" },
    });
    expect(sorted(anonymized.map((event) => [event.subjectId, event.details, event.actorId]))).toEqual(
      sorted([
        [w.rich.id, '{"reason":"REJECTED"}', null],
        [w.draft.id, '{"reason":"DRAFT"}', null],
        [w.withdrawn.id, '{"reason":"WITHDRAWN"}', null],
      ]),
    );
    const runs = await db.auditEvent.findMany({ where: { type: "RETENTION_RUN", createdAt: NOW } });
    expect(runs.map((run) => [run.actorId, JSON.parse(run.details)])).toEqual([[null, { count: 3, planned: 3, scheduled: true }]]);

    // The application not due is as it was, its file included; the preview of the run is what the run did.
    expect(
      await db.application.findUniqueOrThrow({
        where: { id: w.notDue.id },
        include: { teamMembers: true, attachments: true, answers: true, answerChoices: true },
      }),
    ).toEqual(notDueBefore);
    expect(sorted(anonymized.map((event) => event.subjectId))).toEqual(sorted(plan.map((item) => item.id)));
    expect(await planRetention(NOW)).toEqual([]);

    // And every statistic counts the same.
    expect(await statistics(w)).toEqual(before);
  });

  it("anonymizes an application once: a second run finds nothing, and a lengthened period takes it off the plan", async () => {
    expect(await runRetention(NOW, world.admin.id)).toBe(0);
    expect(await db.auditEvent.count({ where: { type: "APPLICATION_ANONYMIZED", subjectId: world.rich.id } })).toBe(1);
    expect(await anonymizeIfDue(world.rich.id, NOW)).toBe(false);

    // The application not due falls due when its call's period is shortened, and is off the plan again once lengthened.
    const later = at("2045-12-01T00:00:00Z");
    expect((await planRetention(later)).map((item) => item.id)).toEqual([]);
    await saveRetentionPeriods(world.call.id, { retainRejectedMonths: 12, retainDraftMonths: 6 }, world.admin.id);
    expect(await planRetention(later)).toEqual([
      expect.objectContaining({ id: world.notDue.id, reason: "REJECTED", dueSince: at("2045-11-20T10:00:00Z") }),
    ]);
    await saveRetentionPeriods(world.call.id, { retainRejectedMonths: 36, retainDraftMonths: 6 }, world.admin.id);
    expect(await planRetention(later)).toEqual([]);
    // Decided again in the run's transaction: a plan read before the period changed anonymizes nothing.
    expect(await anonymizeIfDue(world.notDue.id, later)).toBe(false);
    expect((await db.application.findUniqueOrThrow({ where: { id: world.notDue.id } })).anonymizedAt).toBeNull();
    const saved = await db.auditEvent.findMany({
      where: { type: "RETENTION_PERIODS_SAVED", subjectId: world.call.id },
      orderBy: { createdAt: "asc" },
    });
    expect(saved.map((event) => [event.actorId, JSON.parse(event.details)])).toEqual([
      [
        world.admin.id,
        { before: { retainRejectedMonths: 24, retainDraftMonths: 6 }, after: { retainRejectedMonths: 12, retainDraftMonths: 6 } },
      ],
      [
        world.admin.id,
        { before: { retainRejectedMonths: 12, retainDraftMonths: 6 }, after: { retainRejectedMonths: 36, retainDraftMonths: 6 } },
      ],
    ]);
  });

  it("refuses periods out of range, and an unknown call", async () => {
    expect(await refusalOf(saveRetentionPeriods(world.call.id, { retainRejectedMonths: 0, retainDraftMonths: 6 }, world.admin.id))).toEqual(
      {
        key: "retention.errors.monthsRange",
        status: 400,
      },
    );
    expect(
      await refusalOf(saveRetentionPeriods(world.call.id, { retainRejectedMonths: 24, retainDraftMonths: 1.5 }, world.admin.id)),
    ).toEqual({
      key: "retention.errors.monthsWhole",
      status: 400,
    });
    expect(
      await refusalOf(saveRetentionPeriods("no-such-call", { retainRejectedMonths: 24, retainDraftMonths: 6 }, world.admin.id)),
    ).toEqual({
      key: "errors.title404",
      status: 404,
    });
    expect(await db.call.findUniqueOrThrow({ where: { id: world.call.id }, select: { retainRejectedMonths: true } })).toEqual({
      retainRejectedMonths: 36,
    });
  });
});

describe("two runs at once", () => {
  it("anonymize each application once, delete the files they alone shared, and record both runs", async () => {
    const now = at("2046-03-01T00:00:00Z");
    const t = tag();
    const site = await createSite();
    const call = await db.call.create({
      data: {
        slug: `race-${t}`,
        title: `Appel course ${t}`,
        description: "Deux exécutions en même temps.",
        opensAt: at("2041-11-01T09:00:00Z"),
        closesAt: at("2042-01-31T22:59:00Z"),
        status: "CLOSED",
      },
    });
    const shared = await storedPdf(`raceshared-${t}`);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const founder = await createTestUser({ roles: ["FOUNDER"] });
      const application = await db.application.create({
        data: {
          founderId: founder.id,
          callId: call.id,
          status: i % 2 === 0 ? "REJECTED" : "WITHDRAWN",
          submittedAt: at("2042-01-20T10:00:00Z"),
          decisionReleasedAt: i % 2 === 0 ? new Date(at("2042-06-01T10:00:00Z").getTime() + i * DAY_MS) : null,
          withdrawnAt: i % 2 === 1 ? new Date(at("2042-06-01T10:00:00Z").getTime() + i * DAY_MS) : null,
          projectName: `Course ${t}-${i}`,
          sector: "NEW_TECH",
          preferredSiteId: site.id,
          teamMembers: { create: [{ name: `Membre ${t}-${i}`, email: `membre${i}.${t}@race.ma`, role: "CEO", position: 0 }] },
        },
      });
      await attach(application.id, await storedPdf(`race-${t}-${i}`), `Course${t}-${i}.pdf`, "PITCH_DECK");
      if (i < 2) await attach(application.id, shared, `Partagé${t}-${i}.pdf`);
      ids.push(application.id);
    }
    const plan = await planRetention(now);
    expect(sorted(plan.map((item) => item.id))).toEqual(sorted(ids));

    const counts = await Promise.all([runRetention(now, null), runRetention(now, null), runRetention(now, null)]);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(ids.length);
    const events = await db.auditEvent.groupBy({
      by: ["subjectId"],
      where: { type: "APPLICATION_ANONYMIZED", subjectId: { in: ids } },
      _count: { _all: true },
    });
    expect(sorted(events.map((event) => [event.subjectId, event._count._all]))).toEqual(sorted(ids.map((id) => [id, 1])));
    expect(await db.application.count({ where: { id: { in: ids }, anonymizedAt: now } })).toBe(ids.length);
    expect(await db.auditEvent.count({ where: { type: "RETENTION_RUN", createdAt: now } })).toBe(3);
    expect((await findInDatabase([`Course ${t}-`, `Membre ${t}-`, `Course${t}`, `Partagé${t}`])).map((hit) => hit.table)).toEqual([]);
    // Every file of theirs is gone, the shared one too: nothing references it any more.
    expect(storedFiles().filter((file) => file.bytes.includes(`race-${t}`) || file.bytes.includes(`raceshared-${t}`))).toEqual([]);
  });
});

describe("the daily job", () => {
  // Only Date is faked, at a moment of its own: the pass reads the clock for its minute and its day.
  const now = at("2047-05-10T12:00:00Z");
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"], now });
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it("runs retention in the pass that claims the day, once a day across servers", async () => {
    // Rejected 36 months before: due (24 months) since 2046.
    const t = tag();
    const site = await createSite();
    const call = await db.call.create({
      data: {
        slug: `daily-${t}`,
        title: `Appel quotidien ${t}`,
        description: "Le passage quotidien.",
        opensAt: at("2043-11-01T09:00:00Z"),
        closesAt: at("2044-01-31T22:59:00Z"),
        status: "CLOSED",
      },
    });
    const founder = await createTestUser({ roles: ["FOUNDER"] });
    const application = await db.application.create({
      data: {
        founderId: founder.id,
        callId: call.id,
        status: "REJECTED",
        submittedAt: at("2044-01-20T10:00:00Z"),
        decisionReleasedAt: at("2044-05-10T10:00:00Z"),
        projectName: `Quotidien ${t}`,
        preferredSiteId: site.id,
      },
    });
    // Another server has run the day's retention already: this pass leaves it.
    expect(await claimScheduledRun("retention", at("2047-05-10T00:00:00Z"))).toBe(true);
    const firstLines: string[] = [];
    await startScheduledJobs((line) => firstLines.push(line), 10 * 60_000).stop();
    expect(await db.scheduledRun.count({ where: { job: "scheduled-jobs" } })).toBe(1);
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).anonymizedAt).toBeNull();
    expect(firstLines.join("\n")).not.toMatch(/"retention":[1-9]/);
    expect(await db.auditEvent.count({ where: { type: "RETENTION_RUN", createdAt: now } })).toBe(0);

    // The next day's pass (the claims forgotten): it runs, as nobody's, and says so.
    await db.scheduledRun.deleteMany({});
    const lines: string[] = [];
    await startScheduledJobs((line) => lines.push(line), 10 * 60_000).stop();
    const after = await db.application.findUniqueOrThrow({ where: { id: application.id } });
    expect(after.anonymizedAt).toEqual(now);
    expect(after.projectName).toBe(ANONYMIZED_PROJECT_NAME);
    expect(lines.join("\n")).toMatch(/"retention":1\b/);
    expect(await db.scheduledRun.findMany({ where: { job: "retention" }, select: { tick: true } })).toEqual([
      { tick: at("2047-05-10T00:00:00Z") },
    ]);
    const runs = await db.auditEvent.findMany({ where: { type: "RETENTION_RUN", createdAt: now } });
    expect(runs.map((run) => [run.actorId, JSON.parse(run.details)])).toEqual([[null, { count: 1, planned: 1, scheduled: true }]]);
  });
});

describe("the retention page", () => {
  it("shows each call's periods and what the next run anonymizes, saves periods, refuses bad ones, and runs", async () => {
    const { user: admin, cookie } = await signedIn("ADMIN", { locale: "en" });
    const t = tag();
    const site = await createSite();
    const call = await db.call.create({
      data: {
        slug: `page-${t}`,
        title: `Appel page ${t}`,
        titleEn: `Page call ${t}`,
        description: "La page.",
        opensAt: new Date(Date.now() - 40 * MONTH_MS),
        closesAt: new Date(Date.now() - 36 * MONTH_MS),
        status: "CLOSED",
      },
    });
    const founder = await createTestUser({ roles: ["FOUNDER"] });
    const decisionReleasedAt = new Date(Date.now() - 30 * MONTH_MS);
    const application = await db.application.create({
      data: {
        founderId: founder.id,
        callId: call.id,
        status: "REJECTED",
        submittedAt: new Date(Date.now() - 37 * MONTH_MS),
        decisionReleasedAt,
        projectName: `Sur la page ${t}`,
        preferredSiteId: site.id,
      },
    });
    expect(RetentionPage).toBeTypeOf("function");

    const page = (await (await callRoute(loader, { path: "/admin/retention", cookie })).json()) as {
      calls: Array<{ id: string; title: string; retainRejectedMonths: number; retainDraftMonths: number }>;
      plan: Array<{ id: string; projectName: string; callTitle: string; status: string; reason: string; dueSinceText: string }>;
    };
    expect(page.calls.find((c) => c.id === call.id)).toEqual({
      id: call.id,
      title: `Page call ${t}`,
      retainRejectedMonths: 24,
      retainDraftMonths: 6,
    });
    const item = page.plan.find((p) => p.id === application.id);
    expect(item).toMatchObject({ projectName: `Sur la page ${t}`, callTitle: `Page call ${t}`, status: "REJECTED", reason: "REJECTED" });
    // The date written on the server, in the reader's language and Casablanca's calendar.
    const dueYear = String(new Date(decisionReleasedAt.getTime()).getUTCFullYear() + 2);
    expect(item?.dueSinceText).toContain(dueYear);
    expect(item?.dueSinceText).toMatch(/[A-Z][a-z]+day/);

    const post = (form: Record<string, string>) => callRoute(action, { path: "/admin/retention", cookie, form });
    const refused = await post({ intent: "periods", callId: call.id, retainRejectedMonths: "0", retainDraftMonths: "six" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      callId: call.id,
      errors: { retainRejectedMonths: "retention.errors.monthsRange", retainDraftMonths: "retention.errors.monthsWhole" },
      values: { retainRejectedMonths: "0", retainDraftMonths: "six" },
    });
    expect((await post({})).status).toBe(400);
    expect((await post({ intent: "periods", callId: "no-such-call", retainRejectedMonths: "12", retainDraftMonths: "3" })).status).toBe(
      404,
    );

    await expectRedirectWithFlash(
      await post({ intent: "periods", callId: call.id, retainRejectedMonths: "60", retainDraftMonths: "3" }),
      "/admin/retention",
      { kind: "success", key: "retention.saved" },
    );
    expect(
      await db.call.findUniqueOrThrow({ where: { id: call.id }, select: { retainRejectedMonths: true, retainDraftMonths: true } }),
    ).toEqual({
      retainRejectedMonths: 60,
      retainDraftMonths: 3,
    });
    // Kept 60 months now: off the plan, and the run leaves it.
    const nowPlanned = (await planRetention(new Date())).map((p) => p.id);
    expect(nowPlanned).not.toContain(application.id);
    await saveRetentionPeriods(call.id, { retainRejectedMonths: 24, retainDraftMonths: 3 }, admin.id);

    const planned = (await planRetention(new Date())).length;
    expect(planned).toBeGreaterThanOrEqual(1);
    await expectRedirectWithFlash(await post({ intent: "run" }), "/admin/retention", {
      kind: "success",
      key: "retention.ran",
      values: { count: planned },
    });
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).anonymizedAt).not.toBeNull();
    const run = await db.auditEvent.findFirstOrThrow({ where: { type: "RETENTION_RUN", actorId: admin.id } });
    expect(JSON.parse(run.details)).toMatchObject({ count: planned, scheduled: false });
    expect(await db.auditEvent.findFirstOrThrow({ where: { type: "APPLICATION_ANONYMIZED", subjectId: application.id } })).toMatchObject({
      actorId: admin.id,
    });
  });
});
