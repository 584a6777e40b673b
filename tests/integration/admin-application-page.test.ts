// What the admin application page reads of one application (`getAdminApplication`):
// the application with its founder, sites and call, the call's rubric (raw and in the
// page's language), the team, the attachments, the assignments with their reviewers,
// reviews and criterion scores, the declared conflicts and the audit trail.
//
// The function reads with raw SQL (one plain statement per part, for the page's CPU):
// each field must come back as the nested Prisma query it replaced returned it, with the
// same types (Dates as Date objects, integers as numbers, booleans as booleans) and in
// the same order. That query is kept here as the reference, and each part is also
// checked by hand, so a dropped, renamed or mistyped field fails either way.
//
// The page's loader also lists the team's people with an account (issue 16): each member's own part and
// consent, and the invitations still pending or declined, never a revoked or accepted one.
import { adjustScore } from "~/domain/joint-ranking.ts";
import { beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { getAdminApplication } from "~/models/admin-application.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { loader as applicationLoader } from "~/routes/admin.applications.$id.tsx";
import type { TeamAccountsData } from "~/components/team-accounts.tsx";
import { localizeCriterion } from "~/models/review.server.ts";
import { showText } from "~/domain/call-texts.ts";
import { createTestUser } from "../support/factories.ts";
import { DAY_MS, createSite } from "../support/intake-factories.ts";
import {
  RUBRIC,
  assignReviewer,
  attachFile,
  createReviewApplication,
  createReviewSetup,
  createReviewer,
  signIn,
  submitReview,
} from "../support/review-factories.ts";
import { callRoute } from "../support/remix.ts";

await dbReady;

/** The nested Prisma query the page used before, with an order for the relations it left unordered. */
async function referenceAdminApplication(id: string) {
  const application = await db.application.findUnique({
    where: { id },
    select: {
      id: true,
      version: true,
      status: true,
      projectName: true,
      tagline: true,
      problem: true,
      solution: true,
      market: true,
      traction: true,
      stage: true,
      sector: true,
      submittedAt: true,
      rawScore: true,
      normalizedScore: true,
      disagreement: true,
      reviewCount: true,
      rank: true,
      decisionReleasedAt: true,
      founder: { select: { name: true, email: true } },
      preferredSite: { select: { name: true } },
      alternateSite: { select: { name: true } },
      teamMembers: { orderBy: { position: "asc" }, select: { name: true, email: true, role: true } },
      attachments: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, kind: true, fileName: true, size: true } },
      call: {
        select: {
          id: true,
          slug: true,
          title: true,
          titleEn: true,
          titleAr: true,
          status: true,
          opensAt: true,
          closesAt: true,
          hasInterview: true,
          criteria: { orderBy: { position: "asc" }, select: { id: true, key: true, label: true, anchors: true, weight: true } },
        },
      },
      assignments: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          stage: true,
          status: true,
          dueAt: true,
          reviewer: { select: { id: true, name: true } },
          review: {
            select: {
              score: true,
              recommendation: true,
              privateComment: true,
              founderFeedback: true,
              submittedAt: true,
              scores: { orderBy: { criterionId: "asc" }, select: { criterionId: true, value: true } },
            },
          },
        },
      },
      conflicts: { orderBy: { reviewerId: "asc" }, select: { reviewerId: true, reason: true, createdAt: true } },
    },
  });
  if (!application) return null;
  const audit = await db.auditEvent.findMany({
    where: { subjectType: "Application", subjectId: id },
    orderBy: { createdAt: "asc" },
    select: { id: true, type: true, fromState: true, toState: true, details: true, createdAt: true, actor: { select: { name: true } } },
  });
  const effects = await db.reviewerEffect.findMany({ where: { callId: application.call.id } });
  const effectOf = (stage: string, reviewerId: string) => effects.find((e) => e.stage === stage && e.reviewerId === reviewerId);
  const { title, titleEn, titleAr, ...call } = application.call;
  return {
    ...application,
    assignments: application.assignments.map((assignment) => {
      const effect = effectOf(assignment.stage, assignment.reviewer.id);
      const review = assignment.review;
      return {
        ...assignment,
        review: review && {
          ...review,
          adjustment:
            effect && review.submittedAt && review.score !== null
              ? { adjusted: adjustScore(review.score, effect, effect.overall), bias: effect.bias, scale: effect.scale }
              : null,
        },
      };
    }),
    call: { ...call, title: showText({ fr: title, en: titleEn, ar: titleAr }, "en") },
    criteria: application.call.criteria.map((c) => localizeCriterion(c, "en")),
    audit,
  };
}

