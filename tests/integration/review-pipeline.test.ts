// The review pipeline end to end: lifecycle transitions (roles, guards,
// compare-and-set, atomicity), screening, bulk moves, reviewer assignment,
// blind review, scoring, conflicts, reviewer invitation and deactivation —
// through the model functions and the route modules that expose them.
import type { ActionFunction, LoaderFunction } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { catalogs } from "~/i18n/catalogs.ts";
import type { ApplicationStatus } from "~/domain/constants.ts";
import { TRANSITIONS, type Actor, type TransitionName } from "~/domain/lifecycle.ts";
import { moveApplications } from "~/models/admin-application.server.ts";
import { runAssignment, suggestReplacements } from "~/models/assignment.server.ts";
import { UserError } from "~/domain/errors.ts";
import { applyTransition } from "~/models/lifecycle.server.ts";
import { getReviewWorkspace } from "~/models/review.server.ts";
import { isRankingUpdating, refreshStaleRankings } from "~/models/scores.server.ts";
import { action as applicationAction } from "~/routes/admin.applications.$id.tsx";
import { action as applicationsAction } from "~/routes/admin.applications._index.tsx";
import { action as reviewerProfileAction } from "~/routes/admin.reviewers.$id.tsx";
import { action as inviteAction } from "~/routes/admin.reviewers._index.tsx";
import { action as screeningAction, loader as screeningLoader } from "~/routes/admin.screening.tsx";
import { loader as fileLoader } from "~/routes/files.$id.tsx";
import { action as invitationAction, loader as invitationLoader } from "~/routes/invitation.$token.tsx";
import { action as loginAction } from "~/routes/login.tsx";
import { loader as queueLoader } from "~/routes/reviewer._index.tsx";
import { action as reviewAction, loader as reviewLoader } from "~/routes/reviewer.assignments.$id.tsx";
import { createTestUser } from "../support/factories.ts";
import { createApplication, createOpenCall, createSite } from "../support/intake-factories.ts";
import type { EmailsPreview } from "~/models/email-preview.server.ts";
import {
  assignReviewer,
  attachFile,
  createReviewApplication,
  createReviewer,
  createReviewSetup,
  expectedScore,
  reviewForm,
  signIn,
  submitReview,
} from "../support/review-factories.ts";
import { expectFlashShownOnce, expectRedirectWithFlash, flashOf } from "../support/flash.ts";
import { refuseOutboxInserts } from "../support/database-faults.ts";
import { callRoute, cookieFrom } from "../support/remix.ts";

beforeAll(async () => {
  await dbReady;
});

const CONTEXT = { clientIp: "203.0.113.7", cspNonce: "test-nonce" };

// ---------------------------------------------------------------------------
// Helpers

