// A call's own questions and eligibility (issue 15), in English and Arabic: an admin builds a call's
// questions (one conditional) and an eligibility rule in the editor, in each language, read back in words; a founder
// who does not meet a rule is stopped on Apply with the rule and the reason, and no draft exists.
import type { Page } from "@playwright/test";
import {
  catalogs,
  createDraftCall,
  DEMO,
  demoQuestion,
  answerDemoChoice,
  expectNoSeriousA11yViolations,
  interpolate,
  mainServer,
  open,
  signIn,
  signUpOverHttp,
  switchLanguage,
  uniqueEmail,
  type Locale,
} from "./support.ts";
import { expect, test } from "./support.ts";

/** The success message a form reply shows. */
const success = (page: Page, text: string) => page.getByRole("status").filter({ hasText: text });

test("an admin builds a call's questions, one shown only on an earlier answer, and an eligibility rule read back in words, in English then in Arabic; the editor has no serious accessibility violation in either", async ({
  page,
}) => {
  await signIn(page, DEMO.admin);
  try {
    // One test for both languages: the language is saved on the admin's account, which parallel tests would share.
    for (const locale of ["en", "ar"] as const) {
      const t = catalogs[locale];
      const token = Math.random().toString(36).slice(2, 8).toUpperCase();
      await open(page, "/admin");
      await switchLanguage(page, locale);
      await createDraftCall(page, t, {
        title: `Questions ${token}`,
        description: "Un appel dont les questions sont écrites par l'administratrice.",
      });
      await page.getByRole("main").getByRole("link", { name: t.questionEditor.title, exact: true }).click();
      await expect(page).toHaveURL(/\/admin\/calls\/[^/]+\/questions$/);

      const addQuestion = async (question: {
        key: string;
        type: string;
        step: "questions" | "eligibility";
        labels: Record<Locale, string>;
        condition?: { questionKey: string; equals: "yes" | "no" };
      }) => {
        const form = page.getByRole("form", { name: t.questionEditor.addQuestion, exact: true });
        const key = form.getByLabel(t.questionEditor.key, { exact: true });
        // The form empties itself once the previous question is saved: wait for it, or it would empty this one.
        await expect(key).toHaveValue("");
        await key.fill(question.key);
        await form.getByLabel(t.questionEditor.type, { exact: true }).selectOption(question.type);
        await form.getByLabel(t.questionEditor.step, { exact: true }).selectOption(question.step);
        for (const textLocale of ["fr", "en", "ar"] as const) {
          await form
            .getByRole("group", { name: t.callAdmin.textsIn[textLocale], exact: true })
            .getByLabel(t.questionEditor.label, { exact: true })
            .fill(question.labels[textLocale]);
        }
        if (question.condition) {
          await form.getByLabel(t.questionEditor.conditionQuestion, { exact: true }).selectOption(question.condition.questionKey);
          await form.getByLabel(t.questionEditor.conditionEquals, { exact: true }).selectOption(question.condition.equals);
        }
        await form.getByRole("button", { name: t.questionEditor.add, exact: true }).click();
        await expect(success(page, t.questionEditor.questionAdded)).toBeVisible();
      };
      const resident = { fr: "Un membre réside au Maroc", en: `A member lives in Morocco ${token}`, ar: `عضو مقيم بالمغرب ${token}` };
      await addQuestion({ key: "resident", type: "YES_NO", step: "eligibility", labels: resident });
      await addQuestion({
        key: "has_demo",
        type: "YES_NO",
        step: "questions",
        labels: { fr: "Une démo ?", en: "A demo?", ar: "عرض تجريبي؟" },
      });
      const demoLink = { fr: "Lien de la démo", en: `Demo link ${token}`, ar: `رابط العرض ${token}` };
      await addQuestion({
        key: "demo_url",
        type: "URL",
        step: "questions",
        labels: demoLink,
        condition: { questionKey: "has_demo", equals: "yes" },
      });
      const main = page.getByRole("main");
      await expect(main.getByText(demoLink[locale], { exact: true }).first()).toBeVisible();

      const rule = page.getByRole("form", { name: t.questionEditor.addRule, exact: true });
      await rule.getByLabel(t.questionEditor.ruleQuestion, { exact: true }).selectOption("resident");
      await rule.getByLabel(t.questionEditor.operator, { exact: true }).selectOption("equals");
      await rule.getByLabel(t.questionEditor.ruleValue, { exact: true }).selectOption("yes");
      await rule.getByRole("button", { name: t.questionEditor.addRuleButton, exact: true }).click();
      await expect(success(page, t.questionEditor.ruleAdded)).toBeVisible();
      await expect(main.getByText(interpolate(t.questions.rules.equalsYes, { label: resident[locale] }), { exact: true })).toBeVisible();
      await expectNoSeriousA11yViolations(page, `the question editor in ${locale}`);
    }
  } finally {
    await open(page, "/admin");
    await switchLanguage(page, "fr");
  }
});

for (const locale of ["en", "ar"] as const) {
  test(`in ${locale}, a founder whose team is too large is stopped on Apply with the rule and why, answers kept, and no draft exists`, async ({
    page,
  }) => {
    const t = catalogs[locale];
    const founder = { name: "Nadia Berrada", email: uniqueEmail("nadia"), password: "equipe-trop-grande-2026" };
    const server = mainServer().url;
    const landing = await page.context().request.get(new URL("/?_data=routes%2F_index", server).toString());
    const { calls } = (await landing.json()) as { calls: Array<{ slug: string }> };
    const applyPath = `/calls/${calls[0].slug}/apply`;
    await signUpOverHttp(page.context(), founder, applyPath);
    await open(page, applyPath);
    await switchLanguage(page, locale);

    const teamSize = demoQuestion("team_size");
    const sizeField = page.getByLabel(teamSize.label[locale] ?? "", { exact: true });
    await sizeField.fill("5");
    await answerDemoChoice(page, "resident_in_morocco", t.questions.yes);
    await answerDemoChoice(page, "company_registered", t.questions.no);
    await page.getByRole("button", { name: t.apply.start, exact: true }).click();

    const refusal = page.getByRole("alert");
    await expect(refusal).toContainText(t.questions.notEligible);
    await expect(refusal).toContainText(teamSize.label[locale] ?? "");
    await expect(refusal).toContainText(t.questions.eligibility.notMet);
    await expect(page).toHaveURL(new RegExp(`${applyPath}$`));
    await expect(sizeField).toHaveValue("5");
    await expectNoSeriousA11yViolations(page, `Apply refusing an ineligible team, in ${locale}`);

    // No draft: the founder's dashboard lists no application.
    await open(page, "/founder");
    await expect(page.getByRole("main").locator('a[href^="/founder/applications/"]')).toHaveCount(0);
  });
}
