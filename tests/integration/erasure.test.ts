// Erasure on request (issue 20, point 3) against a real database, SQLite and PostgreSQL. A founder (also a reviewer)
// with a rejected application they lead, a draft they lead, a place on a teammate's graduated project, reviews they
// wrote, sessions, tokens, consents, notifications, a copy of their data and emails, erases their account from the
// account page: nothing of them is left anywhere — every text column of every table, the storage and the data
// copies searched for their name, address and their applications' texts — their sessions end, the teammate's
// project stays without them, their reviews keep their scores, and every statistic of their calls is the same.
// A person whose application is in an active selection or an enrolled cohort waits for an admin, who refuses (a
// reason required, the person sees it) or approves (the account is then erased); two admins deciding at once decide
// once; an erasure is always of the person signed in, and an account erased already cannot ask again.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sessionCookie } from "~/auth/session.server.ts";
import { db, dbReady } from "~/db/client.server.ts";
import type { QuestionDefinitionInput } from "~/domain/call-questions.ts";
import type { ApplicationStatus } from "~/domain/constants.ts";
import { ERASED_NAME, erasedEmail } from "~/domain/erasure.ts";
import { ANONYMIZED_ADDRESS, ANONYMIZED_PROJECT_NAME } from "~/models/anonymizer.server.ts";
import { readQuestionnaire, saveQuestion, writeAnswers } from "~/models/call-questions.server.ts";
import { recordConsent } from "~/models/consent.server.ts";
import { answerDistributionsOfCall, callDashboard } from "~/models/dashboard.server.ts";
import { exportsDir, prepareDataExports, requestDataExport } from "~/models/data-export.server.ts";
import { decideErasure, erasureStateOf, pendingErasures, requestErasure } from "~/models/erasure.server.ts";
import { refreshFollowUpSummaries } from "~/models/follow-up-summary.server.ts";
import { postStaffMessage, postTeamMessage } from "~/models/message.server.ts";
import { outcomesDashboard } from "~/models/outcomes.server.ts";
import { action as accountAction, loader as accountLoader } from "~/routes/account.tsx";
import ErasurePage, { action as adminAction, loader as adminLoader } from "~/routes/admin.erasure-requests.tsx";
import { action as loginAction } from "~/routes/login.tsx";
import { signedIn } from "../support/enrollment-factories.ts";
import { createTestUser, refusalOf, TEST_PASSWORD } from "../support/factories.ts";
import { expectRedirectWithFlash } from "../support/flash.ts";
import { createSite } from "../support/intake-factories.ts";
import { attach, digits, findInDatabase, sorted, storedFiles, storedPdf, tag } from "../support/personal-data-search.ts";
import { callRoute, cookieFrom } from "../support/remix.ts";
import { signIn } from "../support/review-factories.ts";

beforeAll(async () => {
  await dbReady;
});

const at = (iso: string) => new Date(iso);
const NOW = at("2046-02-10T10:00:00Z");

function outboxEmail(data: { to: string; template: string; payload: object; dedupeKey: string; status?: "PENDING" | "SENT" | "FAILED" }) {
  return db.outboxEmail.create({
    data: {
      to: data.to,
      template: data.template,
      locale: "fr",
      payload: JSON.stringify(data.payload),
      dedupeKey: data.dedupeKey,
      messageId: `<${crypto.randomUUID()}@tremplin.test>`,
      status: data.status ?? "PENDING",
      sentAt: data.status === "SENT" ? at("2045-03-10T10:00:00Z") : null,
    },
  });
}

function createCall(t: string, name: string, status: "OPEN" | "CLOSED", site: { id: string }) {
  return db.call.create({
    data: {
      slug: `erasure-${name}-${t}`,
      title: `Appel ${name} ${t}`,
      description: "Un appel du test d'effacement.",
      opensAt: at("2044-11-01T09:00:00Z"),
      closesAt: status === "OPEN" ? at("2099-01-31T22:59:00Z") : at("2045-01-31T22:59:00Z"),
      status,
      criteria: { create: [{ key: "overall", label: JSON.stringify({ fr: "Global" }), anchors: "{}", weight: 1, position: 0 }] },
      cohorts: { create: [{ siteId: site.id, name: `Cohorte ${name} ${t}`, startsAt: at("2045-04-01T08:00:00Z"), capacity: 10 }] },
    },
    include: { criteria: true, cohorts: true },
  });
}

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
];

/** A plain application of `founder` in `call`, with a team list of its lead. */
function application(
  founder: { id: string; name: string; email: string },
  call: { id: string },
  site: { id: string },
  status: ApplicationStatus,
  texts: { projectName: string; tagline?: string; problem?: string },
) {
  return db.application.create({
    data: {
      founderId: founder.id,
      callId: call.id,
      status,
      submittedAt: status === "DRAFT" ? null : at("2045-01-20T10:00:00Z"),
      sector: "NEW_TECH",
      stage: "MVP",
      preferredSiteId: site.id,
      ...texts,
      teamMembers: { create: [{ name: founder.name, email: founder.email, role: "CEO", position: 0 }] },
    },
  });
}

// ---------------------------------------------------------------------------
// The world of an immediate erasure

