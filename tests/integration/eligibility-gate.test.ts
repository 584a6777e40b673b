// Eligibility before writing (issue 15): a call's eligibility questions are answered on Apply, checked
// with its rules inside the transaction that would create the draft; no draft exists until every rule
// passes, and then the answers are stored with it. The call page shows the rules in words.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { catalogs } from "~/i18n/catalogs.ts";
import { saveEligibilityRule, saveQuestion } from "~/models/call-questions.server.ts";
import { action as applyAction, loader as applyLoader } from "~/routes/calls.$slug_.apply.tsx";
import { loader as callLoader } from "~/routes/calls.$slug.tsx";
import type { QuestionDefinitionInput } from "~/domain/call-questions.ts";
import { createTestUser } from "../support/factories.ts";
import { createIntakeSetup } from "../support/intake-factories.ts";
import { json, signedIn } from "../support/enrollment-factories.ts";
import { callRoute } from "../support/remix.ts";
import { expectRedirectWithFlash } from "../support/flash.ts";
import { translate } from "../support/translate.ts";
import { signIn } from "../support/review-factories.ts";

beforeAll(async () => {
  await dbReady;
});

const base = { step: "eligibility", required: true, identifying: false } as const;
const QUESTIONS: QuestionDefinitionInput[] = [
  { ...base, key: "team_size", type: "NUMBER", integer: true, min: 1, max: 20, label: { fr: "Taille de l'équipe", en: "Team size" } },
  { ...base, key: "resident", type: "YES_NO", label: { fr: "Un membre réside au Maroc", en: "A member lives in Morocco" } },
  { ...base, key: "registered", type: "YES_NO", label: { fr: "Entreprise immatriculée ?", en: "Company registered?" } },
  {
    ...base,
    key: "founded",
    type: "DATE",
    label: { fr: "Date de création", en: "Founding date" },
    condition: { answer: { questionKey: "registered", equals: true } },
  },
  { ...base, step: "questions", key: "pitch", type: "SHORT_TEXT", maxLength: 200, label: { fr: "Votre projet en une phrase" } },
];

/** An open call with the demo's kind of eligibility: team of one to three, a member in Morocco, a company under three years. */
async function callWithEligibility() {
  const setup = await createIntakeSetup();
  const { user: admin } = await signedIn("ADMIN");
  for (const question of QUESTIONS) await saveQuestion(setup.call.id, null, question, admin.id);
  const rules = [
    { questionKey: "team_size", operator: "between", min: 1, max: 3 },
    { questionKey: "resident", operator: "equals", value: true },
    { questionKey: "founded", operator: "after", date: "2023-12-29" },
  ] as const;
  for (const rule of rules) await saveEligibilityRule(setup.call.id, null, rule, admin.id);
  const ruleIds = (await db.eligibilityRule.findMany({ where: { callId: setup.call.id }, orderBy: { position: "asc" } })).map((r) => r.id);
  return { ...setup, ruleIds, cookie: await signIn(setup.founder) };
}

const apply = (cookie: string, slug: string, form: Record<string, string>) =>
  callRoute(applyAction, { path: `/calls/${slug}/apply`, cookie, params: { slug }, form });

type Refusal = { errors: Record<string, string>; errorParams: Record<string, Record<string, number>>; reasons: Record<string, string> };

const ELIGIBLE = { "answers.team_size": "2", "answers.resident": "yes", "answers.registered": "yes", "answers.founded": "2024-06-01" };