/** Runs a loader or action on a hand-built request (repeated form fields), returning thrown responses too. */
async function invoke(
  fn: LoaderFunction | ActionFunction,
  options: { path: string; cookie?: string | null; params?: Record<string, string>; body?: URLSearchParams | FormData },
): Promise<Response> {
  const headers = new Headers();
  if (options.cookie) headers.set("Cookie", options.cookie);
  const request = new Request(new URL(options.path, "http://localhost"), {
    method: options.body ? "POST" : "GET",
    headers,
    body: options.body,
  });
  try {
    const result = await fn({ request, params: options.params ?? {}, context: CONTEXT });
    return result instanceof Response ? result : Response.json(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const asAdmin = (user: { id: string }): Actor => ({ kind: "user", id: user.id, roles: ["ADMIN"] });
const asFounder = (user: { id: string }): Actor => ({ kind: "user", id: user.id, roles: ["FOUNDER"] });
const asReviewer = (user: { id: string }): Actor => ({ kind: "user", id: user.id, roles: ["REVIEWER"] });
const SYSTEM: Actor = { kind: "system" };

/** The rejection of a promise that must fail with a UserError. */
async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome)) throw new Error(`Expected a UserError, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(UserError);
  return outcome.error as UserError;
}

/** What a refused or rolled-back transition must leave untouched. */
async function footprint(applicationId: string) {
  const application = await db.application.findUniqueOrThrow({
    where: { id: applicationId },
    select: { status: true, version: true, decisionReleasedAt: true, withdrawnAt: true, founder: { select: { email: true } } },
  });
  return {
    status: application.status,
    version: application.version,
    decisionReleasedAt: application.decisionReleasedAt,
    withdrawnAt: application.withdrawnAt,
    audit: await db.auditEvent.count({ where: { subjectType: "Application", subjectId: applicationId } }),
    emails: await db.outboxEmail.count({ where: { to: application.founder.email } }),
  };
}

const founderEmails = (email: string) => db.outboxEmail.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });
const payloadOf = (row: { payload: string }) => JSON.parse(row.payload) as Record<string, unknown>;

async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/**
 * A bulk move as the list page makes it: previewed (who will be emailed), then confirmed with the preview's
 * count (issue 18). Returns the confirmation's answer.
 */
async function bulkMove(path: string, cookie: string, entries: Array<[string, string]>): Promise<Response> {
  const preview = await invoke(applicationsAction, { path, cookie, body: formOf([["intent", "previewMove"], ...entries]) });
  expect(preview.status).toBe(200);
  const { preview: shown } = await json<{ preview: { emails: { count: number } } }>(preview);
  return invoke(applicationsAction, {
    path,
    cookie,
    body: formOf([["intent", "move"], ["expectedEmails", String(shown.emails.count)], ...entries]),
  });
}

function formOf(entries: Array<[string, string]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [key, value] of entries) body.append(key, value);
  return body;
}

// ---------------------------------------------------------------------------
// Lifecycle: roles and guards through applyTransition

/**
 * The lifecycle of DESIGN.md §3, written out independently of the table in
 * app/domain/lifecycle.ts: who may apply each transition, from a state it
 * starts from, and the founder emails it queues. The emails of the offer and
 * enrollment transitions belong to the allocation work, not to this file:
 * for those (`emails: "table"`) the test checks that exactly what the table
 * declares is queued.
 */
const EXPECTED: Record<
  TransitionName,
  { from: ApplicationStatus; to: ApplicationStatus; by: Array<"OWNER" | "ADMIN" | "SYSTEM">; emails: string[] | "table" }
> = {
  submit: { from: "DRAFT", to: "SUBMITTED", by: ["OWNER"], emails: ["application-submitted"] },
  startScreening: { from: "SUBMITTED", to: "SCREENING", by: ["ADMIN", "SYSTEM"], emails: [] },
  markEligible: { from: "SCREENING", to: "REVIEW", by: ["ADMIN"], emails: ["screening-passed"] },
  markIneligible: { from: "SCREENING", to: "REJECTED", by: ["ADMIN"], emails: ["screening-failed"] },
  shortlist: { from: "REVIEW", to: "INTERVIEW", by: ["ADMIN"], emails: ["interview-invitation"] },
  sendToCommittee: { from: "REVIEW", to: "COMMITTEE", by: ["ADMIN"], emails: [] },
  accept: { from: "COMMITTEE", to: "ACCEPTED", by: ["ADMIN"], emails: [] },
  waitlist: { from: "COMMITTEE", to: "WAITLISTED", by: ["ADMIN"], emails: [] },
  reject: { from: "COMMITTEE", to: "REJECTED", by: ["ADMIN"], emails: [] },
  enroll: { from: "ACCEPTED", to: "ENROLLED", by: ["OWNER"], emails: "table" },
  decline: { from: "ACCEPTED", to: "DECLINED", by: ["OWNER", "SYSTEM"], emails: "table" },
  promote: { from: "WAITLISTED", to: "ACCEPTED", by: ["ADMIN", "SYSTEM"], emails: "table" },
  reconsider: { from: "ACCEPTED", to: "COMMITTEE", by: ["ADMIN"], emails: [] },
  withdraw: { from: "REVIEW", to: "WITHDRAWN", by: ["OWNER"], emails: ["application-withdrawn"] },
  startIncubation: { from: "ENROLLED", to: "INCUBATING", by: ["ADMIN", "SYSTEM"], emails: [] },
  graduate: { from: "INCUBATING", to: "GRADUATED", by: ["ADMIN"], emails: [] },
  leaveEarly: { from: "INCUBATING", to: "LEFT_EARLY", by: ["ADMIN"], emails: [] },
  cease: { from: "GRADUATED", to: "CEASED", by: ["ADMIN", "SYSTEM"], emails: [] },
};

describe("lifecycle transitions", () => {
  /** An open call (deadline ahead) with an interview stage: every transition's guard can pass on it. */
  let lifecycle: Awaited<ReturnType<typeof lifecycleSetup>>;
  async function lifecycleSetup() {
    const site = await createSite();
    const call = await createOpenCall({ sites: [site], hasInterview: true });
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const reviewer = await createReviewer();
    const otherFounder = await createTestUser({ roles: ["FOUNDER"] });
    const cohort = await db.cohort.findFirstOrThrow({ where: { callId: call.id, siteId: site.id } });
    return { site, call, admin, reviewer, otherFounder, cohort };
  }

  /**
   * What a transition needs besides its source state: an acceptance names its
   * cohort first (the allocation, a promotion or the admin does), and a seat is
   * offered from the waitlist once that decision is released.
   */
  async function prepare(name: TransitionName, applicationId: string) {
    const { cohort } = lifecycle;
    if (TRANSITIONS[name].to === "ACCEPTED")
      await db.application.update({ where: { id: applicationId }, data: { allocatedCohortId: cohort.id } });
    if (name === "promote") await db.application.update({ where: { id: applicationId }, data: { decisionReleasedAt: new Date() } });
  }
  beforeAll(async () => {
    lifecycle = await lifecycleSetup();
  });

  it("covers every transition of the table", () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED) as Array<[TransitionName, (typeof EXPECTED)[TransitionName]]>)(
    "%s: only its roles may apply it, and it records an audit event and its emails",
    async (name, expected) => {
      const { call, site, admin, reviewer, otherFounder } = lifecycle;
      const actorsFor = (owner: { id: string }) => ({
        OWNER: asFounder(owner),
        ADMIN: asAdmin(admin),
        SYSTEM,
        REVIEWER: asReviewer(reviewer),
        OTHER_FOUNDER: asFounder(otherFounder),
      });
      const input = {
        reason: "Motif consigné par l'administration",
        emailData: { at: "2026-06-01T09:00:00.000Z", place: "Technopark Casablanca" },
      };

      // Everyone not in `by` is refused with 403 and nothing changes.
      const target = await createReviewApplication({ call, site, status: expected.from });
      const before = await footprint(target.application.id);
      const refusedActors = (["OWNER", "ADMIN", "SYSTEM", "REVIEWER", "OTHER_FOUNDER"] as const).filter(
        (who) => !(expected.by as string[]).includes(who),
      );
      for (const who of refusedActors) {
        const error = await refusal(
          applyTransition({
            applicationId: target.application.id,
            name,
            actor: actorsFor(target.founder)[who],
            expectedVersion: target.application.version,
            ...input,
          }),
        );
        expect({ who, key: error.key, status: error.status }).toEqual({ who, key: "lifecycle.forbidden", status: 403 });
      }
      expect(await footprint(target.application.id)).toEqual(before);

      // Each role in `by` may, on an application of its own.
      for (const who of expected.by) {
        const subject = await createReviewApplication({ call, site, status: expected.from });
        await prepare(name, subject.application.id);
        const actor = actorsFor(subject.founder)[who];
        const result = await applyTransition({
          applicationId: subject.application.id,
          name,
          actor,
          expectedVersion: subject.application.version,
          ...input,
        });
        expect(result).toEqual({ status: expected.to, version: subject.application.version + 1 });
        const row = await db.application.findUniqueOrThrow({ where: { id: subject.application.id } });
        expect({ who, status: row.status, version: row.version }).toEqual({
          who,
          status: expected.to,
          version: subject.application.version + 1,
        });
        const audit = await db.auditEvent.findMany({ where: { subjectType: "Application", subjectId: subject.application.id } });
        expect(audit).toHaveLength(1);
        expect(audit[0]).toMatchObject({
          type: `TRANSITION_${name}`,
          fromState: expected.from,
          toState: expected.to,
          actorId: actor.kind === "user" ? actor.id : null,
        });
        const emails = await founderEmails(subject.founder.email);
        const declared: readonly string[] = (TRANSITIONS[name] as { emails?: readonly string[] }).emails ?? [];
        expect(emails.map((e) => e.template)).toEqual(expected.emails === "table" ? declared : expected.emails);
      }
    },
  );

  it("refuses a transition from a state it does not start from (409)", async () => {
    const { call, site, admin } = lifecycle;
    const { application } = await createReviewApplication({ call, site, status: "REVIEW" });
    const error = await refusal(
      applyTransition({ applicationId: application.id, name: "accept", actor: asAdmin(admin), expectedVersion: application.version }),
    );
    expect([error.key, error.status]).toEqual(["lifecycle.notAllowedFromStatus", 409]);
  });

  it("refuses submitting after the deadline (409)", async () => {
    const { site } = lifecycle;
    const closed = await createOpenCall({ sites: [site] });
    await db.call.update({ where: { id: closed.id }, data: { closesAt: new Date(Date.now() - 60_000) } });
    const { application, founder } = await createReviewApplication({ call: closed, site, status: "DRAFT" });
    const before = await footprint(application.id);
    const error = await refusal(
      applyTransition({ applicationId: application.id, name: "submit", actor: asFounder(founder), expectedVersion: 1 }),
    );
    expect([error.key, error.status]).toEqual(["lifecycle.deadlinePassed", 409]);
    expect(await footprint(application.id)).toEqual(before);
  });

  it("needs a reason to mark an application ineligible", async () => {
    const { call, site, admin } = lifecycle;
    const { application } = await createReviewApplication({ call, site, status: "SCREENING" });
    for (const reason of [undefined, "", "   "]) {
      const error = await refusal(
        applyTransition({
          applicationId: application.id,
          name: "markIneligible",
          actor: asAdmin(admin),
          expectedVersion: application.version,
          reason,
        }),
      );
      expect(error.key).toBe("lifecycle.reasonRequired");
    }
    expect((await footprint(application.id)).status).toBe("SCREENING");
  });

  it("refuses REVIEW → COMMITTEE while reviews are pending, unless overridden WITH a reason", async () => {
    const { call, site, admin, criteria, reviewers } = await createReviewSetup({ reviewers: 2 });
    const { application } = await createReviewApplication({ call, site });
    const done = await assignReviewer(application.id, reviewers[0].id);
    await assignReviewer(application.id, reviewers[1].id);
    await submitReview(done, criteria, [4, 4, 4, 4, 4]);

    const before = await footprint(application.id);
    const attempts: Array<{ override?: boolean; reason?: string }> = [
      {},
      { override: true },
      { override: true, reason: "  " },
      { reason: "Jury complet" },
    ];
    for (const attempt of attempts) {
      const error = await refusal(
        applyTransition({
          applicationId: application.id,
          name: "sendToCommittee",
          actor: asAdmin(admin),
          expectedVersion: application.version,
          ...attempt,
        }),
      );
      expect({ attempt, key: error.key }).toEqual({ attempt, key: "lifecycle.reviewsPending" });
    }
    expect(await footprint(application.id)).toEqual(before);

    const result = await applyTransition({
      applicationId: application.id,
      name: "sendToCommittee",
      actor: asAdmin(admin),
      expectedVersion: application.version,
      override: true,
      reason: "Le second avis n'arrivera pas avant le comité",
    });
    expect(result.status).toBe("COMMITTEE");
    const event = await db.auditEvent.findFirstOrThrow({ where: { subjectId: application.id, type: "TRANSITION_sendToCommittee" } });
    expect(JSON.parse(event.details)).toEqual({ reason: "Le second avis n'arrivera pas avant le comité", override: true });
  });

  it("moves to COMMITTEE without override once every review is in", async () => {
    const { call, site, admin, criteria } = await createReviewSetup();
    const reviewer = await createReviewer();
    const { application } = await createReviewApplication({ call, site });
    await submitReview(await assignReviewer(application.id, reviewer.id), criteria, [3, 3, 3, 3, 3]);
    const result = await applyTransition({
      applicationId: application.id,
      name: "sendToCommittee",
      actor: asAdmin(admin),
      expectedVersion: application.version,
    });
    expect(result.status).toBe("COMMITTEE");
  });

  it("offers INTERVIEW only when the call has the stage, then counts the interview stage's reviews", async () => {
    const withoutStage = await createReviewSetup({ hasInterview: false });
    const { application: plain } = await createReviewApplication({ call: withoutStage.call, site: withoutStage.site });
    const refused = await refusal(
      applyTransition({ applicationId: plain.id, name: "shortlist", actor: asAdmin(withoutStage.admin), expectedVersion: plain.version }),
    );
    expect(refused.key).toBe("lifecycle.noInterviewStage");
    expect((await footprint(plain.id)).status).toBe("REVIEW");

    const { call, site, admin, criteria } = await createReviewSetup({ hasInterview: true });
    const reviewer = await createReviewer();
    const interviewer = await createReviewer();
    const subject = await createReviewApplication({ call, site });
    const reviewAssignment = await assignReviewer(subject.application.id, reviewer.id);
    // A pending review blocks the shortlist like it blocks the committee.
    const pending = await refusal(
      applyTransition({
        applicationId: subject.application.id,
        name: "shortlist",
        actor: asAdmin(admin),
        expectedVersion: subject.application.version,
      }),
    );
    expect(pending.key).toBe("lifecycle.reviewsPending");
    await submitReview(reviewAssignment, criteria, [4, 3, 4, 3, 4]);

    // An invitation says when and where: without either, the shortlist is refused and nothing is queued.
    for (const [emailData, messageKey] of [
      [undefined, "admin.interviewAtRequired"],
      [{ at: "", place: "Technopark Rabat" }, "admin.interviewAtRequired"],
      [{ at: "2026-06-02T10:00:00.000Z", place: " " }, "admin.interviewPlaceRequired"],
    ] as const) {
      const incomplete = await refusal(
        applyTransition({
          applicationId: subject.application.id,
          name: "shortlist",
          actor: asAdmin(admin),
          expectedVersion: subject.application.version,
          emailData,
        }),
      );
      expect(incomplete.key).toBe(messageKey);
    }
    expect((await footprint(subject.application.id)).status).toBe("REVIEW");
    expect(await founderEmails(subject.founder.email)).toEqual([]);

    const shortlisted = await applyTransition({
      applicationId: subject.application.id,
      name: "shortlist",
      actor: asAdmin(admin),
      expectedVersion: subject.application.version,
      emailData: { at: "2026-06-02T10:00:00.000Z", place: "Technopark Rabat, salle 2" },
    });
    expect(shortlisted).toEqual({ status: "INTERVIEW", version: subject.application.version + 1 });
    const [invitation] = await founderEmails(subject.founder.email);
    expect(invitation.template).toBe("interview-invitation");
    expect(payloadOf(invitation)).toMatchObject({ at: "2026-06-02T10:00:00.000Z", place: "Technopark Rabat, salle 2" });

    // In INTERVIEW, the interview stage's own assignments are what count.
    await assignReviewer(subject.application.id, interviewer.id, { stage: "INTERVIEW" });
    const blocked = await refusal(
      applyTransition({
        applicationId: subject.application.id,
        name: "sendToCommittee",
        actor: asAdmin(admin),
        expectedVersion: shortlisted.version,
      }),
    );
    expect(blocked.key).toBe("lifecycle.reviewsPending");
  });

  it("refuses a stale version with lifecycle.stale and changes nothing", async () => {
    const { call, site, admin } = lifecycle;
    const { application, founder } = await createReviewApplication({ call, site, status: "REVIEW", version: 5 });
    const before = await footprint(application.id);
    for (const expectedVersion of [4, 6]) {
      const error = await refusal(
        applyTransition({ applicationId: application.id, name: "sendToCommittee", actor: asAdmin(admin), expectedVersion }),
      );
      expect([error.key, error.status]).toEqual(["lifecycle.stale", 409]);
    }
    expect(await footprint(application.id)).toEqual(before);

    // Two people acting on the same page: the admin moves it on; the founder's withdraw form (version 5) is now stale.
    await applyTransition({ applicationId: application.id, name: "sendToCommittee", actor: asAdmin(admin), expectedVersion: 5 });
    const afterMove = await footprint(application.id);
    const error = await refusal(
      applyTransition({ applicationId: application.id, name: "withdraw", actor: asFounder(founder), expectedVersion: 5 }),
    );
    expect(error.key).toBe("lifecycle.stale");
    expect(await footprint(application.id)).toEqual(afterMove);
  });

  it("leaves no status change, audit event or email when the surrounding transaction fails", async () => {
    const { call, site, admin } = lifecycle;
    const { application } = await createReviewApplication({ call, site, status: "SCREENING" });
    const before = await footprint(application.id);
    await expect(
      db.$transaction(async (tx) => {
        const applied = await applyTransition(
          { applicationId: application.id, name: "markEligible", actor: asAdmin(admin), expectedVersion: application.version },
          tx,
        );
        expect(applied.status).toBe("REVIEW"); // it did go through, inside the transaction
        throw new Error("a later step of the same unit of work fails");
      }),
    ).rejects.toThrow("a later step");
    expect(await footprint(application.id)).toEqual(before);
  });

  it("rolls the whole transition back when the outbox insert fails", async () => {
    const { call, site, admin } = lifecycle;
    const screening = await createReviewApplication({ call, site, status: "SCREENING" });
    const submitted = await createReviewApplication({ call, site, status: "SUBMITTED", version: 2 });
    const before = [await footprint(screening.application.id), await footprint(submitted.application.id)];
    const cookie = await signIn(admin);
    const restoreOutbox = await refuseOutboxInserts("test_outbox_down");
    try {
      await expect(
        applyTransition({
          applicationId: screening.application.id,
          name: "markEligible",
          actor: asAdmin(admin),
          expectedVersion: screening.application.version,
        }),
      ).rejects.toThrow(); // Prisma reports the trigger's abort in its own words
      // Screening a SUBMITTED application is two transitions in one transaction: the first must not survive the second's failure.
      const response = await callRoute(screeningAction, {
        path: "/admin/screening",
        cookie,
        form: {
          applicationId: submitted.application.id,
          version: "2",
          decision: "eligible",
          complete: "on",
          sectorFit: "on",
          siteFit: "on",
        },
      }).catch((error: unknown) => error);
      expect(response instanceof Response ? response.status : 500).toBeGreaterThanOrEqual(500);
    } finally {
      await restoreOutbox();
    }
    expect([await footprint(screening.application.id), await footprint(submitted.application.id)]).toEqual(before);
  });
});

// ---------------------------------------------------------------------------
// Bulk moves

describe("bulk moves", () => {
  it("applies the fresh selections and reports the stale one, through the applications route", async () => {
    const { call, admin, applications } = await createReviewSetup({ applications: 3 });
    const [first, stale, third] = applications;
    // Someone moved the middle one on after the admin's page was loaded.
    await db.application.update({ where: { id: stale.application.id }, data: { version: { increment: 1 } } });
    const before = await footprint(stale.application.id);
    const response = await bulkMove(`/admin/applications?call=${call.slug}`, await signIn(admin), [
      ["transition", "sendToCommittee"],
      ["selected", `${first.application.id}:${first.application.version}`],
      ["selected", `${stale.application.id}:${stale.application.version}`],
      ["selected", `${third.application.id}:${third.application.version}`],
    ]);
    expect(response.status).toBe(200);
    const data = await json<{
      kind: string;
      moved: Array<{ applicationId: string; projectName: string; ok: boolean; messageKey: string | null }>;
    }>(response);
    expect(data.kind).toBe("moved");
    // Each outcome names its project: the page lists a refusal by name, never by id.
    expect(data.moved).toEqual([
      { applicationId: first.application.id, projectName: first.application.projectName, ok: true, messageKey: null },
      { applicationId: stale.application.id, projectName: stale.application.projectName, ok: false, messageKey: "lifecycle.stale" },
      { applicationId: third.application.id, projectName: third.application.projectName, ok: true, messageKey: null },
    ]);
    for (const moved of [first, third]) {
      const row = await db.application.findUniqueOrThrow({ where: { id: moved.application.id } });
      expect([row.status, row.version]).toEqual(["COMMITTEE", moved.application.version + 1]);
      expect(await db.auditEvent.count({ where: { subjectId: moved.application.id, type: "TRANSITION_sendToCommittee" } })).toBe(1);
    }
    expect(await footprint(stale.application.id)).toEqual(before);
  });

  it("passes override and reason through the route, and reports pending reviews without them", async () => {
    const { call, admin, applications } = await createReviewSetup({ applications: 2 });
    const reviewer = await createReviewer();
    for (const { application } of applications) await assignReviewer(application.id, reviewer.id);
    const cookie = await signIn(admin);
    const selected = applications.map(({ application }) => ["selected", `${application.id}:${application.version}`] as [string, string]);

    const withoutReason = await bulkMove("/admin/applications", cookie, [
      ["transition", "sendToCommittee"],
      ["override", "on"],
      ...selected,
    ]);
    const refused = await json<{ moved: Array<{ ok: boolean; messageKey: string }> }>(withoutReason);
    expect(refused.moved.map((m) => [m.ok, m.messageKey])).toEqual([
      [false, "lifecycle.reviewsPending"],
      [false, "lifecycle.reviewsPending"],
    ]);

    const withReason = await bulkMove("/admin/applications", cookie, [
      ["transition", "sendToCommittee"],
      ["override", "on"],
      ["reason", "Comité avancé d'une semaine"],
      ...selected,
    ]);
    const moved = await json<{ moved: Array<{ ok: boolean }> }>(withReason);
    expect(moved.moved.map((m) => m.ok)).toEqual([true, true]);
    const statuses = await db.application.findMany({ where: { callId: call.id }, select: { status: true } });
    expect(statuses.map((s) => s.status)).toEqual(["COMMITTEE", "COMMITTEE"]);
  });

  it("shows who will be emailed before moving, moves nothing by showing it, and refuses a confirmation of another count", async () => {
    const site = await createSite();
    const call = await createOpenCall({ sites: [site] });
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const founders = [
      await createTestUser({ roles: ["FOUNDER"], locale: "en" }),
      await createTestUser({ roles: ["FOUNDER"], locale: "ar" }),
    ];
    const applications = [];
    for (const founder of founders) applications.push((await createApplication({ founder, call, site, status: "SCREENING" })).application);
    const cookie = await signIn(admin);
    const entries: Array<[string, string]> = [
      ["transition", "markEligible"],
      ...applications.map((a) => ["selected", `${a.id}:${a.version}`] as [string, string]),
    ];
    const outboxOf = () => db.outboxEmail.count({ where: { to: { in: founders.map((f) => f.email.toLowerCase()) } } });

    const preview = await invoke(applicationsAction, {
      path: "/admin/applications",
      cookie,
      body: formOf([["intent", "previewMove"], ...entries]),
    });
    const shown = (await json<{ preview: { outcomes: Array<{ ok: boolean }>; emails: EmailsPreview } }>(preview)).preview;
    expect(shown.outcomes.map((o) => o.ok)).toEqual([true, true]);
    expect(shown.emails.count).toBe(2);
    expect(shown.emails.emails.map((e) => [e.template, e.locale]).sort()).toEqual([
      ["screening-passed", "ar"],
      ["screening-passed", "en"],
    ]);
    expect(shown.emails.emails.find((e) => e.locale === "en")?.subject).toMatch(/^Screening passed: /);
    expect(shown.emails.recipients.map((r) => r.email).sort()).toEqual(founders.map((f) => f.email.toLowerCase()).sort());
    // Showing it changed nothing.
    expect((await db.application.findMany({ where: { callId: call.id }, select: { status: true } })).map((a) => a.status)).toEqual([
      "SCREENING",
      "SCREENING",
    ]);
    expect(await outboxOf()).toBe(0);

    const unconfirmed = await invoke(applicationsAction, {
      path: "/admin/applications",
      cookie,
      body: formOf([["intent", "move"], ...entries]),
    });
    expect(unconfirmed.status).toBe(400);
    expect((await json(unconfirmed)).message).toBe("emailPreview.previewFirst");
    const stale = await invoke(applicationsAction, {
      path: "/admin/applications",
      cookie,
      body: formOf([["intent", "move"], ["expectedEmails", "1"], ...entries]),
    });
    expect(stale.status).toBe(409);
    expect(await json<{ message: string; preview: { emails: { count: number } } }>(stale)).toMatchObject({
      message: "emailPreview.changed",
      preview: { emails: { count: 2 } },
    });
    expect(await outboxOf()).toBe(0);

    const moved = await bulkMove("/admin/applications", cookie, entries);
    expect((await json<{ moved: Array<{ ok: boolean }> }>(moved)).moved.map((m) => m.ok)).toEqual([true, true]);
    expect(await outboxOf()).toBe(2);
  });

  it("refuses an empty selection and an unknown transition", async () => {
    const { admin, applications } = await createReviewSetup({ applications: 1 });
    const cookie = await signIn(admin);
    const empty = await invoke(applicationsAction, {
      path: "/admin/applications",
      cookie,
      body: formOf([["transition", "sendToCommittee"]]),
    });
    expect(empty.status).toBe(400);
    expect((await json(empty)).message).toBe("admin.selectSome");
    const [{ application }] = applications;
    // `submit` is the founder's: not a transition an admin form may name.
    const foreign = await invoke(applicationsAction, {
      path: "/admin/applications",
      cookie,
      body: formOf([
        ["transition", "submit"],
        ["selected", `${application.id}:${application.version}`],
      ]),
    });
    expect(foreign.status).toBe(400);
    expect((await json<{ errors: Record<string, string> }>(foreign)).errors.transition).toBe("errors.choose");
    expect((await footprint(application.id)).status).toBe("REVIEW");
  });

  it("moveApplications keeps going after a refused application", async () => {
    const { admin, applications, call, site } = await createReviewSetup({ applications: 3, status: "COMMITTEE" });
    // An acceptance takes a seat: in the call's cohort, with room for all three.
    const cohort = await db.cohort.findFirstOrThrow({ where: { callId: call.id, siteId: site.id } });
    await db.application.update({ where: { id: applications[0].application.id }, data: { status: "REVIEW" } });
    const results = await moveApplications({
      selections: applications.map(({ application }) => ({ applicationId: application.id, version: application.version })),
      transition: "accept",
      actor: asAdmin(admin),
      cohortId: cohort.id,
    });
    expect(results.map((r) => [r.ok, r.messageKey])).toEqual([
      [false, "lifecycle.notAllowedFromStatus"],
      [true, null],
      [true, null],
    ]);
  });
});

// ---------------------------------------------------------------------------
// Screening

describe("screening through the route", () => {
  it("lists SUBMITTED and SCREENING applications, and moves an eligible one to REVIEW with an email", async () => {
    const { call, site, admin } = await createReviewSetup();
    const submitted = await createReviewApplication({ call, site, status: "SUBMITTED", version: 2 });
    const screening = await createReviewApplication({ call, site, status: "SCREENING", version: 3 });
    await createReviewApplication({ call, site, status: "REVIEW" });
    const cookie = await signIn(admin);

    const page = await callRoute(screeningLoader, { path: `/admin/screening?call=${call.slug}`, cookie });
    expect(page.status).toBe(200);
    const { queue } = await json<{ queue: Array<{ id: string }> }>(page);
    expect(queue.map((a) => a.id).sort()).toEqual([submitted.application.id, screening.application.id].sort());

    const response = await callRoute(screeningAction, {
      path: `/admin/screening?call=${call.slug}`,
      cookie,
      form: { applicationId: submitted.application.id, version: "2", decision: "eligible", complete: "on", sectorFit: "on", siteFit: "on" },
    });
    // Back to the same call's queue, read again; the outcome said once by the flash (not guessed from a message key).
    const said = await expectFlashShownOnce(
      response,
      `/admin/screening?call=${call.slug}`,
      { kind: "success", key: "screening.movedToReview" },
      [cookie],
    );
    expect(said).toBe(catalogs.fr.screening.movedToReview);
    const row = await db.application.findUniqueOrThrow({ where: { id: submitted.application.id } });
    expect([row.status, row.version]).toEqual(["REVIEW", 4]);
    // Both events may carry the same millisecond: compare them as a set.
    const audit = await db.auditEvent.findMany({ where: { subjectId: submitted.application.id } });
    expect(audit.map((e) => [e.type, e.fromState, e.toState, e.actorId]).sort()).toEqual([
      ["TRANSITION_markEligible", "SCREENING", "REVIEW", admin.id],
      ["TRANSITION_startScreening", "SUBMITTED", "SCREENING", admin.id],
    ]);
    const emails = await founderEmails(submitted.founder.email);
    expect(emails.map((e) => e.template)).toEqual(["screening-passed"]);
    expect(payloadOf(emails[0])).toMatchObject({ projectName: submitted.application.projectName });
  });

  it("requires the whole checklist before marking eligible", async () => {
    const { call, site, admin } = await createReviewSetup();
    const { application } = await createReviewApplication({ call, site, status: "SCREENING" });
    const cookie = await signIn(admin);
    const before = await footprint(application.id);

    const partial = await callRoute(screeningAction, {
      path: "/admin/screening",
      cookie,
      form: { applicationId: application.id, version: String(application.version), decision: "eligible", complete: "on", sectorFit: "on" },
    });
    expect(partial.status).toBe(400);
    expect((await json<{ errors: Record<string, string> }>(partial)).errors).toEqual({ siteFit: "screening.checkRequired" });

    const none = await callRoute(screeningAction, {
      path: "/admin/screening",
      cookie,
      form: { applicationId: application.id, version: String(application.version), decision: "eligible" },
    });
    expect(none.status).toBe(400);
    expect((await json<{ errors: Record<string, string> }>(none)).errors).toEqual({
      complete: "screening.checkRequired",
      sectorFit: "screening.checkRequired",
      siteFit: "screening.checkRequired",
    });
    expect(await footprint(application.id)).toEqual(before);
  });

  it("needs a reason to reject, then rejects with a screening-failed email carrying it", async () => {
    const { call, site, admin } = await createReviewSetup();
    const { application, founder } = await createReviewApplication({ call, site, status: "SCREENING" });
    const cookie = await signIn(admin);
    const before = await footprint(application.id);
    const base = { applicationId: application.id, version: String(application.version), decision: "ineligible" };

    // The form always posts its textarea, empty or not.
    for (const reason of ["", "  ", "no"]) {
      const response = await callRoute(screeningAction, { path: "/admin/screening", cookie, form: { ...base, reason } });
      expect(response.status).toBe(400);
      expect((await json<{ errors: Record<string, string> }>(response)).errors).toEqual({ reason: "lifecycle.reasonRequired" });
    }
    expect(await footprint(application.id)).toEqual(before);

    const reason = "Le site choisi n'accueille pas encore de cohorte.";
    const response = await callRoute(screeningAction, { path: "/admin/screening", cookie, form: { ...base, reason } });
    await expectRedirectWithFlash(response, "/admin/screening", { kind: "success", key: "screening.rejected" });
    const row = await db.application.findUniqueOrThrow({ where: { id: application.id } });
    expect(row.status).toBe("REJECTED");
    expect(row.decisionReleasedAt).not.toBeNull();
    const emails = await founderEmails(founder.email);
    expect(emails.map((e) => e.template)).toEqual(["screening-failed"]);
    expect(payloadOf(emails[0]).reason).toBe(reason);
    const event = await db.auditEvent.findFirstOrThrow({ where: { subjectId: application.id, type: "TRANSITION_markIneligible" } });
    expect(JSON.parse(event.details).reason).toBe(reason);
  });

  it("answers 409 lifecycle.stale to an outdated screening form", async () => {
    const { call, site, admin } = await createReviewSetup();
    const { application } = await createReviewApplication({ call, site, status: "SUBMITTED", version: 2 });
    const before = await footprint(application.id);
    const response = await callRoute(screeningAction, {
      path: "/admin/screening",
      cookie: await signIn(admin),
      form: { applicationId: application.id, version: "1", decision: "eligible", complete: "on", sectorFit: "on", siteFit: "on" },
    });
    expect(response.status).toBe(409);
    expect((await json(response)).message).toBe("lifecycle.stale");
    expect(await footprint(application.id)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------
// Assignment

type AssignReport = {
  kind: string;
  report: {
    assigned: number;
    unstaffed: Array<{ applicationId: string; needed: number; assigned: number; reason: string; detail: string }>;
  };
};

async function runAssignmentRoute(cookie: string, call: { slug: string }) {
  const response = await callRoute(applicationsAction, {
    path: "/admin/applications",
    cookie,
    form: { intent: "assign", call: call.slug },
  });
  expect(response.status).toBe(200);
  const data = await json<AssignReport>(response);
  expect(data.kind).toBe("assigned");
  return data.report;
}

const assignmentsOf = (callId: string) =>
  db.reviewAssignment.findMany({
    where: { application: { callId } },
    select: { applicationId: true, reviewerId: true, status: true, stage: true },
  });
const digestsTo = (email: string) =>
  db.outboxEmail.findMany({ where: { to: email, template: "review-assignments" }, orderBy: { createdAt: "asc" } });

describe("assignment runs", () => {
  it("gives each application N reviewers, never a conflicted one, within max load, with one digest per reviewer", async () => {
    const { call, site, admin } = await createReviewSetup({ reviewersPerApplication: 2 });
    const a = await createReviewApplication({ call, site });
    const b = await createReviewApplication({ call, site });
    const c = await createReviewApplication({ call, site });
    const sameDomain = await createReviewer({ email: `mentor@${a.domain}` }); // works where A's team works
    const subdomain = await createReviewer({ email: `analyst@rd.${c.domain}` }); // a subdomain of C's
    const onTeam = await createReviewer({ email: b.team[1].email }); // B's co-founder is also a reviewer
    const small = await createReviewer({ maxLoad: 1 });
    const big1 = await createReviewer();
    const big2 = await createReviewer();
    const inactive = await createReviewer({ active: false });
    const reviewers = [sameDomain, subdomain, onTeam, small, big1, big2, inactive];
    const cookie = await signIn(admin);

    const report = await runAssignmentRoute(cookie, call);
    expect(report).toEqual({ assigned: 6, unstaffed: [] });

    const rows = await assignmentsOf(call.id);
    expect(rows.every((r) => r.status === "PENDING" && r.stage === "REVIEW")).toBe(true);
    for (const app of [a, b, c]) expect(rows.filter((r) => r.applicationId === app.application.id)).toHaveLength(2);
    const pairs = new Set(rows.map((r) => `${r.applicationId}/${r.reviewerId}`));
    expect(pairs.has(`${a.application.id}/${sameDomain.id}`)).toBe(false);
    expect(pairs.has(`${c.application.id}/${subdomain.id}`)).toBe(false);
    expect(pairs.has(`${b.application.id}/${onTeam.id}`)).toBe(false);
    const load = (id: string) => rows.filter((r) => r.reviewerId === id).length;
    expect(load(small.id)).toBeLessThanOrEqual(1);
    expect(load(inactive.id)).toBe(0);

    // Exactly one digest per reviewer who got work, listing all of it, without naming the teams.
    for (const reviewer of reviewers) {
      const digests = await digestsTo(reviewer.email);
      const count = load(reviewer.id);
      expect({ reviewer: reviewer.email, digests: digests.length }).toEqual({ reviewer: reviewer.email, digests: count > 0 ? 1 : 0 });
      if (count === 0) continue;
      const payload = payloadOf(digests[0]) as { count: number; items: Array<{ projectName: string }>; queueUrl: string };
      expect(payload.count).toBe(count);
      const expectedProjects = rows
        .filter((r) => r.reviewerId === reviewer.id)
        .map((r) => [a, b, c].find((x) => x.application.id === r.applicationId)!.application.projectName);
      expect(payload.items.map((i) => i.projectName).sort()).toEqual(expectedProjects.sort());
      expect(payload.queueUrl).toMatch(/\/reviewer$/);
      for (const identity of [...a.identities, ...b.identities, ...c.identities]) expect(digests[0].payload).not.toContain(identity);
    }
    const run = await db.auditEvent.findFirstOrThrow({ where: { subjectType: "Call", subjectId: call.id, type: "ASSIGNMENT_RUN" } });
    expect(JSON.parse(run.details)).toMatchObject({ assigned: 6, unstaffed: [] });

    // A second run with nothing to do assigns nothing and sends nothing.
    const outboxBefore = await db.outboxEmail.count();
    expect(await runAssignmentRoute(cookie, call)).toEqual({ assigned: 0, unstaffed: [] });
    expect(await db.outboxEmail.count()).toBe(outboxBefore);
    expect(await assignmentsOf(call.id)).toHaveLength(6);

    // A new application: only its reviewers get a (new, separate) digest.
    const d = await createReviewApplication({ call, site });
    expect((await runAssignmentRoute(cookie, call)).assigned).toBe(2);
    const newRows = (await assignmentsOf(call.id)).filter((r) => r.applicationId === d.application.id);
    expect(newRows).toHaveLength(2);
    for (const reviewer of reviewers) {
      const gotD = newRows.some((r) => r.reviewerId === reviewer.id);
      expect((await digestsTo(reviewer.email)).length).toBe((load(reviewer.id) > 0 ? 1 : 0) + (gotD ? 1 : 0));
    }
  });

  it("refuses to run on a call it does not know rather than on another one (404, nothing assigned)", async () => {
    const { call, site, admin } = await createReviewSetup({ reviewers: 2 });
    await createReviewApplication({ call, site });
    const cookie = await signIn(admin);
    const before = await db.reviewAssignment.count();
    for (const slug of ["", "no-such-call"]) {
      const response = await callRoute(applicationsAction, { path: "/admin/applications", cookie, form: { intent: "assign", call: slug } });
      expect({ slug, status: response.status }).toEqual({ slug, status: 404 });
    }
    expect(await db.reviewAssignment.count()).toBe(before);
  });

  it("reports the applications it could not staff, with the reason", async () => {
    const { call, site, admin } = await createReviewSetup({ reviewersPerApplication: 3 });
    const d = await createReviewApplication({ call, site });
    const e = await createReviewApplication({ call, site });
    await createReviewer({ email: `board@${d.domain}` });
    await createReviewer({ maxLoad: 1 });
    await createReviewer();

    const report = await runAssignmentRoute(await signIn(admin), call);
    const rows = await assignmentsOf(call.id);
    expect(report.assigned).toBe(rows.length);
    expect(rows).toHaveLength(4);
    const byId = Object.fromEntries(report.unstaffed.map((u) => [u.applicationId, u]));
    expect(Object.keys(byId).sort()).toEqual([d.application.id, e.application.id].sort());
    for (const app of [d, e]) {
      const entry = byId[app.application.id];
      expect(entry.needed).toBe(3);
      expect(entry.assigned).toBe(rows.filter((r) => r.applicationId === app.application.id).length);
      expect(entry.detail).toBeTruthy();
    }
    expect(byId[d.application.id].reason).toBe("CONFLICTS");
    expect(byId[e.application.id].reason).toBe("ALL_AT_MAX_LOAD");
  });

  it("removes an assignment only through the page of its own application", async () => {
    const { call, site, admin } = await createReviewSetup();
    const [mine, other] = [await createReviewApplication({ call, site }), await createReviewApplication({ call, site })];
    const reviewer = await createReviewer();
    const assignment = await assignReviewer(other.application.id, reviewer.id);
    const cookie = await signIn(admin);
    const remove = (applicationId: string) =>
      callRoute(applicationAction, {
        path: `/admin/applications/${applicationId}`,
        cookie,
        params: { id: applicationId },
        form: { intent: "removeAssignment", assignmentId: assignment.id },
      });
    await remove(mine.application.id);
    expect(await db.reviewAssignment.count({ where: { id: assignment.id } })).toBe(1);
    await expectRedirectWithFlash(await remove(other.application.id), `/admin/applications/${other.application.id}`, {
      kind: "success",
      key: "assignments.removed",
    });
    expect(await db.reviewAssignment.count({ where: { id: assignment.id } })).toBe(0);
  });

  it("refuses a manual addition that conflicts or duplicates, and records the ones it makes", async () => {
    const { call, site, admin } = await createReviewSetup();
    const target = await createReviewApplication({ call, site });
    const sameDomain = await createReviewer({ email: `partner@${target.domain}` });
    const onTeam = await createReviewer({ email: target.team[1].email });
    const declared = await createReviewer();
    await db.conflictDeclaration.create({
      data: { applicationId: target.application.id, reviewerId: declared.id, reason: "Ancien associé" },
    });
    const inactive = await createReviewer({ active: false });
    const free = await createReviewer();
    const cookie = await signIn(admin);
    const add = (reviewerId: string) =>
      callRoute(applicationAction, {
        path: `/admin/applications/${target.application.id}`,
        cookie,
        params: { id: target.application.id },
        form: { intent: "addReviewer", reviewerId },
      });

    const refusals: Array<[string, string]> = [
      [sameDomain.id, "assignments.conflict.SAME_DOMAIN"],
      [onTeam.id, "assignments.conflict.ON_TEAM"],
      [declared.id, "assignments.conflict.DECLARED"],
      [inactive.id, "assignments.reviewerUnavailable"],
      [target.founder.id, "assignments.reviewerUnavailable"],
    ];
    for (const [reviewerId, key] of refusals) {
      const response = await add(reviewerId);
      expect({ key: (await json(response)).message, status: response.status }).toEqual({ key, status: 409 });
    }
    expect(await db.reviewAssignment.count({ where: { applicationId: target.application.id } })).toBe(0);

    const added = await add(free.id);
    await expectRedirectWithFlash(added, `/admin/applications/${target.application.id}`, { kind: "success", key: "assignments.added" });
    const duplicate = await add(free.id);
    expect(duplicate.status).toBe(409);
    expect((await json(duplicate)).message).toBe("assignments.alreadyAssigned");
    const rows = await db.reviewAssignment.findMany({ where: { applicationId: target.application.id } });
    expect(rows.map((r) => [r.reviewerId, r.status, r.stage])).toEqual([[free.id, "PENDING", "REVIEW"]]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { subjectId: target.application.id, type: "ASSIGNMENT_ADDED" } });
    expect(event.actorId).toBe(admin.id);
    expect(JSON.parse(event.details)).toEqual({ reviewerId: free.id, stage: "REVIEW" });
  });
});

// ---------------------------------------------------------------------------
// The reviewer's side: blind review, other reviews, scoring

async function reviewerClient(reviewer: { email: string }) {
  const cookie = await signIn(reviewer);
  return {
    cookie,
    queue: (show: "todo" | "done" = "todo") => callRoute(queueLoader, { path: `/reviewer?show=${show}`, cookie }),
    page: (id: string) => callRoute(reviewLoader, { path: `/reviewer/assignments/${id}`, cookie, params: { id } }),
    post: (id: string, form: Record<string, string>) =>
      callRoute(reviewAction, { path: `/reviewer/assignments/${id}`, cookie, params: { id }, form }),
    download: (attachmentId: string) => callRoute(fileLoader, { path: `/files/${attachmentId}`, cookie, params: { id: attachmentId } }),
  };
}

type Workspace = {
  editable: boolean;
  blind: boolean;
  application: { team: Array<Record<string, string>>; attachments: Array<{ id: string; fileName: string | null }> };
  otherReviews: Array<{ reviewer: string | null; score: number; recommendation: string }>;
  review: { submittedAt: string | null } | null;
};

describe("blind review", () => {
  it("keeps every team name, email and file name out of every reviewer-facing response", async () => {
    const { call, site, criteria, reviewers } = await createReviewSetup({ blindReview: true, reviewers: 2 });
    const [me, colleague] = reviewers;
    const subject = await createReviewApplication({ call, site });
    const other = await createReviewApplication({ call, site });
    await attachFile(subject.application.id, `CV ${subject.team[1].name}.pdf`, "OTHER");
    const mine = await assignReviewer(subject.application.id, me.id);
    await assignReviewer(other.application.id, me.id, { dueInDays: 20 });
    const theirs = await assignReviewer(subject.application.id, colleague.id);
    await submitReview(theirs, criteria, [2, 2, 2, 2, 2], { founderFeedback: "Bon début" });
    const client = await reviewerClient(me);
    const secrets = [...subject.identities, ...other.identities, colleague.name, colleague.email];
    const expectHidden = (body: string, where: string) => {
      for (const secret of secrets) expect({ where, leaked: body.includes(secret) ? secret : null }).toEqual({ where, leaked: null });
    };

    const queue = await client.queue();
    expect(queue.status).toBe(200);
    const queueBody = await queue.text();
    expect(queueBody).toContain(subject.application.projectName);
    expectHidden(queueBody, "queue");

    const page = await client.page(mine.id);
    expect(page.status).toBe(200);
    const pageBody = await page.text();
    expectHidden(pageBody, "review page");
    const workspace = JSON.parse(pageBody) as Workspace;
    expect(workspace.blind).toBe(true);
    expect(workspace.application.team).toEqual([{ role: "CEO" }, { role: "CTO" }]);
    expect(workspace.application.attachments).toHaveLength(2);
    expect(workspace.application.attachments.every((a) => a.fileName === null)).toBe(true);

    for (const attachment of workspace.application.attachments) {
      const file = await client.download(attachment.id);
      expect(file.status).toBe(200);
      const disposition = file.headers.get("Content-Disposition") ?? "";
      expect(disposition).toMatch(/filename="(pitch-deck|document)\.pdf"/);
      expectHidden(decodeURIComponent(disposition), "download");
      await file.arrayBuffer();
    }

    // Once my own review is in, the others appear — still without names.
    const submitted = await client.post(mine.id, reviewForm(criteria, [4, 4, 4, 4, 4], { intent: "submit", recommendation: "YES" }));
    await expectRedirectWithFlash(submitted, `/reviewer/assignments/${mine.id}`, { kind: "success", key: "review.submitted" });
    const after = await client.page(mine.id);
    const afterBody = await after.text();
    expectHidden(afterBody, "review page after submitting");
    const afterWorkspace = JSON.parse(afterBody) as Workspace;
    expect(afterWorkspace.otherReviews).toHaveLength(1);
    expect(afterWorkspace.otherReviews[0]).toMatchObject({ reviewer: null, score: 2 });
    const reviewed = await (await client.queue("done")).text();
    expect(reviewed).toContain(subject.application.projectName);
    expectHidden(reviewed, "queue after submitting");
  });

  it("shows names, emails and file names when blind review is off", async () => {
    const { call, site, criteria, reviewers } = await createReviewSetup({ blindReview: false, reviewers: 2 });
    const [me, colleague] = reviewers;
    const subject = await createReviewApplication({ call, site });
    const mine = await assignReviewer(subject.application.id, me.id);
    await submitReview(await assignReviewer(subject.application.id, colleague.id), criteria, [3, 3, 3, 3, 3]);
    const client = await reviewerClient(me);

    const workspace = await json<Workspace>(await client.page(mine.id));
    expect(workspace.blind).toBe(false);
    expect(workspace.application.team).toEqual(subject.team.map((m) => ({ name: m.name, email: m.email, role: m.role })));
    expect(workspace.application.attachments.map((a) => a.fileName)).toEqual([subject.attachment.fileName]);
    const file = await client.download(subject.attachment.id);
    expect(file.headers.get("Content-Disposition")).toContain(`filename="${subject.attachment.fileName}"`);
    await file.arrayBuffer();

    await client.post(mine.id, reviewForm(criteria, [5, 5, 5, 5, 5], { intent: "submit", recommendation: "STRONG_YES" }));
    const after = await json<Workspace>(await client.page(mine.id));
    expect(after.otherReviews).toEqual([expect.objectContaining({ reviewer: colleague.name, score: 3 })]);
  });

  it("shows a reviewer the other reviews only after submitting their own", async () => {
    const { call, site, criteria, reviewers } = await createReviewSetup({ reviewers: 3 });
    const [me, first, second] = reviewers;
    const { application } = await createReviewApplication({ call, site });
    const mine = await assignReviewer(application.id, me.id);
    await submitReview(await assignReviewer(application.id, first.id), criteria, [5, 4, 5, 4, 5], { recommendation: "STRONG_YES" });
    await assignReviewer(application.id, second.id); // pending: never shown
    const client = await reviewerClient(me);

    expect((await json<Workspace>(await client.page(mine.id))).otherReviews).toEqual([]);
    const draft = await client.post(mine.id, reviewForm(criteria, [3, 3, 3, 3, 3], { intent: "draft", recommendation: "MAYBE" }));
    await expectRedirectWithFlash(draft, `/reviewer/assignments/${mine.id}`, { kind: "success", key: "review.draftSaved" });
    expect((await json<Workspace>(await client.page(mine.id))).otherReviews).toEqual([]);

    await client.post(mine.id, reviewForm(criteria, [3, 3, 3, 3, 3], { intent: "submit", recommendation: "MAYBE" }));
    const others = (await json<Workspace>(await client.page(mine.id))).otherReviews;
    expect(others).toHaveLength(1);
    expect(others[0].score).toBeCloseTo(expectedScore([5, 4, 5, 4, 5]), 9);
    expect(others[0].recommendation).toBe("STRONG_YES");
  });
});

describe("scoring a review", () => {
  it("needs every criterion and a recommendation to submit, with errors keyed scores.<id>", async () => {
    const { call, site, criteria, reviewers } = await createReviewSetup({ reviewers: 1 });
    const { application } = await createReviewApplication({ call, site });
    const mine = await assignReviewer(application.id, reviewers[0].id);
    const client = await reviewerClient(reviewers[0]);

    const missing = await client.post(mine.id, reviewForm(criteria, [4, 4, 4, 4, undefined], { intent: "submit" }));
    expect(missing.status).toBe(400);
    expect((await json(missing)).errors).toEqual({
      [`scores.${criteria[4].id}`]: "staffErrors.scoreRequired",
      recommendation: "staffErrors.recommendationRequired",
    });

    const outOfRange = await client.post(mine.id, reviewForm(criteria, [4, 6, 0, 4, 4], { intent: "submit", recommendation: "YES" }));
    expect(outOfRange.status).toBe(400);
    expect((await json(outOfRange)).errors).toEqual({
      [`scores.${criteria[1].id}`]: "staffErrors.scoreInvalid",
      [`scores.${criteria[2].id}`]: "staffErrors.scoreInvalid",
    });

    expect(await db.review.count({ where: { assignmentId: mine.id } })).toBe(0);
    expect((await db.reviewAssignment.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("PENDING");
  });

  it("keys the errors of a submission with no score at all by criterion too", async () => {
    const { call, site, criteria, reviewers } = await createReviewSetup({ reviewers: 1 });
    const { application } = await createReviewApplication({ call, site });
    const mine = await assignReviewer(application.id, reviewers[0].id);
    const client = await reviewerClient(reviewers[0]);
    const response = await client.post(mine.id, reviewForm(criteria, [], { intent: "submit", recommendation: "YES" }));
    expect(response.status).toBe(400);
    expect((await json(response)).errors).toEqual(Object.fromEntries(criteria.map((c) => [`scores.${c.id}`, "staffErrors.scoreRequired"])));
  });

  it("stores the weighted score and refreshes the application's scores and rank", async () => {
    const { call, site, criteria, reviewers } = await createReviewSetup({ reviewers: 2 });
    const [alice, bob] = reviewers;
    const first = await createReviewApplication({ call, site });
    const second = await createReviewApplication({ call, site });
    const aliceOnFirst = await assignReviewer(first.application.id, alice.id);
    const bobOnFirst = await assignReviewer(first.application.id, bob.id);
    const aliceOnSecond = await assignReviewer(second.application.id, alice.id);
    const aliceClient = await reviewerClient(alice);

    const values = [5, 4, 3, 2, 1];
    const response = await aliceClient.post(
      aliceOnFirst.id,
      reviewForm(criteria, values, { intent: "submit", recommendation: "YES", privateComment: "Solide" }),
    );
    // Read again after a redirect (a reload never posts twice), saying so once in the reviewer's language.
    const said = await expectFlashShownOnce(
      response,
      `/reviewer/assignments/${aliceOnFirst.id}`,
      { kind: "success", key: "review.submitted" },
      [aliceClient.cookie],
    );
    expect(said).toBe(catalogs.fr.review.submitted);
    const review = await db.review.findUniqueOrThrow({ where: { assignmentId: aliceOnFirst.id }, include: { scores: true } });
    expect(review.score).toBeCloseTo(expectedScore(values), 9);
    expect(review.score).toBeCloseTo(3.5, 9);
    expect(review.submittedAt).not.toBeNull();
    expect(review.recommendation).toBe("YES");
    expect(review.privateComment).toBe("Solide");
    expect(Object.fromEntries(review.scores.map((s) => [s.criterionId, s.value]))).toEqual(
      Object.fromEntries(criteria.map((c, i) => [c.id, values[i]])),
    );
    expect((await db.reviewAssignment.findUniqueOrThrow({ where: { id: aliceOnFirst.id } })).status).toBe("SUBMITTED");
    expect(await db.auditEvent.count({ where: { subjectId: first.application.id, type: "REVIEW_SUBMITTED", actorId: alice.id } })).toBe(1);

    // The call's scores and ranks are the background job's (tests/integration/ranking-refresh.test.ts): the request marked them.
    expect(await isRankingUpdating(call.id)).toBe(true);
    await refreshStaleRankings();
    let row = await db.application.findUniqueOrThrow({ where: { id: first.application.id } });
    expect(row.rawScore).toBeCloseTo(3.5, 9);
    expect(row.normalizedScore).toBeCloseTo(3.5, 9);
    expect(row.reviewCount).toBe(1);
    expect(row.disagreement).toBe(0);
    expect(row.rank).toBe(1);
    expect((await db.application.findUniqueOrThrow({ where: { id: second.application.id } })).rank).toBeNull();

    // A second review of the first application: raw is the mean, disagreement the (population) spread.
    await submitReview(bobOnFirst, criteria, [2, 2, 2, 2, 2]);
    await refreshStaleRankings();
    row = await db.application.findUniqueOrThrow({ where: { id: first.application.id } });
    expect(row.rawScore).toBeCloseTo((3.5 + 2) / 2, 9);
    expect(row.disagreement).toBeCloseTo(0.75, 9);
    expect(row.reviewCount).toBe(2);
    expect(row.normalizedScore).not.toBeNull();

    // A better-scored second application overtakes it.
    await aliceClient.post(aliceOnSecond.id, reviewForm(criteria, [5, 5, 5, 5, 5], { intent: "submit", recommendation: "STRONG_YES" }));
    await refreshStaleRankings();
    const ranks = await db.application.findMany({ where: { callId: call.id }, select: { id: true, rank: true, normalizedScore: true } });
    const rankOf = (id: string) => ranks.find((r) => r.id === id)!.rank;
    expect([rankOf(second.application.id), rankOf(first.application.id)]).toEqual([1, 2]);
  });

  it("allows editing until the stage closes, then refuses with review.stageClosed", async () => {
    const { call, site, criteria, reviewers, admin } = await createReviewSetup({ reviewers: 1 });
    const { application } = await createReviewApplication({ call, site });
    const mine = await assignReviewer(application.id, reviewers[0].id);
    const client = await reviewerClient(reviewers[0]);

    await client.post(mine.id, reviewForm(criteria, [2, 2, 2, 2, 2], { intent: "submit", recommendation: "NO" }));
    const update = await client.post(mine.id, reviewForm(criteria, [4, 4, 4, 4, 4], { intent: "submit", recommendation: "YES" }));
    await expectRedirectWithFlash(update, `/reviewer/assignments/${mine.id}`, { kind: "success", key: "review.submitted" });
    const review = await db.review.findUniqueOrThrow({ where: { assignmentId: mine.id } });
    expect(review.score).toBeCloseTo(4, 9);
    expect(review.recommendation).toBe("YES");
    expect(await db.auditEvent.count({ where: { subjectId: application.id, type: "REVIEW_UPDATED" } })).toBe(1);
    await refreshStaleRankings();
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).rawScore).toBeCloseTo(4, 9);

    await applyTransition({
      applicationId: application.id,
      name: "sendToCommittee",
      actor: asAdmin(admin),
      expectedVersion: application.version,
    });
    expect((await json<Workspace>(await client.page(mine.id))).editable).toBe(false);
    for (const intent of ["submit", "draft"] as const) {
      const late = await client.post(mine.id, reviewForm(criteria, [1, 1, 1, 1, 1], { intent, recommendation: "NO" }));
      expect(late.status).toBe(409);
      expect((await json(late)).message).toBe("review.stageClosed");
      // A refusal stays with the form: no flash says anything was saved.
      expect((await flashOf(late)).flash).toBeNull();
    }
    const closed = await db.review.findUniqueOrThrow({ where: { assignmentId: mine.id }, include: { scores: true } });
    expect(closed.score).toBeCloseTo(4, 9);
    expect(closed.recommendation).toBe("YES");
    expect(closed.scores.map((s) => s.value)).toEqual([4, 4, 4, 4, 4]);
    await refreshStaleRankings();
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).rawScore).toBeCloseTo(4, 9);
  });

  it("keeps a submitted review's score in step with its criteria when a draft is saved over it", async () => {
    const { call, site, criteria, reviewers } = await createReviewSetup({ reviewers: 1 });
    const { application } = await createReviewApplication({ call, site });
    const mine = await assignReviewer(application.id, reviewers[0].id);
    const client = await reviewerClient(reviewers[0]);
    await client.post(mine.id, reviewForm(criteria, [5, 5, 5, 5, 5], { intent: "submit", recommendation: "STRONG_YES" }));
    const draft = await client.post(
      mine.id,
      reviewForm(criteria, [1, 1, undefined, undefined, undefined], { intent: "draft", recommendation: "NO" }),
    );
    expect([200, 400, 409]).toContain(draft.status);

    const review = await db.review.findUniqueOrThrow({ where: { assignmentId: mine.id }, include: { scores: true } });
    const stored = criteria.map((c) => review.scores.find((s) => s.criterionId === c.id)?.value);
    await refreshStaleRankings();
    const row = await db.application.findUniqueOrThrow({ where: { id: application.id } });
    if (review.submittedAt) {
      // Still a submitted review: its criteria must all be there and give its score, which the application reflects.
      expect(stored.every((v) => v !== undefined)).toBe(true);
      expect(review.score).toBeCloseTo(expectedScore(stored as number[]), 9);
      expect(row.rawScore).toBeCloseTo(review.score!, 9);
    } else {
      expect(row.reviewCount).toBe(0);
    }
  });
});

// ---------------------------------------------------------------------------
// Conflicts of interest

describe("declaring a conflict", () => {
  it("releases the assignment, records the declaration and audit event, and no re-run gives it back", async () => {
    const { call, site, admin, reviewers } = await createReviewSetup({ reviewers: 3, reviewersPerApplication: 2 });
    const { application } = await createReviewApplication({ call, site });
    await runAssignment(call.id, admin.id);
    const initial = await db.reviewAssignment.findMany({ where: { applicationId: application.id } });
    expect(initial).toHaveLength(2);
    const declarer = reviewers.find((r) => r.id === initial[0].reviewerId)!;
    const client = await reviewerClient(declarer);

    const noReason = await client.post(initial[0].id, { intent: "conflict", reason: " " });
    expect(noReason.status).toBe(400);
    expect((await json(noReason)).errors).toEqual({ reason: "staffErrors.reasonRequired" });
    expect((await db.reviewAssignment.findUniqueOrThrow({ where: { id: initial[0].id } })).status).toBe("PENDING");

    const reason = "J'ai accompagné cette équipe dans un autre programme.";
    const declared = await client.post(initial[0].id, { intent: "conflict", reason });
    // Back to the queue, which says so once (the flash, not a query flag nothing read).
    const said = await expectFlashShownOnce(declared, "/reviewer", { kind: "success", key: "review.conflictDeclared" }, [client.cookie]);
    expect(said).toBe(catalogs.fr.review.conflictDeclared);
    expect((await db.reviewAssignment.findUniqueOrThrow({ where: { id: initial[0].id } })).status).toBe("CONFLICT");
    const declaration = await db.conflictDeclaration.findUniqueOrThrow({
      where: { applicationId_reviewerId: { applicationId: application.id, reviewerId: declarer.id } },
    });
    expect(declaration.reason).toBe(reason);
    const event = await db.auditEvent.findFirstOrThrow({ where: { subjectId: application.id, type: "CONFLICT_DECLARED" } });
    expect(event.actorId).toBe(declarer.id);
    expect(JSON.parse(event.details)).toMatchObject({ assignmentId: initial[0].id, reason });

    // Gone from the reviewer's queue and page.
    for (const show of ["todo", "done"] as const) {
      const queue = await json<{ items: Array<{ id: string }> }>(await client.queue(show));
      expect(queue.items.map((i) => i.id)).not.toContain(initial[0].id);
    }
    expect((await client.page(initial[0].id)).status).toBe(404);

    // The admin's replacement suggestions and every later run skip the declarer.
    expect(await suggestReplacements(application.id, call.id)).not.toContain(declarer.id);
    for (let run = 0; run < 2; run++) {
      await runAssignment(call.id, admin.id);
      const live = await db.reviewAssignment.findMany({ where: { applicationId: application.id, status: { not: "CONFLICT" } } });
      expect(live).toHaveLength(2);
      expect(live.map((a) => a.reviewerId)).not.toContain(declarer.id);
    }
  });

  it("no longer counts a review whose author then declares a conflict", async () => {
    const { call, site, criteria, reviewers } = await createReviewSetup({ reviewers: 2 });
    const [conflicted, fair] = reviewers;
    const { application } = await createReviewApplication({ call, site });
    const theirs = await assignReviewer(application.id, conflicted.id);
    await submitReview(theirs, criteria, [5, 5, 5, 5, 5]);
    await submitReview(await assignReviewer(application.id, fair.id), criteria, [2, 2, 2, 2, 2]);
    await refreshStaleRankings();
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).reviewCount).toBe(2);

    const client = await reviewerClient(conflicted);
    const declared = await client.post(theirs.id, { intent: "conflict", reason: "Je connais personnellement le fondateur." });
    expect(declared.status).toBe(302);
    await refreshStaleRankings();
    const row = await db.application.findUniqueOrThrow({ where: { id: application.id } });
    expect(row.reviewCount).toBe(1);
    expect(row.rawScore).toBeCloseTo(2, 9);
  });
});

// ---------------------------------------------------------------------------
// Reviewer accounts

describe("the reviewer's queue", () => {
  it("shows one list at a time, 50 per page in due order, with both counts", async () => {
    const { call, site, criteria, reviewers } = await createReviewSetup({ reviewers: 1 });
    const [me] = reviewers;
    const applications = [];
    for (let i = 0; i < 53; i++) applications.push(await createReviewApplication({ call, site }));
    // Due dates spread so that the queue order (earliest due first) is known.
    const assignments = [];
    for (const [i, application] of applications.entries())
      assignments.push(await assignReviewer(application.application.id, me.id, { dueInDays: 1 + i }));
    await submitReview(assignments[0], criteria, [3, 3, 3, 3, 3], { submit: true });
    await submitReview(assignments[1], criteria, [4, 4, 4, 4, 4], { submit: true });
    const cookie = await signIn(me);
    const load = async (query: string) => {
      const response = await callRoute(queueLoader, { path: `/reviewer${query}`, cookie });
      expect(response.status).toBe(200);
      return json<{
        show: string;
        page: number;
        pageCount: number;
        items: Array<{ id: string; callTitle: { text: string; inFrench: boolean } }>;
        counts: { todo: number; done: number };
      }>(response);
    };

    const first = await load("");
    expect({ show: first.show, page: first.page, pageCount: first.pageCount, counts: first.counts }).toEqual({
      show: "todo",
      page: 1,
      pageCount: 2,
      counts: { todo: 51, done: 2 },
    });
    expect(first.items.map((i) => i.id)).toEqual(assignments.slice(2, 52).map((a) => a.id));
    expect(first.items[0].callTitle).toMatchObject({ text: call.title, inFrench: false });
    const second = await load("?show=todo&page=2");
    expect(second.items.map((i) => i.id)).toEqual([assignments[52].id]);
    const done = await load("?show=done");
    expect({ pageCount: done.pageCount, ids: done.items.map((i) => i.id) }).toEqual({
      pageCount: 1,
      ids: [assignments[0].id, assignments[1].id],
    });
    // Nonsense in the address falls back to the first page of the to-do list.
    const fallback = await load("?show=everything&page=-4");
    expect({ show: fallback.show, page: fallback.page, first: fallback.items[0]?.id }).toEqual({
      show: "todo",
      page: 1,
      first: assignments[2].id,
    });
  });
});

describe("previous and next on the scoring page", () => {
  it("are the neighbours in the reviewer's queue order (due date, then creation, then id), conflicts left out", async () => {
    const { call, site, criteria, reviewers } = await createReviewSetup({ reviewers: 2 });
    const [me, other] = reviewers;
    const applications: Array<Awaited<ReturnType<typeof createReviewApplication>>> = [];
    for (let i = 0; i < 8; i++) applications.push(await createReviewApplication({ call, site }));
    const assign = (index: number, dueInDays: number) => assignReviewer(applications[index].application.id, me.id, { dueInDays });
    // Out of order on purpose, with a tie on the due date and two without a due date (ordered by creation between them).
    const mine = [await assign(0, 3), await assign(1, 1), await assign(2, 2), await assign(3, 2), await assign(4, 5), await assign(7, 4)];
    await db.reviewAssignment.update({ where: { id: mine[4].id }, data: { dueAt: null } });
    await db.reviewAssignment.update({
      where: { id: mine[5].id },
      data: { dueAt: null, createdAt: new Date(mine[4].createdAt.getTime() - 1000) },
    });
    // The same due date as mine[2], created a second later: the creation decides.
    await db.reviewAssignment.update({
      where: { id: mine[3].id },
      data: { dueAt: mine[2].dueAt, createdAt: new Date(mine[2].createdAt.getTime() + 1000) },
    });
    const conflicted = await assign(5, 0);
    await db.reviewAssignment.update({ where: { id: conflicted.id }, data: { status: "CONFLICT" } });
    await submitReview(mine[0], criteria, [3, 3, 3, 3, 3], { submit: true });
    // Another reviewer's assignment, due first, is not in my queue.
    await assignReviewer(applications[6].application.id, other.id, { dueInDays: 0 });

    // The order the database gives the same sort, through Prisma (nulls where this database puts them).
    const queue = await db.reviewAssignment.findMany({
      where: { reviewerId: me.id, status: { not: "CONFLICT" } },
      orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    expect(queue).toHaveLength(6);
    for (const [position, { id }] of queue.entries()) {
      const workspace = await getReviewWorkspace(id, me.id, "fr");
      expect({ previousId: workspace?.previousId, nextId: workspace?.nextId }, `position ${position}`).toEqual({
        previousId: queue[position - 1]?.id ?? null,
        nextId: queue[position + 1]?.id ?? null,
      });
    }
    // Due dates first: the one due in a day, then the two due in two days in creation order, then three.
    const undated = [mine[5].id, mine[4].id];
    const dated = queue.map((a) => a.id).filter((id) => !undated.includes(id));
    expect(dated).toEqual([mine[1].id, mine[2].id, mine[3].id, mine[0].id]);
    // The undated ones stay together, in creation order, before or after the dated ones as the database sorts NULL.
    expect(queue.map((a) => a.id).filter((id) => undated.includes(id))).toEqual(undated);
    expect([0, 4]).toContain(queue.findIndex((a) => undated.includes(a.id)));
  });
});

describe("reviewer accounts", () => {
  it("invites a reviewer who accepts once, choosing a password and landing signed in", async () => {
    const { admin } = await createReviewSetup();
    const casablanca = await createSite();
    const rabat = await createSite();
    const cookie = await signIn(admin);
    const email = "Nadia.Berrada@conseil-atlas.ma";
    const invite = (entries: Array<[string, string]>) => invoke(inviteAction, { path: "/admin/reviewers", cookie, body: formOf(entries) });
    const fields: Array<[string, string]> = [
      ["name", "Nadia Berrada"],
      ["email", email],
      ["locale", "en"],
      ["sectors", "NEW_TECH"],
      ["sectors", "GREEN_TECH"],
      ["siteIds", casablanca.id],
      ["siteIds", rabat.id],
      ["maxLoad", "7"],
    ];

    const noSector = await invite(fields.filter(([key]) => key !== "sectors"));
    expect(noSector.status).toBe(400);
    expect((await json<{ errors: Record<string, string> }>(noSector)).errors.sectors).toBe("errors.chooseAtLeastOne");

    const response = await invite(fields);
    await expectRedirectWithFlash(response, "/admin/reviewers", {
      kind: "success",
      key: "reviewers.invited",
      values: { email: email.toLowerCase() },
    });
    const user = await db.user.findUniqueOrThrow({
      where: { email: email.toLowerCase() },
      include: { roles: true, reviewerProfile: { include: { sites: true } } },
    });
    expect(user.passwordHash).toBeNull();
    expect(user.roles.map((r) => r.role)).toEqual(["REVIEWER"]);
    expect(user.reviewerProfile?.sectors).toBe("NEW_TECH,GREEN_TECH");
    expect(user.reviewerProfile?.maxLoad).toBe(7);
    expect(user.reviewerProfile?.sites.map((s) => s.id).sort()).toEqual([casablanca.id, rabat.id].sort());
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "REVIEWER_INVITED", actorId: admin.id } })).toBe(1);

    const again = await invite(fields);
    expect(again.status).toBe(409);
    expect((await json<{ errors: Record<string, string> }>(again)).errors).toEqual({ email: "auth.emailTaken" });

    const emails = await db.outboxEmail.findMany({ where: { to: email.toLowerCase() } });
    expect(emails.map((e) => [e.template, e.locale])).toEqual([["reviewer-invitation", "en"]]);
    const link = String(payloadOf(emails[0]).setPasswordUrl);
    const token = /\/invitation\/([A-Za-z0-9_-]+)$/.exec(link)?.[1];
    expect(token).toBeTruthy();

    // Not usable before accepting.
    const early = await callRoute(loginAction, { path: "/login", form: { email, password: "anything-at-all" }, ip: "198.51.100.201" });
    expect(early.status).toBe(400);

    const open = await callRoute(invitationLoader, { path: `/invitation/${token}`, params: { token: token! } });
    expect(await json(open)).toEqual({ valid: true });
    const tooShort = await callRoute(invitationAction, {
      path: `/invitation/${token}`,
      params: { token: token! },
      form: { password: "short" },
    });
    expect(tooShort.status).toBe(400);
    expect((await json(tooShort)).errors).toEqual({ password: "errors.passwordTooShort" });

    const accepted = await callRoute(invitationAction, {
      path: `/invitation/${token}`,
      params: { token: token! },
      form: { password: "un-mot-de-passe-solide" },
    });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe("/reviewer");
    const session = cookieFrom(accepted);
    expect(session).toBeTruthy();
    const queue = await callRoute(queueLoader, { path: "/reviewer", cookie: session });
    expect(queue.status).toBe(200);
    expect(await json(queue)).toEqual({ show: "todo", page: 1, pageCount: 1, items: [], counts: { todo: 0, done: 0 } });
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "INVITATION_ACCEPTED" } })).toBe(1);

    // The link is spent.
    const reuse = await callRoute(invitationAction, {
      path: `/invitation/${token}`,
      params: { token: token! },
      form: { password: "another-password-123" },
    });
    expect(reuse.status).toBe(400);
    expect(await json(reuse)).toEqual({ errors: {}, invalidLink: true });
    expect(cookieFrom(reuse)).toBeNull();
    expect(await json(await callRoute(invitationLoader, { path: `/invitation/${token}`, params: { token: token! } }))).toEqual({
      valid: false,
    });
    await expect(signIn({ email }, "another-password-123")).rejects.toThrow();
    expect(await signIn({ email }, "un-mot-de-passe-solide")).toBeTruthy();
  });

  it(
    "invites an address once when admins invite it at the same moment: the others are told it is taken",
    { timeout: 120_000 },
    async () => {
      const { admin } = await createReviewSetup();
      const site = await createSite();
      const cookie = await signIn(admin);
      for (let round = 0; round < 3; round++) {
        const email = `invite-race-${round}-${Date.now()}@conseil-atlas.ma`;
        const fields: Array<[string, string]> = [
          ["name", "Nadia Berrada"],
          ["email", email],
          ["locale", "fr"],
          ["sectors", "NEW_TECH"],
          ["siteIds", site.id],
          ["maxLoad", "5"],
        ];
        const responses = await Promise.all(
          Array.from({ length: 20 }, () => invoke(inviteAction, { path: "/admin/reviewers", cookie, body: formOf(fields) })),
        );
        const outcomes = await Promise.all(
          responses.map(async (r) =>
            r.status === 302 ? "invited" : `${r.status} ${JSON.stringify((await json<{ errors: Record<string, string> }>(r)).errors)}`,
          ),
        );
        expect(
          outcomes.filter((o) => o === "invited"),
          `round ${round}`,
        ).toHaveLength(1);
        expect(
          outcomes.filter((o) => o !== "invited"),
          `round ${round}`,
        ).toEqual(Array(19).fill('409 {"email":"auth.emailTaken"}'));
        expect(await db.user.count({ where: { email } })).toBe(1);
        expect(await db.outboxEmail.count({ where: { to: email } })).toBe(1);
      }
    },
  );

  it("updates a reviewer's profile from the repeated checkbox fields", async () => {
    const { admin, site } = await createReviewSetup();
    const other = await createSite();
    const reviewer = await createReviewer({ sectors: ["NEW_TECH"], siteIds: [site.id], maxLoad: 4 });
    const response = await invoke(reviewerProfileAction, {
      path: `/admin/reviewers/${reviewer.id}`,
      cookie: await signIn(admin),
      params: { id: reviewer.id },
      body: formOf([
        ["sectors", "CULTURAL_INDUSTRIES"],
        ["sectors", "GREEN_TECH"],
        ["siteIds", other.id],
        ["maxLoad", "12"],
      ]),
    });
    await expectRedirectWithFlash(response, `/admin/reviewers/${reviewer.id}`, { kind: "success", key: "account.saved" });
    const profile = await db.reviewerProfile.findUniqueOrThrow({ where: { userId: reviewer.id }, include: { sites: true } });
    expect(profile.sectors).toBe("CULTURAL_INDUSTRIES,GREEN_TECH");
    expect(profile.maxLoad).toBe(12);
    expect(profile.sites.map((s) => s.id)).toEqual([other.id]);
  });

  it("deactivating a reviewer releases their pending assignments and ends their sessions", async () => {
    const { call, site, criteria, admin, reviewers } = await createReviewSetup({ reviewers: 3, reviewersPerApplication: 1 });
    const [leaving, stayA, stayB] = reviewers;
    const apps = [
      await createReviewApplication({ call, site }),
      await createReviewApplication({ call, site }),
      await createReviewApplication({ call, site }),
    ];
    const pendingPlain = await assignReviewer(apps[0].application.id, leaving.id);
    const pendingDraft = await assignReviewer(apps[1].application.id, leaving.id);
    await submitReview(pendingDraft, criteria, [3, 3], { submit: false });
    const done = await assignReviewer(apps[2].application.id, leaving.id);
    await submitReview(done, criteria, [4, 4, 4, 4, 4]);
    const cookies = [await signIn(leaving), await signIn(leaving)];
    expect(await db.session.count({ where: { userId: leaving.id } })).toBe(2);

    const adminCookie = await signIn(admin);
    const response = await callRoute(reviewerProfileAction, {
      path: `/admin/reviewers/${leaving.id}`,
      cookie: adminCookie,
      params: { id: leaving.id },
      form: { intent: "deactivate" },
    });
    const said = await expectFlashShownOnce(
      response,
      `/admin/reviewers/${leaving.id}`,
      { kind: "success", key: "reviewers.deactivated", values: { count: 2 } },
      [adminCookie],
    );
    expect(said).toBe(catalogs.fr.reviewers.deactivated.replace("{{count}}", "2"));

    expect((await db.user.findUniqueOrThrow({ where: { id: leaving.id } })).active).toBe(false);
    expect(await db.session.count({ where: { userId: leaving.id } })).toBe(0);
    const remaining = await db.reviewAssignment.findMany({ where: { reviewerId: leaving.id } });
    expect(remaining.map((a) => [a.id, a.status])).toEqual([[done.id, "SUBMITTED"]]);
    expect(await db.reviewAssignment.count({ where: { id: { in: [pendingPlain.id, pendingDraft.id] } } })).toBe(0);
    expect((await db.review.findUniqueOrThrow({ where: { assignmentId: done.id } })).submittedAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { subjectId: leaving.id, type: "REVIEWER_DEACTIVATED" } })).toBe(1);

    for (const cookie of cookies) {
      const queue = await callRoute(queueLoader, { path: "/reviewer", cookie });
      expect(queue.status).toBe(302);
      expect(queue.headers.get("Location")).toMatch(/^\/login\?/);
    }
    await expect(signIn(leaving)).rejects.toThrow();

    // The released applications go to the others on the next run, never back to the deactivated reviewer.
    await runAssignment(call.id, admin.id);
    for (const app of apps.slice(0, 2)) {
      const rows = await db.reviewAssignment.findMany({ where: { applicationId: app.application.id } });
      expect(rows).toHaveLength(1);
      expect([stayA.id, stayB.id]).toContain(rows[0].reviewerId);
    }
  });
});