// The page's data has the reference's type, field for field (checked by `npm run typecheck`).
expectTypeOf<Awaited<ReturnType<typeof getAdminApplication>>>().toEqualTypeOf<Awaited<ReturnType<typeof referenceAdminApplication>>>();

const at = (iso: string) => new Date(iso);

/**
 * An application in REVIEW with everything the page shows: scores and a rank, a decision release date,
 * two sites, a team of four (stored out of order), two attachments, three assignments (made out of
 * order: a submitted review, a draft, none yet), a declared conflict and four audit events (stored out
 * of order, one by the system).
 */
async function setup() {
  const { site, call, criteria, admin, reviewers } = await createReviewSetup({
    reviewers: [{ name: "Yasmine Reviewer" }, { name: "Anas Reviewer" }, { name: "Karim Reviewer" }],
    reviewersPerApplication: 3,
  });
  const [first, second, third] = reviewers;
  const alternate = await createSite({ name: "Technopark Alternate" });
  const built = await createReviewApplication({
    call,
    site,
    extraMembers: [{ name: "Zineb Advisor", email: "zineb@advisors.ma", role: "Advisor" }],
  });
  const application = built.application;
  // A fourth member placed first, though stored last; the founder moved to the end.
  await db.teamMember.create({
    data: { applicationId: application.id, name: "Mehdi Mentor", email: "mehdi@mentors.ma", role: "", position: -1 },
  });
  await db.teamMember.updateMany({ where: { applicationId: application.id, email: built.founder.email }, data: { position: 10 } });
  const other = await attachFile(application.id, "budget.pdf", "OTHER");

  // Made in the order second, first, third; dated first, second, third.
  const secondAssignment = await assignReviewer(application.id, second.id);
  const firstAssignment = await assignReviewer(application.id, first.id, { dueInDays: 3 });
  const thirdAssignment = await assignReviewer(application.id, third.id);
  await db.reviewAssignment.update({ where: { id: firstAssignment.id }, data: { createdAt: at("2026-02-01T08:00:00Z") } });
  await db.reviewAssignment.update({ where: { id: secondAssignment.id }, data: { createdAt: at("2026-02-02T08:00:00Z"), dueAt: null } });
  await db.reviewAssignment.update({ where: { id: thirdAssignment.id }, data: { createdAt: at("2026-02-03T08:00:00Z") } });
  await submitReview(firstAssignment, criteria, [5, 4, 3, 2, 1], {
    recommendation: "STRONG_YES",
    privateComment: "Solid team",
    founderFeedback: "Keep going",
  });
  await submitReview(secondAssignment, criteria, [2, 3], { submit: false, recommendation: "MAYBE" });

  const conflicted = await createReviewer({ name: "Conflicted Reviewer" });
  await db.conflictDeclaration.create({
    data: { applicationId: application.id, reviewerId: conflicted.id, reason: "Former colleague", createdAt: at("2026-01-20T10:00:00Z") },
  });

  await db.application.update({
    where: { id: application.id },
    data: {
      alternateSiteId: alternate.id,
      stage: "MVP",
      rawScore: 3.25,
      normalizedScore: 0.5,
      disagreement: 1.75,
      reviewCount: 2,
      rank: 4,
      decisionReleasedAt: at("2026-03-15T12:30:00Z"),
    },
  });
  const subject = { subjectType: "Application", subjectId: application.id };
  // Stored out of order; the page lists them by date.
  await db.auditEvent.create({
    data: {
      ...subject,
      actorId: admin.id,
      type: "TRANSITION",
      fromState: "SCREENING",
      toState: "REVIEW",
      createdAt: at("2026-01-12T09:00:00Z"),
    },
  });
  await db.auditEvent.create({
    data: { ...subject, actorId: null, type: "RANKING_REFRESHED", details: '{"rank":4}', createdAt: at("2026-01-14T09:00:00Z") },
  });
  await db.auditEvent.create({
    data: {
      ...subject,
      actorId: built.founder.id,
      type: "TRANSITION",
      fromState: "DRAFT",
      toState: "SUBMITTED",
      createdAt: at("2026-01-10T09:00:00Z"),
    },
  });
  await db.auditEvent.create({
    data: {
      ...subject,
      actorId: admin.id,
      type: "TRANSITION",
      fromState: "SUBMITTED",
      toState: "SCREENING",
      createdAt: at("2026-01-11T09:00:00Z"),
    },
  });
  // Another application's event, never shown here.
  await db.auditEvent.create({
    data: { subjectType: "Application", subjectId: "someone-else", type: "TRANSITION", createdAt: at("2026-01-13T09:00:00Z") },
  });

  // A draft with nothing attached: no sites, no team, no assignments.
  const founder = await createTestUser({ roles: ["FOUNDER"] });
  const bare = await db.application.create({ data: { founderId: founder.id, callId: call.id } });
  return { site, alternate, call, criteria, admin, first, second, third, conflicted, built, application, other, bare, founder };
}