async function buildWorld() {
  const t = tag();
  const admin = await createTestUser({ roles: ["ADMIN"] });
  const site = await createSite();
  const [call, openCall, teammateCall] = [
    await createCall(t, "rejet", "CLOSED", site),
    await createCall(t, "ouvert", "OPEN", site),
    await createCall(t, "equipe", "CLOSED", site),
  ];
  for (const question of QUESTIONS) await saveQuestion(call.id, null, question, admin.id);
  const { questions } = await readQuestionnaire(call.id);

  // The person: a founder, and a reviewer too.
  const person = await createTestUser({ roles: ["FOUNDER", "REVIEWER"], name: `Leila Effacee${t}`, email: `leila.${t}@efface-${t}.ma` });
  await db.reviewerProfile.create({ data: { userId: person.id, sectors: "GREEN_TECH", maxLoad: 4 } });
  const [phone, memberPhone] = [digits(), digits()];

  // 1. The rejected application they lead: texts, a team member without an account, their part, answers, files,
  //    a thread (their message with a PDF, the staff's answer), a review of someone else, emails.
  const rejected = await db.application.create({
    data: {
      founderId: person.id,
      callId: call.id,
      status: "REJECTED",
      submittedAt: at("2045-01-20T10:00:00Z"),
      decisionReleasedAt: at("2045-03-10T10:00:00Z"),
      decisionReason: `Motif ${t}-decision`,
      projectName: `Safran Numérique ${t}`,
      projectNameKey: `safrannumerique${t}`,
      tagline: `Slogan ${t}-tagline`,
      problem: `Problème ${t}-problem`,
      solution: `Solution ${t}-solution`,
      market: `Marché ${t}-market`,
      traction: `Traction ${t}-traction`,
      sector: "GREEN_TECH",
      stage: "MVP",
      preferredSiteId: site.id,
      rawScore: 2.5,
      reviewCount: 1,
      rank: 3,
      teamMembers: {
        create: [
          { name: person.name, email: person.email, role: "CEO", position: 0 },
          { name: `Zineb Associee${t}`, email: `zineb.${t}@atelier-${t}.ma`, role: "CTO", position: 1 },
        ],
      },
    },
  });
  await db.teamMembership.create({
    data: {
      applicationId: rejected.id,
      callId: call.id,
      userId: person.id,
      lead: true,
      consentAt: at("2045-01-10T10:00:00Z"),
      phone: `+212 6 61 ${phone}`,
      phoneKey: `661${phone}`,
      bio: `Bio ${t}-leadbio`,
      linkUrl: `https://linkedin.example/in/${t}-lead`,
    },
  });
  await db.$transaction((tx) => writeAnswers(tx, rejected.id, questions, { pitch: `Notre secret ${t}-answer`, maturity: "prototype" }));
  const deck = await storedPdf(`deck-${t}`);
  await attach(rejected.id, deck, `Effacee${t}-pitch.pdf`, "PITCH_DECK");
  const ownMessage = await postTeamMessage(rejected.id, person.id, { body: `Bonjour ${t}-leadmessage` }, at("2045-02-01T10:00:00Z"));
  const leadMessageFile = await storedPdf(`leadmessage-${t}`);
  await db.messageAttachment.create({
    data: {
      messageId: ownMessage.id,
      fileName: `Statuts${t}.pdf`,
      mimeType: leadMessageFile.mimeType,
      size: leadMessageFile.size,
      sha256: leadMessageFile.sha256,
      storageKey: leadMessageFile.storageKey,
    },
  });
  await postStaffMessage(rejected.id, admin.id, { body: `Réponse ${t}-staffreply` }, at("2045-02-02T10:00:00Z"));
  const otherReviewer = await createTestUser({ roles: ["REVIEWER"] });
  const assignment = await db.reviewAssignment.create({
    data: { applicationId: rejected.id, reviewerId: otherReviewer.id, status: "SUBMITTED" },
  });
  await db.review.create({
    data: {
      assignmentId: assignment.id,
      privateComment: `Privé ${t}-aboutthem`,
      recommendation: "NO",
      score: 2.5,
      submittedAt: at("2045-02-15T10:00:00Z"),
      scores: { create: [{ criterionId: call.criteria[0].id, value: 2 }] },
    },
  });
  const decisionEmail = await outboxEmail({
    to: person.email,
    template: "decision-rejected",
    payload: {
      name: person.name,
      projectName: rejected.projectName,
      applicationUrl: `https://app.test/founder/applications/${rejected.id}`,
    },
    dedupeKey: `decision:${rejected.id}`,
    status: "SENT",
  });

  // 2. A draft they lead, in the open call.
  const draft = await application(person, openCall, site, "DRAFT", {
    projectName: `Brouillon ${t}-draft`,
    problem: `Idée ${t}-draftproblem`,
  });

  // 3. A teammate's graduated project they are a member of: the teammate's stays, without them.
  const teammate = await createTestUser({ roles: ["FOUNDER"], name: `Karim Coequipier${t}`, email: `karim.${t}@equipe-${t}.ma` });
  const shared = await db.application.create({
    data: {
      founderId: teammate.id,
      callId: teammateCall.id,
      status: "GRADUATED",
      submittedAt: at("2045-01-21T10:00:00Z"),
      decisionReleasedAt: at("2045-03-01T10:00:00Z"),
      incubationStartedAt: at("2045-04-01T08:00:00Z"),
      graduatedAt: at("2045-12-01T08:00:00Z"),
      enrolledCohortId: teammateCall.cohorts[0].id,
      projectName: `Projet du coéquipier ${t}-shared`,
      tagline: `Gardé ${t}-sharedtagline`,
      sector: "CULTURAL_INDUSTRIES",
      stage: "REVENUE",
      preferredSiteId: site.id,
      rawScore: 4.1,
      teamMembers: {
        create: [
          { name: teammate.name, email: teammate.email, role: "CEO", position: 0 },
          // As the lead typed it: the address in capitals.
          { name: person.name, email: person.email.toUpperCase(), role: `Associée ${t}-memberrole`, position: 1 },
        ],
      },
    },
  });
  await db.teamMembership.createMany({
    data: [
      { applicationId: shared.id, callId: teammateCall.id, userId: teammate.id, lead: true, consentAt: at("2045-01-10T10:00:00Z") },
      {
        applicationId: shared.id,
        callId: teammateCall.id,
        userId: person.id,
        consentAt: at("2045-01-12T10:00:00Z"),
        phone: `+212 6 62 ${memberPhone}`,
        phoneKey: `662${memberPhone}`,
        bio: `Bio ${t}-memberbio`,
        linkUrl: `https://linkedin.example/in/${t}-member`,
      },
    ],
  });
  await db.teamInvitation.create({
    data: {
      applicationId: shared.id,
      email: person.email,
      name: person.name,
      tokenHash: crypto.randomBytes(32).toString("hex"),
      expiresAt: at("2045-01-25T10:00:00Z"),
      status: "ACCEPTED",
      respondedAt: at("2045-01-12T10:00:00Z"),
      invitedById: teammate.id,
    },
  });
  await db.draftStepChange.create({
    data: { applicationId: shared.id, step: "team", userId: person.id, changedAt: at("2045-01-12T10:00:00Z") },
  });
  const sharedDeck = await storedPdf(`teamfile-${t}`);
  await attach(shared.id, sharedDeck, `Coequipier${t}-deck.pdf`, "PITCH_DECK");
  const memberMessage = await postTeamMessage(shared.id, person.id, { body: `Signé ${t}-memberwrote` }, at("2045-05-01T10:00:00Z"));
  const memberMessageFile = await storedPdf(`membermessage-${t}`);
  await db.messageAttachment.create({
    data: {
      messageId: memberMessage.id,
      fileName: `Bilan${t}.pdf`,
      mimeType: memberMessageFile.mimeType,
      size: memberMessageFile.size,
      sha256: memberMessageFile.sha256,
      storageKey: memberMessageFile.storageKey,
    },
  });
  const teammateMessage = await postTeamMessage(
    shared.id,
    teammate.id,
    { body: `Du coéquipier ${t}-teammatewrote` },
    at("2045-05-02T10:00:00Z"),
  );
  await db.checkIn.create({
    data: {
      applicationId: shared.id,
      monthsAfter: 6,
      dueAt: at("2045-10-01T08:00:00Z"),
      submittedAt: at("2045-10-05T08:00:00Z"),
      answers: "{}",
      operating: true,
      fullTimeJobs: 3,
      partTimeJobs: 2,
      exportShare: 5,
      fundingAmount: 20_000,
    },
  });
  await db.$transaction((tx) => refreshFollowUpSummaries(tx, { applicationId: shared.id }));
  // An email to the teammate naming them (not sent yet: it still goes, without them), and an audit event naming them.
  const teammateEmail = await outboxEmail({
    to: teammate.email,
    template: "team-member-joined",
    payload: { name: teammate.name, memberName: person.name, memberEmail: person.email, projectName: shared.projectName },
    dedupeKey: `team-joined:${shared.id}:${person.id}`,
  });
  await db.auditEvent.create({
    data: {
      actorId: teammate.id,
      subjectType: "Application",
      subjectId: shared.id,
      type: "TEAM_INVITATION_SENT",
      details: JSON.stringify({ email: person.email }),
    },
  });

  // 4. As a reviewer: a review of another founder's application, and a discussion post on it.
  const reviewedFounder = await createTestUser({ roles: ["FOUNDER"] });
  const reviewed = await application(reviewedFounder, call, site, "REVIEW", {
    projectName: `Évalué ${t}-reviewed`,
    tagline: `Toujours là ${t}-reviewedtagline`,
  });
  await db.application.update({ where: { id: reviewed.id }, data: { rawScore: 3.5, reviewCount: 1 } });
  const reviewAssignment = await db.reviewAssignment.create({
    data: { applicationId: reviewed.id, reviewerId: person.id, status: "SUBMITTED" },
  });
  await db.review.create({
    data: {
      assignmentId: reviewAssignment.id,
      privateComment: `Mon avis ${t}-reviewerprivate`,
      founderFeedback: `Conseil ${t}-reviewerfeedback`,
      recommendation: "YES",
      score: 3.5,
      submittedAt: at("2045-02-16T10:00:00Z"),
      scores: { create: [{ criterionId: call.criteria[0].id, value: 4 }] },
    },
  });
  await db.discussionPost.create({
    data: {
      applicationId: reviewed.id,
      authorId: person.id,
      body: `Je maintiens ${t}-reviewerpost`,
      createdAt: at("2045-02-20T10:00:00Z"),
    },
  });

  // 5. The account's own records: a consent, a reset token, a notification, a rate-limit counter, a copy of their
  //    data (its ZIP written, its email queued), and an event of their account.
  await db.$transaction((tx) => recordConsent(tx, person.id, "FUTURE_CALLS", at("2045-01-05T10:00:00Z")));
  await db.token.create({
    data: {
      userId: person.id,
      kind: "PASSWORD_RESET",
      tokenHash: crypto.randomBytes(32).toString("hex"),
      expiresAt: at("2099-01-01T00:00:00Z"),
    },
  });
  await db.notification.create({
    data: { userId: person.id, kind: "MESSAGE", projectName: shared.projectName, path: `/founder/applications/${shared.id}/messages` },
  });
  await db.rateLimit.create({
    data: { key: `login:account+ip:${person.email}|203.0.113.9`, count: 1, resetAt: at("2099-01-01T00:00:00Z") },
  });
  await requestDataExport(person.id);
  await prepareDataExports(new Date());
  const dataExport = await db.dataExport.findFirstOrThrow({ where: { userId: person.id } });

  return {
    t,
    admin,
    call,
    openCall,
    teammateCall,
    person,
    teammate,
    rejected,
    draft,
    shared,
    reviewed,
    reviewAssignment,
    deck,
    leadMessageFile,
    memberMessageFile,
    sharedDeck,
    decisionEmail,
    teammateEmail,
    memberMessage,
    teammateMessage,
    dataExport,
    /** Every value that must be gone from everywhere: the person, their applications' texts, what they wrote. */
    personal: [
      person.name,
      person.email,
      `efface-${t}.ma`,
      rejected.projectName,
      rejected.projectNameKey,
      rejected.tagline,
      rejected.problem,
      rejected.solution,
      rejected.market,
      rejected.traction,
      rejected.decisionReason!,
      `Zineb Associee${t}`,
      `zineb.${t}@atelier-${t}.ma`,
      `+212 6 61 ${phone}`,
      `661${phone}`,
      `+212 6 62 ${memberPhone}`,
      `662${memberPhone}`,
      `${t}-leadbio`,
      `${t}-memberbio`,
      `${t}-lead`,
      `${t}-member`,
      `${t}-answer`,
      `Effacee${t}`,
      `Statuts${t}`,
      `Bilan${t}`,
      `${t}-leadmessage`,
      `${t}-staffreply`,
      `${t}-aboutthem`,
      `${t}-draft`,
      `${t}-draftproblem`,
      `${t}-memberwrote`,
      `${t}-reviewerprivate`,
      `${t}-reviewerfeedback`,
      `${t}-reviewerpost`,
    ],
    /** What stays: the teammate, their project, the application reviewed. */
    kept: [
      teammate.name,
      teammate.email,
      shared.projectName,
      `${t}-sharedtagline`,
      `${t}-teammatewrote`,
      `Coequipier${t}`,
      reviewed.projectName,
      `${t}-reviewedtagline`,
    ],
  };
}

