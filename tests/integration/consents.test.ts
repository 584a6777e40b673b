// Consent per purpose (issue 20, point 1) against a real database: submitting records the selection consent with
// its text version (audited), accepting a seat the follow-up one; the optional purposes are chosen on the account
// page, given and withdrawn with immediate effect — the "future calls" email goes only to those who agree when an
// admin opens a call, and the public list of selected projects shows only the projects whose lead agreed.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { CONSENT_TEXT_VERSIONS } from "~/domain/consent.ts";
import { changeCallStatus } from "~/models/call.server.ts";
import { applyTransition } from "~/models/lifecycle.server.ts";
import { respondToOffer } from "~/models/offer.server.ts";
import { action as accountAction, loader as accountLoader } from "~/routes/account.tsx";
import { loader as selectedLoader } from "~/routes/selected.tsx";
import { asFounderUser, createDecisionCall, createReleasedCandidate } from "../support/enrollment-factories.ts";
import { createTestUser } from "../support/factories.ts";
import { createApplication, createIntakeSetup, createSite } from "../support/intake-factories.ts";
import { callRoute } from "../support/remix.ts";
import { signIn } from "../support/review-factories.ts";

beforeAll(async () => {
  await dbReady;
});

const consentOf = (userId: string, purpose: string) => db.consent.findUnique({ where: { userId_purpose: { userId, purpose } } });
const events = (userId: string) =>
  db.auditEvent.findMany({
    where: { subjectType: "User", subjectId: userId, type: { startsWith: "CONSENT_" } },
    orderBy: { createdAt: "asc" },
  });

async function choose(cookie: string, choices: { FUTURE_CALLS?: boolean; PUBLIC_LIST?: boolean }) {
  const form: Record<string, string> = { intent: "consents" };
  for (const [purpose, on] of Object.entries(choices)) if (on) form[purpose] = "on";
  const response = await callRoute(accountAction, { path: "/account", cookie, form });
  expect(response.status).toBe(302);
}

describe("required consents", () => {
  it("records the selection consent, with its text version, when the founder submits", async () => {
    const { call, site, founder } = await createIntakeSetup();
    const { application } = await createApplication({ founder, call, site });
    await applyTransition({ applicationId: application.id, name: "submit", actor: { kind: "user", id: founder.id, roles: ["FOUNDER"] } });
    expect(await consentOf(founder.id, "SELECTION")).toMatchObject({ textVersion: CONSENT_TEXT_VERSIONS.SELECTION, withdrawnAt: null });
    expect((await events(founder.id)).map((event) => [event.type, JSON.parse(event.details).purpose])).toEqual([
      ["CONSENT_GIVEN", "SELECTION"],
    ]);
  });

  it("records the follow-up consent when the team accepts its seat", async () => {
    const site = await createSite();
    const { call, cohorts } = await createDecisionCall({ cohorts: [{ site, capacity: 2 }] });
    const { application, founder } = await createReleasedCandidate({ call, site, status: "ACCEPTED", cohort: cohorts[0] });
    expect(await consentOf(founder.id, "FOLLOW_UP")).toBeNull();
    await respondToOffer(application.id, asFounderUser(founder), true);
    expect(await consentOf(founder.id, "FOLLOW_UP")).toMatchObject({ textVersion: CONSENT_TEXT_VERSIONS.FOLLOW_UP, withdrawnAt: null });
  });
});

describe("optional consents", () => {
  it("are given and withdrawn from the account page, each change audited, and shown with their dates", async () => {
    const person = await createTestUser({ roles: ["FOUNDER"] });
    const cookie = await signIn(person);
    await choose(cookie, { FUTURE_CALLS: true });
    expect(await consentOf(person.id, "FUTURE_CALLS")).toMatchObject({ withdrawnAt: null });
    expect(await consentOf(person.id, "PUBLIC_LIST")).toBeNull();
    await choose(cookie, { PUBLIC_LIST: true });
    expect((await consentOf(person.id, "FUTURE_CALLS"))?.withdrawnAt).not.toBeNull();
    // Saving the same choice again writes nothing.
    await choose(cookie, { PUBLIC_LIST: true });
    expect((await events(person.id)).map((event) => [event.type, JSON.parse(event.details).purpose])).toEqual([
      ["CONSENT_GIVEN", "FUTURE_CALLS"],
      ["CONSENT_WITHDRAWN", "FUTURE_CALLS"],
      ["CONSENT_GIVEN", "PUBLIC_LIST"],
    ]);
    const page = (await (await callRoute(accountLoader, { path: "/account", cookie })).json()) as {
      consents: Array<{ purpose: string; state: string; optional: boolean; atText: string | null }>;
    };
    expect(page.consents.map(({ purpose, state, optional }) => [purpose, state, optional])).toEqual([
      ["SELECTION", "NEVER", false],
      ["FOLLOW_UP", "NEVER", false],
      ["FUTURE_CALLS", "WITHDRAWN", true],
      ["PUBLIC_LIST", "GIVEN", true],
    ]);
    expect(page.consents[3].atText).toBeTruthy();
  });

  it("emails a new call only to those who agree to hear of future calls, from the moment they agree until they withdraw", async () => {
    const agrees = await createTestUser({ roles: ["FOUNDER"], locale: "ar" });
    const withdrew = await createTestUser({ roles: ["FOUNDER"] });
    const never = await createTestUser({ roles: ["FOUNDER"] });
    const admin = await createTestUser({ roles: ["ADMIN"] });
    await choose(await signIn(agrees), { FUTURE_CALLS: true });
    const withdrewCookie = await signIn(withdrew);
    await choose(withdrewCookie, { FUTURE_CALLS: true });
    await choose(withdrewCookie, {});
    const { call } = await createIntakeSetup();
    await db.call.update({
      where: { id: call.id },
      data: { status: "DRAFT", criteria: { create: [{ key: "overall", label: "{}", anchors: "{}", weight: 1, position: 0 }] } },
    });
    await changeCallStatus(call.id, "open", admin.id);
    const sent = await db.outboxEmail.findMany({
      where: { template: "call-opened", to: { in: [agrees.email, withdrew.email, never.email] } },
    });
    expect(sent.map((email) => [email.to, email.locale])).toEqual([[agrees.email, "ar"]]);
    expect(JSON.parse(sent[0].payload)).toMatchObject({ callUrl: expect.stringMatching(new RegExp(`/calls/${call.slug}$`)) });
  });

  it("lists publicly only the selected projects whose lead agreed", async () => {
    const site = await createSite();
    const { call, cohorts } = await createDecisionCall({ cohorts: [{ site, capacity: 3 }] });
    const shown = await createReleasedCandidate({ call, site, status: "ACCEPTED", cohort: cohorts[0] });
    const hidden = await createReleasedCandidate({ call, site, status: "ACCEPTED", cohort: cohorts[0] });
    for (const team of [shown, hidden]) await respondToOffer(team.application.id, asFounderUser(team.founder), true);
    await choose(await signIn(shown.founder), { PUBLIC_LIST: true });
    const list = async () =>
      (
        (await (await callRoute(selectedLoader, { path: "/selected" })).json()) as { projects: Array<{ projectName: string }> }
      ).projects.map((project) => project.projectName);
    expect(await list()).toContain(shown.application.projectName);
    expect(await list()).not.toContain(hidden.application.projectName);
    // Withdrawn: gone at once.
    await choose(await signIn(shown.founder), {});
    expect(await list()).not.toContain(shown.application.projectName);
  });
});