describe("eligibility before a draft exists", () => {
  it("shows the questions and the rules in words on Apply and on the call page, in the reader's language", async () => {
    const { call, cookie } = await callWithEligibility();
    const page = await json<{ eligibility: { questions: Array<{ key: string }>; rules: Array<{ sentence: { key: string } }> } }>(
      await callRoute(applyLoader, { path: `/calls/${call.slug}/apply`, cookie, params: { slug: call.slug } }),
    );
    expect(page.eligibility.questions.map((q) => q.key)).toEqual(["team_size", "resident", "registered", "founded"]);
    const publicPage = await json<{ eligibilityRules: Array<{ sentence: { key: string; params: Record<string, string> } }> }>(
      await callRoute(callLoader, { path: `/calls/${call.slug}`, params: { slug: call.slug }, headers: { "Accept-Language": "en" } }),
    );
    expect(publicPage.eligibilityRules.map((rule) => translate("en", rule.sentence.key, rule.sentence.params))).toEqual([
      "Team size: from 1 to 3",
      "A member lives in Morocco: yes",
      "Founding date: after 29 December 2023",
    ]);
  });

  it("refuses a failed rule with the rule and the reason, and creates no draft", async () => {
    const { call, founder, cookie, ruleIds } = await callWithEligibility();
    const tooMany = await apply(cookie, call.slug, { ...ELIGIBLE, "answers.team_size": "5" });
    expect(tooMany.status).toBe(422);
    expect((await json<Refusal>(tooMany)).reasons).toEqual({ [ruleIds[0]]: "questions.eligibility.notMet" });
    const tooOld = await apply(cookie, call.slug, { ...ELIGIBLE, "answers.resident": "no", "answers.founded": "2021-03-01" });
    expect((await json<Refusal>(tooOld)).reasons).toEqual({
      [ruleIds[1]]: "questions.eligibility.notMet",
      [ruleIds[2]]: "questions.eligibility.notMet",
    });
    expect(catalogs.ar.questions.eligibility.notMet.length).toBeGreaterThan(10);
    expect(await db.application.count({ where: { founderId: founder.id } })).toBe(0);
  });

  it("refuses invalid or missing answers beside their questions, with the values messages need, and creates no draft", async () => {
    const { call, founder, cookie } = await callWithEligibility();
    const refused = await apply(cookie, call.slug, {
      "answers.team_size": "2,5",
      "answers.registered": "yes",
      "answers.founded": "2024-02-30",
    });
    expect(refused.status).toBe(422);
    const body = await json<Refusal>(refused);
    expect(body.errors).toEqual({
      "answers.team_size": "questions.integerOnly",
      "answers.resident": "questions.required",
      "answers.founded": "questions.dateInvalid",
    });
    const outOfRange = await json<Refusal>(await apply(cookie, call.slug, { ...ELIGIBLE, "answers.team_size": "40" }));
    expect(outOfRange.errors).toEqual({ "answers.team_size": "questions.numberRange" });
    expect(translate("fr", "questions.numberRange", outOfRange.errorParams["answers.team_size"])).toBe(
      "Saisissez un nombre entre 1 et 20.",
    );
    expect(await db.application.count({ where: { founderId: founder.id } })).toBe(0);
  });

  it("refuses answers to another call's questions or to a hidden question, changing nothing", async () => {
    const { call, founder, cookie } = await callWithEligibility();
    // Apply's refusals go back to the call page, the message carried by an error flash.
    const refusedTo = (response: Response) =>
      expectRedirectWithFlash(response, `/calls/${call.slug}`, { kind: "error", key: "errors.formUnreadable" });
    await refusedTo(await apply(cookie, call.slug, { ...ELIGIBLE, "answers.other_call_question": "x" }));
    // The founding date is asked only of a registered company; a later step's question is not asked here.
    await refusedTo(await apply(cookie, call.slug, { ...ELIGIBLE, "answers.registered": "no" }));
    await refusedTo(await apply(cookie, call.slug, { ...ELIGIBLE, "answers.pitch": "Une phrase." }));
    expect(await db.application.count({ where: { founderId: founder.id } })).toBe(0);
  });

  it("creates the draft once every rule passes and stores the answers with it (a company not registered passes the date rule)", async () => {
    const { call, founder, cookie } = await callWithEligibility();
    const started = await apply(cookie, call.slug, { "answers.team_size": "3", "answers.resident": "yes", "answers.registered": "no" });
    expect(started.status).toBe(302);
    const application = await db.application.findUniqueOrThrow({ where: { founderId_callId: { founderId: founder.id, callId: call.id } } });
    expect(started.headers.get("Location")).toBe(`/founder/applications/${application.id}/edit/project`);
    const answers = await db.applicationAnswer.findMany({ where: { applicationId: application.id }, include: { question: true } });
    expect(Object.fromEntries(answers.map((a) => [a.question.key, JSON.parse(a.value)]))).toEqual({
      team_size: 3,
      resident: true,
      registered: false,
    });
    const choices = await db.answerChoice.findMany({ where: { applicationId: application.id }, include: { question: true } });
    expect(choices.map((c) => `${c.question.key}=${c.choice}`).sort()).toEqual(["registered=no", "resident=yes"]);
  });

  it("ten Apply posts at once start one draft with one set of answers", async () => {
    for (let round = 0; round < 3; round++) {
      const { call, founder, cookie } = await callWithEligibility();
      const responses = await Promise.all(Array.from({ length: 10 }, () => apply(cookie, call.slug, ELIGIBLE)));
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(302));
      expect(new Set(responses.map((r) => r.headers.get("Location"))).size).toBe(1);
      const applications = await db.application.findMany({ where: { founderId: founder.id }, select: { id: true } });
      expect(applications).toHaveLength(1);
      expect(await db.applicationAnswer.count({ where: { applicationId: applications[0].id } })).toBe(4);
    }
  });

  it("a call without eligibility questions starts a draft on the first click, as before", async () => {
    const { call } = await createIntakeSetup();
    const founder = await createTestUser({ roles: ["FOUNDER"] });
    const cookie = await signIn(founder);
    expect((await apply(cookie, call.slug, {})).status).toBe(302);
    expect(await db.application.count({ where: { founderId: founder.id, callId: call.id } })).toBe(1);
  });
});