type World = Awaited<ReturnType<typeof buildWorld>>;

/** Every figure the network reads off the applications of `callIds`: each call's dashboard, the outcomes, plain counts. */
async function statistics(callIds: string[]) {
  const where = { callId: { in: callIds } };
  return {
    dashboards: await Promise.all(callIds.map((callId) => callDashboard(callId))),
    distributions: await Promise.all(callIds.map((callId) => answerDistributionsOfCall(callId, "fr"))),
    outcomes: await Promise.all(callIds.map((callId) => outcomesDashboard({ callId }, NOW))),
    byStatusSectorSite: sorted(
      await db.application.groupBy({
        by: ["callId", "status", "sector", "stage", "preferredSiteId", "enrolledCohortId"],
        where,
        _count: { _all: true },
        _sum: { rawScore: true, normalizedScore: true, rank: true, reviewCount: true },
      }),
    ),
    dates: sorted(
      await db.application.findMany({
        where,
        select: { id: true, submittedAt: true, decisionReleasedAt: true, graduatedAt: true, createdAt: true, founderId: true },
      }),
    ),
    reviews: sorted(
      await db.review.groupBy({
        by: ["recommendation"],
        where: { assignment: { application: where } },
        _count: { _all: true },
        _sum: { score: true },
      }),
    ),
    reviewScores: await db.reviewScore.aggregate({
      where: { review: { assignment: { application: where } } },
      _count: { _all: true },
      _sum: { value: true },
    }),
    assignments: sorted(
      await db.reviewAssignment.findMany({ where: { application: where }, select: { applicationId: true, reviewerId: true } }),
    ),
    choices: sorted(await db.answerChoice.findMany({ where: { question: { callId: { in: callIds } } } })),
    messages: await db.message.count({ where: { application: where } }),
    posts: await db.discussionPost.count({ where: { application: where } }),
    checkIns: await db.checkIn.count({ where: { application: where } }),
  };
}