let s: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  s = await setup();
});

describe("getAdminApplication", () => {
  it("returns what the nested Prisma query returned, field for field and type for type", async () => {
    const page = await getAdminApplication(s.application.id, "en");
    expect(page).toStrictEqual(await referenceAdminApplication(s.application.id));
    expect(await getAdminApplication(s.bare.id, "en")).toStrictEqual(await referenceAdminApplication(s.bare.id));
  });

  it("returns null for an unknown application", async () => {
    expect(await getAdminApplication("no-such-application", "en")).toBeNull();
  });

  it("returns the application's own fields, its founder, sites and call", async () => {
    const page = await getAdminApplication(s.application.id, "en");
    expect(page).not.toBeNull();
    if (!page) return;
    expect(Object.keys(page).sort()).toEqual(
      [
        "id",
        "version",
        "status",
        "projectName",
        "tagline",
        "problem",
        "solution",
        "market",
        "traction",
        "stage",
        "sector",
        "submittedAt",
        "rawScore",
        "normalizedScore",
        "disagreement",
        "reviewCount",
        "rank",
        "decisionReleasedAt",
        "founder",
        "preferredSite",
        "alternateSite",
        "teamMembers",
        "attachments",
        "call",
        "assignments",
        "conflicts",
        "criteria",
        "audit",
      ].sort(),
    );
    expect(page).toMatchObject({
      id: s.application.id,
      version: 3,
      status: "REVIEW",
      projectName: s.application.projectName,
      tagline: s.application.tagline,
      problem: s.application.problem,
      solution: s.application.solution,
      market: s.application.market,
      traction: s.application.traction,
      stage: "MVP",
      sector: s.application.sector,
      rawScore: 3.25,
      normalizedScore: 0.5,
      disagreement: 1.75,
      reviewCount: 2,
      rank: 4,
    });
    expect(page.submittedAt).toBeInstanceOf(Date);
    expect(page.submittedAt?.getTime()).toBe(s.application.submittedAt?.getTime());
    expect(page.decisionReleasedAt).toEqual(at("2026-03-15T12:30:00Z"));
    expect(page.decisionReleasedAt).toBeInstanceOf(Date);
    expect(page.founder).toStrictEqual({ name: s.built.founder.name, email: s.built.founder.email });
    expect(page.preferredSite).toStrictEqual({ name: s.site.name });
    expect(page.alternateSite).toStrictEqual({ name: "Technopark Alternate" });

    // The test call has no English title: the French one stands in, marked.
    expect(page.call).toMatchObject({
      id: s.call.id,
      slug: s.call.slug,
      title: { text: s.call.title, lang: "fr", dir: "ltr", inFrench: true },
      status: "OPEN",
      hasInterview: false,
    });
    expect(page.call.opensAt).toBeInstanceOf(Date);
    expect(page.call.opensAt.getTime()).toBe(s.call.opensAt.getTime());
    expect(page.call.closesAt).toBeInstanceOf(Date);
    expect(page.call.closesAt.getTime()).toBe(s.call.closesAt.getTime());
    expect(typeof page.call.hasInterview).toBe("boolean");

    const bare = await getAdminApplication(s.bare.id, "fr");
    expect(bare).toMatchObject({
      status: "DRAFT",
      version: 1,
      stage: null,
      sector: null,
      submittedAt: null,
      rawScore: null,
      normalizedScore: null,
      disagreement: null,
      reviewCount: 0,
      rank: null,
      decisionReleasedAt: null,
      preferredSite: null,
      alternateSite: null,
      teamMembers: [],
      attachments: [],
      assignments: [],
      conflicts: [],
      audit: [],
    });
    expect(bare?.founder).toStrictEqual({ name: s.founder.name, email: s.founder.email });
  });

  it("returns the rubric in order, raw on the call and in the page's language", async () => {
    const page = await getAdminApplication(s.application.id, "ar");
    expect(page?.call.criteria.map((c) => c.id)).toEqual(s.criteria.map((c) => c.id));
    expect(page?.call.criteria[0]).toStrictEqual({
      id: s.criteria[0].id,
      key: "problem",
      label: JSON.stringify({ fr: "Problème", en: "Problem", ar: "المشكلة" }),
      anchors: expect.stringContaining("المشكلة 1/5") as unknown as string,
      weight: 0.3,
    });
    expect(page?.criteria).toHaveLength(RUBRIC.length);
    expect(page?.criteria.map((c) => c.label)).toEqual(RUBRIC.map((c) => c.ar));
    expect(page?.criteria[1]).toStrictEqual({
      id: s.criteria[1].id,
      key: "solution",
      weight: 0.25,
      label: "الحل",
      anchors: [1, 2, 3, 4, 5].map((n) => `الحل ${n}/5`),
    });
  });

  it("returns the team by position, and the attachments", async () => {
    const page = await getAdminApplication(s.application.id, "en");
    expect(page?.teamMembers).toStrictEqual([
      { name: "Mehdi Mentor", email: "mehdi@mentors.ma", role: "" },
      { name: s.built.team[1].name, email: s.built.team[1].email, role: "CTO" },
      { name: "Zineb Advisor", email: "zineb@advisors.ma", role: "Advisor" },
      { name: s.built.founder.name, email: s.built.founder.email, role: "CEO" },
    ]);
    expect(page?.attachments).toStrictEqual([
      { id: s.built.attachment.id, kind: "PITCH_DECK", fileName: s.built.attachment.fileName, size: s.built.attachment.size },
      { id: s.other.id, kind: "OTHER", fileName: "budget.pdf", size: s.other.size },
    ]);
    expect(typeof page?.attachments[0].size).toBe("number");
    expect(page?.attachments[0].size).toBeGreaterThan(0);
  });

  it("returns the assignments by date, each with its reviewer, review and scores", async () => {
    const page = await getAdminApplication(s.application.id, "en");
    const assignments = page?.assignments ?? [];
    expect(assignments.map((a) => a.reviewer)).toStrictEqual([
      { id: s.first.id, name: "Yasmine Reviewer" },
      { id: s.second.id, name: "Anas Reviewer" },
      { id: s.third.id, name: "Karim Reviewer" },
    ]);
    const [submitted, draft, none] = assignments;
    expect(submitted).toMatchObject({ stage: "REVIEW", status: "SUBMITTED" });
    expect(submitted.dueAt).toBeInstanceOf(Date);
    expect(Math.abs((submitted.dueAt?.getTime() ?? 0) - (Date.now() + 3 * DAY_MS))).toBeLessThan(60_000);
    expect(Object.keys(submitted).sort()).toEqual(["dueAt", "id", "review", "reviewer", "stage", "status"]);
    expect(Object.keys(submitted.review ?? {}).sort()).toEqual([
      "adjustment",
      "founderFeedback",
      "privateComment",
      "recommendation",
      "score",
      "scores",
      "submittedAt",
    ]);
    expect(submitted.review).toMatchObject({
      recommendation: "STRONG_YES",
      privateComment: "Solid team",
      founderFeedback: "Keep going",
    });
    expect(submitted.review?.score).toBeCloseTo(0.3 * 5 + 0.25 * 4 + 0.2 * 3 + 0.15 * 2 + 0.1 * 1, 10);
    expect(submitted.review?.submittedAt).toBeInstanceOf(Date);
    // The call's ranking has not counted this reviewer yet: nothing to say about an adjustment.
    expect(submitted.review?.adjustment).toBeNull();
    const byCriterion = (scores: Array<{ criterionId: string; value: number }> | undefined) =>
      Object.fromEntries((scores ?? []).map((score) => [score.criterionId, score.value]));
    expect(byCriterion(submitted.review?.scores)).toStrictEqual(Object.fromEntries(s.criteria.map((c, i) => [c.id, 5 - i])));
    for (const score of submitted.review?.scores ?? []) expect(typeof score.value).toBe("number");

    expect(draft).toMatchObject({ status: "PENDING", dueAt: null });
    expect(draft.review).toMatchObject({ recommendation: "MAYBE", privateComment: "", founderFeedback: "", submittedAt: null });
    expect(byCriterion(draft.review?.scores)).toStrictEqual({ [s.criteria[0].id]: 2, [s.criteria[1].id]: 3 });

    expect(none).toMatchObject({ status: "PENDING", review: null });
  });

  it("returns the declared conflicts", async () => {
    const page = await getAdminApplication(s.application.id, "en");
    expect(page?.conflicts).toStrictEqual([
      { reviewerId: s.conflicted.id, reason: "Former colleague", createdAt: at("2026-01-20T10:00:00Z") },
    ]);
    expect(page?.conflicts[0].createdAt).toBeInstanceOf(Date);
  });

  it("returns the audit trail by date, with who acted", async () => {
    const page = await getAdminApplication(s.application.id, "en");
    const audit = page?.audit ?? [];
    // The four stored above, then the review's submission (dated now).
    expect(audit.map((event) => [event.createdAt.toISOString(), event.type, event.fromState, event.toState, event.actor])).toStrictEqual([
      ["2026-01-10T09:00:00.000Z", "TRANSITION", "DRAFT", "SUBMITTED", { name: s.built.founder.name }],
      ["2026-01-11T09:00:00.000Z", "TRANSITION", "SUBMITTED", "SCREENING", { name: "Admin Tremplin" }],
      ["2026-01-12T09:00:00.000Z", "TRANSITION", "SCREENING", "REVIEW", { name: "Admin Tremplin" }],
      ["2026-01-14T09:00:00.000Z", "RANKING_REFRESHED", null, null, null],
      [audit[4]?.createdAt.toISOString(), "REVIEW_SUBMITTED", null, null, { name: "Yasmine Reviewer" }],
    ]);
    expect(Date.now() - (audit[4]?.createdAt.getTime() ?? 0)).toBeLessThan(5 * 60_000);
    for (const event of audit) {
      expect(event.createdAt).toBeInstanceOf(Date);
      expect(Object.keys(event).sort()).toEqual(["actor", "createdAt", "details", "fromState", "id", "toState", "type"]);
      expect(typeof event.id).toBe("string");
    }
    expect(audit.slice(0, 4).map((event) => event.details)).toEqual(["{}", "{}", "{}", '{"rank":4}']);
  });
});