/** The account page as `cookie` opens it: its data, or where it sends the visitor. */
async function accountPage(cookie: string): Promise<{ status: number; data?: AccountData; location?: string | null }> {
  const response = await callRoute(accountLoader, { path: "/account", cookie });
  return response.status === 200
    ? { status: 200, data: (await response.json()) as AccountData }
    : { status: response.status, location: response.headers.get("Location") };
}

type AccountData = {
  email: string;
  erasure: {
    status: "PENDING" | "REFUSED" | null;
    atText: string | null;
    reason: string;
    blocking: Array<{ id: string; projectName: string; callTitle: string; status: string; block: string }>;
  };
};

const erase = (cookie: string, extra: Record<string, string> = {}) =>
  callRoute(accountAction, { path: "/account", cookie, form: { intent: "erase", confirm: "on", ...extra } });

/** Whether `email` and `password` sign in through the login route. */
async function canSignIn(email: string, password = TEST_PASSWORD): Promise<boolean> {
  const response = await callRoute(loginAction, {
    path: "/login",
    form: { email, password },
    ip: `198.18.${crypto.randomInt(0, 255)}.${crypto.randomInt(1, 254)}`,
  });
  return response.status === 302 && cookieFrom(response) !== null;
}

// ---------------------------------------------------------------------------

describe("an immediate erasure", () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  });

  it("leaves nothing of the person anywhere, ends their sessions, keeps the teammate's project and every statistic", async () => {
    const w = world;
    const cookie = await signIn(w.person);
    const otherSession = await signIn(w.person);
    const teammateCookie = await signIn(w.teammate);
    const page = await accountPage(cookie);
    expect(page).toMatchObject({ status: 200, data: { email: w.person.email, erasure: { status: null, blocking: [] } } });

    // Before: every value is where the world put it, the files and the data copy are there, the statistics count.
    const callIds = [w.call.id, w.openCall.id, w.teammateCall.id];
    const before = await statistics(callIds);
    expect(before.outcomes[2]).toMatchObject({ projects: 1, jobs: { fullTime: 3, partTime: 2 } });
    expect(JSON.stringify(before.distributions[0])).toMatch(/"count":1/);
    const foundBefore = new Set((await findInDatabase(w.personal)).map((hit) => hit.needle));
    expect(w.personal.filter((needle) => !foundBefore.has(needle))).toEqual([]);
    expect(storedFiles().map((file) => file.sha256)).toEqual(
      expect.arrayContaining([w.deck.sha256, w.leadMessageFile.sha256, w.memberMessageFile.sha256, w.sharedDeck.sha256]),
    );
    expect(w.dataExport).toMatchObject({ status: "READY", storageKey: expect.any(String) });
    const zip = path.join(exportsDir(), w.dataExport.storageKey!);
    expect(fs.existsSync(zip)).toBe(true);
    const sharedBefore = await db.application.findUniqueOrThrow({ where: { id: w.shared.id } });
    const reviewedBefore = await db.application.findUniqueOrThrow({ where: { id: w.reviewed.id } });

    // The person erases their account from the account page: signed out, told so on the landing page.
    const response = await erase(cookie);
    await expectRedirectWithFlash(response, "/", { kind: "success", key: "erasure.done" });
    expect(response.headers.get("Set-Cookie")).toMatch(/tremplin_session=;.*Max-Age=0/i);

    // Their sessions end: neither this browser's cookie nor another's signs in; nor does their password, anywhere.
    expect(await accountPage(cookie)).toEqual({ status: 302, location: "/login?redirectTo=%2Faccount" });
    expect(await accountPage(otherSession)).toEqual({ status: 302, location: "/login?redirectTo=%2Faccount" });
    expect(await db.session.count({ where: { userId: w.person.id } })).toBe(0);

    // Nothing of theirs in any text column of any table.
    expect((await findInDatabase(w.personal)).map(({ table, column, needle }) => `${table}.${column}: ${needle}`)).toEqual([]);
    // Their password signs in nowhere (a failed attempt is counted under the address typed: after the search).
    expect(await canSignIn(w.person.email)).toBe(false);
    expect(await canSignIn(erasedEmail(w.person.id))).toBe(false);
    // Nor in the storage, by name or by content; nor their data copy. The teammate's file is kept.
    const filesAfter = storedFiles();
    for (const removed of [w.deck, w.leadMessageFile, w.memberMessageFile]) {
      expect(filesAfter.filter((file) => file.sha256 === removed.sha256 || file.name === removed.sha256)).toEqual([]);
    }
    for (const label of [`deck-${w.t}`, `leadmessage-${w.t}`, `membermessage-${w.t}`]) {
      expect(filesAfter.filter((file) => file.bytes.includes(label)).map((file) => file.file)).toEqual([]);
    }
    expect(filesAfter.filter((file) => file.sha256 === w.sharedDeck.sha256)).toHaveLength(1);
    expect(fs.existsSync(zip)).toBe(false);
    expect(storedFiles(exportsDir()).filter((file) => file.name.startsWith(w.dataExport.id))).toEqual([]);

    // The account stays (its applications, reviews and audit trail point at it), named by no one.
    const account = await db.user.findUniqueOrThrow({ where: { id: w.person.id }, include: { roles: true } });
    expect(account).toMatchObject({
      name: ERASED_NAME,
      email: erasedEmail(w.person.id),
      passwordHash: null,
      active: false,
      emailVerifiedAt: null,
    });
    expect(account.anonymizedAt).not.toBeNull();
    for (const [table, count] of Object.entries({
      session: await db.session.count({ where: { userId: w.person.id } }),
      token: await db.token.count({ where: { userId: w.person.id } }),
      consent: await db.consent.count({ where: { userId: w.person.id } }),
      notification: await db.notification.count({ where: { userId: w.person.id } }),
      dataExport: await db.dataExport.count({ where: { userId: w.person.id } }),
      reviewerProfile: await db.reviewerProfile.count({ where: { userId: w.person.id } }),
      teamMembership: await db.teamMembership.count({ where: { userId: w.person.id } }),
      draftStepChange: await db.draftStepChange.count({ where: { userId: w.person.id } }),
    }))
      expect(count, table).toBe(0);

    // The applications they lead are anonymized as retention does (reason ERASURE), counted as before.
    for (const led of [w.rejected, w.draft]) {
      const after = await db.application.findUniqueOrThrow({ where: { id: led.id } });
      expect(after).toMatchObject({ projectName: ANONYMIZED_PROJECT_NAME, status: led.status, founderId: w.person.id, problem: "" });
      expect(after.anonymizedAt).not.toBeNull();
    }
    const anonymized = await db.auditEvent.findMany({
      where: { type: "APPLICATION_ANONYMIZED", subjectId: { in: [w.rejected.id, w.draft.id] } },
      select: { subjectId: true, details: true, actorId: true },
    });
    expect(sorted(anonymized)).toEqual(
      sorted([
        { subjectId: w.rejected.id, details: '{"reason":"ERASURE"}', actorId: w.person.id },
        { subjectId: w.draft.id, details: '{"reason":"ERASURE"}', actorId: w.person.id },
      ]),
    );

    // The teammate's project stays as it was, without them: its texts, its lead, its other messages, its file.
    const sharedAfter = await db.application.findUniqueOrThrow({ where: { id: w.shared.id } });
    expect({ ...sharedAfter, updatedAt: null }).toEqual({ ...sharedBefore, updatedAt: null });
    expect(
      await db.teamMember.findMany({
        where: { applicationId: w.shared.id },
        select: { name: true, email: true },
        orderBy: { position: "asc" },
      }),
    ).toEqual([{ name: w.teammate.name, email: w.teammate.email }]);
    expect(await db.teamMembership.findMany({ where: { applicationId: w.shared.id }, select: { userId: true } })).toEqual([
      { userId: w.teammate.id },
    ]);
    expect(await db.teamInvitation.count({ where: { applicationId: w.shared.id } })).toBe(0);
    expect(await db.attachment.count({ where: { applicationId: w.shared.id } })).toBe(1);
    expect(await db.message.findUniqueOrThrow({ where: { id: w.memberMessage.id }, select: { body: true, authorId: true } })).toEqual({
      body: "",
      authorId: w.person.id,
    });
    expect(await db.messageAttachment.count({ where: { messageId: w.memberMessage.id } })).toBe(0);
    expect((await db.message.findUniqueOrThrow({ where: { id: w.teammateMessage.id } })).body).toBe(`Du coéquipier ${w.t}-teammatewrote`);
    // The teammate still signs in and sees their project.
    expect((await accountPage(teammateCookie)).status).toBe(200);
    const keptHits = new Set((await findInDatabase(w.kept)).map((hit) => hit.needle));
    expect(w.kept.filter((needle) => !keptHits.has(needle))).toEqual([]);

    // The reviews they wrote keep their scores and recommendations, not their texts; the reviewed application is as it was.
    const review = await db.review.findFirstOrThrow({ where: { assignmentId: w.reviewAssignment.id }, include: { scores: true } });
    expect(review).toMatchObject({ privateComment: "", founderFeedback: "", recommendation: "YES", score: 3.5, scores: [{ value: 4 }] });
    expect(await db.reviewAssignment.findUniqueOrThrow({ where: { id: w.reviewAssignment.id } })).toMatchObject({
      reviewerId: w.person.id,
    });
    expect({ ...(await db.application.findUniqueOrThrow({ where: { id: w.reviewed.id } })), updatedAt: null }).toEqual({
      ...reviewedBefore,
      updatedAt: null,
    });

    // Emails: those addressed to them redacted (and a pending one never sent); the teammate's still goes, without them.
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: w.decisionEmail.id } })).toMatchObject({
      to: ANONYMIZED_ADDRESS,
      payload: "{}",
      status: "SENT",
    });
    const ready = await db.outboxEmail.findFirstOrThrow({ where: { dedupeKey: `data-export-ready:${w.dataExport.id}` } });
    expect(ready).toMatchObject({ to: ANONYMIZED_ADDRESS, payload: "{}" });
    expect(["SENT", "DEAD"]).toContain(ready.status);
    const teammateEmail = await db.outboxEmail.findUniqueOrThrow({ where: { id: w.teammateEmail.id } });
    expect(teammateEmail).toMatchObject({ to: w.teammate.email, status: "PENDING" });
    expect(JSON.parse(teammateEmail.payload)).toEqual({
      name: w.teammate.name,
      memberName: "—",
      memberEmail: "—",
      projectName: w.shared.projectName,
    });

    // The audit trail: the request and the erasure, by the person; the event that named them emptied.
    const events = await db.auditEvent.findMany({
      where: { subjectType: "User", subjectId: w.person.id, type: { startsWith: "ERASURE_" } },
      orderBy: { createdAt: "asc" },
      select: { type: true, actorId: true, details: true },
    });
    expect(events.map((event) => [event.type, event.actorId])).toEqual([
      ["ERASURE_REQUESTED", w.person.id],
      ["ERASURE_DONE", w.person.id],
    ]);
    expect(JSON.parse(events[0].details)).toMatchObject({ blocking: [] });
    expect(JSON.parse(events[1].details)).toEqual({ applications: 2 });
    expect(await db.auditEvent.findFirstOrThrow({ where: { type: "TEAM_INVITATION_SENT", subjectId: w.shared.id } })).toMatchObject({
      details: "{}",
    });
    expect(await db.erasureRequest.findMany({ where: { userId: w.person.id }, select: { status: true, decidedById: true } })).toEqual([
      { status: "DONE", decidedById: null },
    ]);

    // And every statistic of their calls counts the same.
    expect(await statistics(callIds)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------

/** A person whose application is in the selection (COMMITTEE) and who is on an enrolled teammate's team. */
async function blockedPerson(t: string, label: string) {
  const site = await createSite();
  const [call, cohortCall] = [
    await createCall(t, `${label}-comite`, "CLOSED", site),
    await createCall(t, `${label}-cohorte`, "CLOSED", site),
  ];
  const person = await createTestUser({ roles: ["FOUNDER"], name: `Nadia ${label}${t}`, email: `nadia.${label}.${t}@attente-${t}.ma` });
  const inSelection = await application(person, call, site, "COMMITTEE", {
    projectName: `En comité ${label}${t}`,
    tagline: `Au comité ${t}-${label}`,
  });
  const lead = await createTestUser({ roles: ["FOUNDER"] });
  const enrolled = await application(lead, cohortCall, site, "ENROLLED", { projectName: `Intégré ${label}${t}` });
  await db.application.update({ where: { id: enrolled.id }, data: { enrolledCohortId: cohortCall.cohorts[0].id } });
  await db.teamMember.create({ data: { applicationId: enrolled.id, name: person.name, email: person.email, role: "CMO", position: 1 } });
  await db.teamMembership.createMany({
    data: [
      { applicationId: enrolled.id, callId: cohortCall.id, userId: lead.id, lead: true },
      { applicationId: enrolled.id, callId: cohortCall.id, userId: person.id, bio: `Bio ${t}-${label}-bio` },
    ],
  });
  return { person, inSelection, enrolled, lead };
}

describe("an erasure an application blocks", () => {
  it("waits for an admin, who refuses (a reason required, the person sees it) or approves (the account is then erased)", async () => {
    const t = tag();
    const { person, inSelection, enrolled, lead } = await blockedPerson(t, "wait");
    const { user: admin, cookie: adminCookie } = await signedIn("ADMIN", { locale: "en" });
    const { user: otherAdmin } = await signedIn("ADMIN");
    const cookie = await signIn(person);

    // The account page says, before anything is asked, which applications would make the request wait.
    const ahead = await accountPage(cookie);
    expect(ahead.data?.erasure).toEqual({
      status: null,
      atText: null,
      reason: "",
      blocking: [
        {
          id: inSelection.id,
          projectName: inSelection.projectName,
          callTitle: expect.any(String),
          status: "COMMITTEE",
          block: "ACTIVE_SELECTION",
        },
        { id: enrolled.id, projectName: enrolled.projectName, callTitle: expect.any(String), status: "ENROLLED", block: "ENROLLED_COHORT" },
      ],
    });

    // The request: recorded, nothing erased, the person still signed in.
    await expectRedirectWithFlash(await erase(cookie), "/account", { kind: "info", key: "erasure.asked" });
    const waiting = await accountPage(cookie);
    expect(waiting).toMatchObject({ status: 200, data: { email: person.email, erasure: { status: "PENDING", reason: "" } } });
    expect(waiting.data?.erasure.atText).toMatch(/\d/);
    expect(await db.user.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({
      name: person.name,
      active: true,
      anonymizedAt: null,
    });
    expect((await db.application.findUniqueOrThrow({ where: { id: inSelection.id } })).anonymizedAt).toBeNull();
    const requested = await db.auditEvent.findFirstOrThrow({ where: { type: "ERASURE_REQUESTED", subjectId: person.id } });
    expect(requested.actorId).toBe(person.id);
    expect(JSON.parse(requested.details)).toMatchObject({
      blocking: [
        { applicationId: inSelection.id, status: "COMMITTEE", block: "ACTIVE_SELECTION" },
        { applicationId: enrolled.id, status: "ENROLLED", block: "ENROLLED_COHORT" },
      ],
    });

    // One at a time: asking again is refused, translated, beside the form.
    const again = await erase(cookie);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ intent: "erasure", errors: { form: "erasure.errors.alreadyPending" } });
    expect(await refusalOf(requestErasure(person.id))).toEqual({ key: "erasure.errors.alreadyPending", status: 409 });
    expect(await db.erasureRequest.count({ where: { userId: person.id } })).toBe(1);

    // The admin page lists it, with the applications blocking it.
    expect(ErasurePage).toBeTypeOf("function");
    const listed = (await (await callRoute(adminLoader, { path: "/admin/erasure-requests", cookie: adminCookie })).json()) as {
      requests: Array<{
        id: string;
        name: string;
        email: string;
        requestedAtText: string;
        blocking: Array<{ id: string; status: string; block: string }>;
      }>;
    };
    const row = listed.requests.find((item) => item.email === person.email);
    expect(row).toMatchObject({
      name: person.name,
      blocking: [
        { id: inSelection.id, status: "COMMITTEE", block: "ACTIVE_SELECTION" },
        { id: enrolled.id, status: "ENROLLED", block: "ENROLLED_COHORT" },
      ],
    });
    expect(row?.requestedAtText).toMatch(/\b20\d\d\b/);
    const requestId = row!.id;

    // A refusal needs a reason: refused beside the field, the request still waiting.
    const post = (form: Record<string, string>) => callRoute(adminAction, { path: "/admin/erasure-requests", cookie: adminCookie, form });
    const noReason = await post({ intent: "refuse", requestId, reason: "   " });
    expect(noReason.status).toBe(400);
    expect(await noReason.json()).toMatchObject({ errors: { reason: "erasureAdmin.errors.reasonRequired" }, values: { requestId } });
    expect((await post({})).status).toBe(400);
    expect((await post({ intent: "approve", requestId: "no-such-request" })).status).toBe(404);
    expect((await db.erasureRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("PENDING");

    // Refused with a reason (naming the person, as an admin may): kept, and the person reads why.
    const reason = `Le projet de ${person.name} est devant le comité ${t}-refusal`;
    await expectRedirectWithFlash(await post({ intent: "refuse", requestId, reason }), "/admin/erasure-requests", {
      kind: "success",
      key: "erasureAdmin.refused",
    });
    expect(await db.erasureRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
      status: "REFUSED",
      decidedById: admin.id,
      reason,
    });
    const refusedPage = await accountPage(cookie);
    expect(refusedPage).toMatchObject({ status: 200, data: { erasure: { status: "REFUSED", reason } } });
    expect(await db.user.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({ name: person.name, active: true });
    const refusedEvent = await db.auditEvent.findFirstOrThrow({ where: { type: "ERASURE_REFUSED", subjectId: person.id } });
    expect(refusedEvent.actorId).toBe(admin.id);
    expect(JSON.parse(refusedEvent.details)).toEqual({ requestId, reason });
    // Decided once: a second decision on it is refused.
    expect(await refusalOf(decideErasure(requestId, otherAdmin, true, ""))).toEqual({
      key: "erasureAdmin.errors.alreadyDecided",
      status: 409,
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({ anonymizedAt: null });

    // Asked again, approved: the account is erased, its application in selection anonymized, the enrolled teammate's kept without them.
    await expectRedirectWithFlash(await erase(cookie), "/account", { kind: "info", key: "erasure.asked" });
    const second = (await pendingErasures()).find((item) => item.user.id === person.id);
    expect(second?.blocking.map((application) => application.id)).toEqual([inSelection.id, enrolled.id]);
    await expectRedirectWithFlash(await post({ intent: "approve", requestId: second!.id }), "/admin/erasure-requests", {
      kind: "success",
      key: "erasureAdmin.approved",
    });
    expect(await db.erasureRequest.findUniqueOrThrow({ where: { id: second!.id } })).toMatchObject({
      status: "DONE",
      decidedById: admin.id,
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({ name: ERASED_NAME, active: false });
    expect(await accountPage(cookie)).toEqual({ status: 302, location: "/login?redirectTo=%2Faccount" });
    expect(await db.application.findUniqueOrThrow({ where: { id: inSelection.id } })).toMatchObject({
      status: "COMMITTEE",
      projectName: ANONYMIZED_PROJECT_NAME,
      anonymizedAt: expect.any(Date),
    });
    expect(await db.application.findUniqueOrThrow({ where: { id: enrolled.id } })).toMatchObject({
      status: "ENROLLED",
      projectName: enrolled.projectName,
      anonymizedAt: null,
    });
    expect(await db.teamMembership.findMany({ where: { applicationId: enrolled.id }, select: { userId: true } })).toEqual([
      { userId: lead.id },
    ]);
    expect(await db.teamMember.count({ where: { applicationId: enrolled.id } })).toBe(1);
    const decided = await db.auditEvent.findMany({
      where: { subjectType: "User", subjectId: person.id, type: { in: ["ERASURE_APPROVED", "ERASURE_DONE"] } },
      orderBy: { type: "asc" },
      select: { type: true, actorId: true },
    });
    expect(decided).toEqual([
      { type: "ERASURE_APPROVED", actorId: admin.id },
      { type: "ERASURE_DONE", actorId: admin.id },
    ]);
    // The refusal's reason named them: it is gone from the request and from the audit trail, the refusal stays.
    expect(await db.erasureRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "REFUSED", reason: "" });
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id: refusedEvent.id } })).details).toBe("{}");
    expect(
      (await findInDatabase([person.name, person.email, `${t}-wait`, `${t}-wait-bio`])).map((hit) => `${hit.table}.${hit.column}`),
    ).toEqual([]);
    expect((await pendingErasures()).find((item) => item.user.id === person.id)).toBeUndefined();
  });

  it("is decided once when two admins decide at once", async () => {
    const t = tag();
    const admins = [(await signedIn("ADMIN")).user, (await signedIn("ADMIN")).user];
    for (const [round, decisions] of [
      [0, [true, false]],
      [1, [false, true]],
      [2, [true, true]],
      [3, [false, false]],
    ] as const) {
      const { person } = await blockedPerson(t, `race${round}`);
      const asked = await requestErasure(person.id, NOW);
      expect(asked.status).toBe("PENDING");
      const { id } = await db.erasureRequest.findFirstOrThrow({ where: { userId: person.id, status: "PENDING" } });
      const outcomes = await Promise.allSettled(
        decisions.map((approve, index) => decideErasure(id, admins[index], approve, approve ? "" : `Refus ${index}`, NOW)),
      );
      const won = outcomes.flatMap((outcome, index) => (outcome.status === "fulfilled" ? [index] : []));
      expect(won, `round ${round}`).toHaveLength(1);
      const lost = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
      expect(lost.reason).toMatchObject({ key: "erasureAdmin.errors.alreadyDecided", status: 409 });
      const winner = won[0];
      const request = await db.erasureRequest.findUniqueOrThrow({ where: { id } });
      expect(request).toMatchObject({ status: decisions[winner] ? "DONE" : "REFUSED", decidedById: admins[winner].id });
      const events = await db.auditEvent.findMany({
        where: { subjectType: "User", subjectId: person.id, type: { not: "ERASURE_REQUESTED" } },
      });
      expect(events.map((event) => [event.type, event.actorId]).sort()).toEqual(
        decisions[winner]
          ? [
              ["ERASURE_APPROVED", admins[winner].id],
              ["ERASURE_DONE", admins[winner].id],
            ]
          : [["ERASURE_REFUSED", admins[winner].id]],
      );
      expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).anonymizedAt !== null).toBe(decisions[winner]);
    }
  });

  it("is not decided by the person who asked, even an admin", async () => {
    const t = tag();
    const { person } = await blockedPerson(t, "self");
    await db.userRole.create({ data: { userId: person.id, role: "ADMIN" } });
    expect((await requestErasure(person.id, NOW)).status).toBe("PENDING");
    const { id } = await db.erasureRequest.findFirstOrThrow({ where: { userId: person.id } });
    expect(await refusalOf(decideErasure(id, person, true, "", NOW))).toEqual({ key: "erasureAdmin.errors.ownRequest", status: 403 });
    expect((await db.erasureRequest.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
    expect(await refusalOf(decideErasure(id, { id: "someone" }, false, "x".repeat(2001), NOW))).toEqual({
      key: "erasureAdmin.errors.reasonTooLong",
      status: 400,
    });
  });
});