describe("the admin page's team accounts", () => {
  /**
   * A team whose lead has no membership row (an application started before memberships), two members who
   * joined (one confirmed, with a web link; one not, with a link that is no web address), and one
   * invitation of each status.
   */
  async function teamSetup() {
    const built = await createReviewApplication({ call: s.call, site: s.site });
    const { application, founder } = built;
    const nadia = await createTestUser({ name: "Nadia Idrissi", email: `nadia.${application.id}@example.test` });
    const youssef = await createTestUser({ name: "Youssef Alaoui", email: `youssef.${application.id}@example.test` });
    const membership = { applicationId: application.id, callId: s.call.id };
    await db.teamMembership.create({
      data: {
        ...membership,
        userId: youssef.id,
        joinedAt: at("2026-01-06T09:00:00Z"),
        linkUrl: "javascript:alert(1)",
      },
    });
    await db.teamMembership.create({
      data: {
        ...membership,
        userId: nadia.id,
        joinedAt: at("2026-01-04T09:00:00Z"),
        consentAt: at("2026-01-05T10:30:00Z"),
        linkUrl: "https://www.linkedin.com/in/nadia-idrissi",
        phone: "+212 6 61 23 45 67",
        residesInMorocco: true,
        bio: "Ingénieure, 8 ans dans le solaire.",
      },
    });
    const expiresAt = new Date(Date.now() + 7 * DAY_MS);
    const invite = (name: string, email: string, status: "PENDING" | "ACCEPTED" | "DECLINED" | "REVOKED") =>
      db.teamInvitation.create({
        data: {
          applicationId: application.id,
          name,
          email,
          status,
          expiresAt,
          tokenHash: `hash-${status}-${application.id}`,
          invitedById: founder.id,
        },
      });
    await invite("Nadia Idrissi", nadia.email, "ACCEPTED");
    const pending = await invite("Hamza Pending", `hamza.${application.id}@example.test`, "PENDING");
    const declined = await invite("Leila Declined", `leila.${application.id}@example.test`, "DECLINED");
    await invite("Rachid Revoked", `rachid.${application.id}@example.test`, "REVOKED");
    return { application, founder, nadia, youssef, pending, declined, expiresAt };
  }

  it("lists the members with their accounts and the pending or declined invitations, never a revoked one", async () => {
    const t = await teamSetup();
    const response = await callRoute(applicationLoader, {
      path: `/admin/applications/${t.application.id}`,
      params: { id: t.application.id },
      cookie: await signIn(s.admin),
    });
    expect(response.status).toBe(200);
    const { teamAccounts } = (await response.json()) as { teamAccounts: TeamAccountsData };

    // The admin's account is in French: dates are written in French, on the server.
    expect(teamAccounts.members).toStrictEqual([
      {
        name: t.founder.name,
        email: t.founder.email,
        lead: true,
        joinedText: null,
        consentText: null,
        linkUrl: "",
        linkHref: null,
        phone: "",
        residesInMorocco: null,
        bio: "",
      },
      {
        name: "Nadia Idrissi",
        email: t.nadia.email,
        lead: false,
        joinedText: formatDate(at("2026-01-04T09:00:00Z"), "fr"),
        consentText: formatDate(at("2026-01-05T10:30:00Z"), "fr", "dateTime"),
        linkUrl: "https://www.linkedin.com/in/nadia-idrissi",
        linkHref: "https://www.linkedin.com/in/nadia-idrissi",
        phone: "+212 6 61 23 45 67",
        residesInMorocco: true,
        bio: "Ingénieure, 8 ans dans le solaire.",
      },
      {
        name: "Youssef Alaoui",
        email: t.youssef.email,
        lead: false,
        joinedText: formatDate(at("2026-01-06T09:00:00Z"), "fr"),
        consentText: null,
        // Not a web address: shown as text, never as a link.
        linkUrl: "javascript:alert(1)",
        linkHref: null,
        phone: "",
        residesInMorocco: null,
        bio: "",
      },
    ]);
    expect(teamAccounts.invitations).toStrictEqual([
      {
        id: t.pending.id,
        name: "Hamza Pending",
        email: t.pending.email,
        state: "PENDING",
        expiresText: formatDate(t.expiresAt, "fr", "dateTime"),
      },
      { id: t.declined.id, name: "Leila Declined", email: t.declined.email, state: "DECLINED", expiresText: null },
    ]);
    expect(JSON.stringify(teamAccounts)).not.toContain("Rachid Revoked");
  });

  it("puts the lead's own membership first once it exists, with their consent", async () => {
    const t = await teamSetup();
    await db.teamMembership.create({
      data: {
        applicationId: t.application.id,
        callId: s.call.id,
        userId: t.founder.id,
        lead: true,
        joinedAt: at("2026-01-08T09:00:00Z"),
        consentAt: at("2026-01-09T09:00:00Z"),
      },
    });
    const response = await callRoute(applicationLoader, {
      path: `/admin/applications/${t.application.id}`,
      params: { id: t.application.id },
      cookie: await signIn(s.admin),
    });
    const { teamAccounts } = (await response.json()) as { teamAccounts: TeamAccountsData };
    expect(teamAccounts.members.map((m) => [m.name, m.lead, m.consentText])).toStrictEqual([
      [t.founder.name, true, formatDate(at("2026-01-09T09:00:00Z"), "fr", "dateTime")],
      ["Nadia Idrissi", false, formatDate(at("2026-01-05T10:30:00Z"), "fr", "dateTime")],
      ["Youssef Alaoui", false, null],
    ]);
  });
});