// ---------------------------------------------------------------------------

describe("whose account an erasure erases", () => {
  it("only ever the asker's: a post naming another account erases the asker's alone", async () => {
    const asker = await createTestUser({ roles: ["FOUNDER"], name: `Asker ${tag()}` });
    const other = await createTestUser({ roles: ["FOUNDER"], name: `Other ${tag()}` });
    const askerCookie = await signIn(asker);
    const otherCookie = await signIn(other);

    // Not ticked: refused beside the box, nothing done.
    const unticked = await callRoute(accountAction, { path: "/account", cookie: askerCookie, form: { intent: "erase", userId: other.id } });
    expect(unticked.status).toBe(400);
    expect(await unticked.json()).toMatchObject({ intent: "erasure", errors: { confirm: "erasure.errors.confirm" } });
    expect(await db.erasureRequest.count({ where: { userId: { in: [asker.id, other.id] } } })).toBe(0);

    const response = await erase(askerCookie, { userId: other.id, id: other.id, email: other.email, user: other.id });
    await expectRedirectWithFlash(response, "/", { kind: "success", key: "erasure.done" });
    expect(await db.user.findUniqueOrThrow({ where: { id: asker.id } })).toMatchObject({ name: ERASED_NAME, active: false });
    expect(await db.user.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({
      name: other.name,
      email: other.email,
      active: true,
      anonymizedAt: null,
      passwordHash: other.passwordHash,
    });
    expect(await db.erasureRequest.findMany({ select: { userId: true }, where: { userId: { in: [asker.id, other.id] } } })).toEqual([
      { userId: asker.id },
    ]);
    expect((await accountPage(otherCookie)).status).toBe(200);
    expect(await canSignIn(other.email)).toBe(true);
  });

  it("refuses an account erased already, whether it asks through the model or with a session of its own", async () => {
    const person = await createTestUser({ roles: ["FOUNDER"] });
    expect(await requestErasure(person.id, NOW)).toEqual({ status: "DONE" });
    expect(await refusalOf(requestErasure(person.id, NOW))).toEqual({ key: "erasure.errors.alreadyErased", status: 409 });
    expect(await refusalOf(requestErasure("no-such-user", NOW))).toEqual({ key: "erasure.errors.alreadyErased", status: 409 });
    // Even a session forged for it signs nobody in: the account is not active.
    const forged = crypto.randomBytes(32).toString("base64url");
    await db.session.create({ data: { id: forged, userId: person.id, expiresAt: at("2099-01-01T00:00:00Z") } });
    const cookie = (await sessionCookie.serialize(forged)).split(";")[0];
    expect((await erase(cookie)).status).toBe(401);
    expect(await db.erasureRequest.count({ where: { userId: person.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { subjectId: person.id, type: "ERASURE_DONE" } })).toBe(1);
    expect((await erasureStateOf(person.id)).request).toMatchObject({ status: "DONE" });
  });
});
