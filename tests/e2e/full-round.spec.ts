// The whole product in one run, as its people use it: an admin creates a call,
// gives it a rubric and a cohort (opening is refused before both exist), and
// opens it; a new founder signs up and applies through the wizard; the admin
// screens the application and runs the assignment; the assigned reviewer
// scores it; the admin sends it to the committee, confirms the allocation and
// releases the decisions; the acceptance email leaves the platform over SMTP,
// its link takes the founder to the offer, the founder accepts and is on the
// cohort's roster; the call's CSV export has the enrolled application. axe on
// every admin page of the way.
//
// This spec runs against the second app server of playwright.config.ts, the
// one that mails through the SMTP sink (tests/e2e/smtp-sink.ts): emails are
// read from what the sink received, not from the local mailbox.
import fs from "node:fs/promises";
import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { expect, test } from "./support.ts";
import { utcToZonedWallTime } from "../../app/domain/time.ts";
import { PROXY_SERVED_PATH, SMTP_E2E } from "../../playwright.config.ts";
import {
  catalogs,
  DEMO,
  emailSubject,
  expectNoSeriousA11yViolations,
  FRENCH_BROWSER,
  interpolate,
  open,
  parseCsv,
  signIn,
  sinkEmails,
  confirmStartApplication,
  currentLocale,
  submitSignup,
  switchLanguage,
  tinyPdf,
  ui,
  uniqueEmail,
  waitForSinkEmail,
} from "./support.ts";

const t = catalogs.fr;

test.use({ ...FRENCH_BROWSER, baseURL: SMTP_E2E.appURL });

const DAY = 86_400_000;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// ─── Browsers per person ─────────────────────────────────────────────────────

const contexts: BrowserContext[] = [];

test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

/** A browser of its own (own cookies) on the SMTP app server. */
async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ ...FRENCH_BROWSER, baseURL: SMTP_E2E.appURL });
  contexts.push(context);
  return context.newPage();
}

/** The success message a form reply shows. */
function success(page: Page, text: string): Locator {
  return page.getByRole("status").filter({ hasText: text });
}

/** The card of the call page that holds a new criterion or cohort (its legend names it). */
function formGroup(page: Page, legend: string): Locator {
  return page.getByRole("main").getByRole("group", { name: legend, exact: true });
}

test("a whole round: call, application, review, allocation, SMTP acceptance email, enrollment, roster and CSV export", async ({
  page: admin,
  browser,
}) => {
  test.slow();
  const token = Math.random().toString(36).slice(2, 8).toUpperCase();
  const call = {
    title: `Cohorte intégrale ${token}`,
    // Translated into English only: Arabic readers get the French title, marked.
    titleEn: `Full round cohort ${token}`,
    description: "Un appel de bout en bout : candidature, évaluation, répartition, décision et intégration dans la cohorte.",
    closesAt: utcToZonedWallTime(new Date(Date.now() + 21 * DAY)),
    cohort: {
      name: `Casablanca Printemps ${token}`,
      site: "Casablanca",
      startsAt: new Date(Date.now() + 60 * DAY).toISOString().slice(0, 10),
    },
  };
  const founder = { name: "Yasmine Chraibi", email: uniqueEmail("yasmine"), password: "oasis-solaire-2026" };
  const project = {
    projectName: `Oasis Solaire ${token}`,
    tagline: "Des pompes solaires partagées pour les oasis du Drâa.",
    problem: "Les agriculteurs des oasis pompent au diesel, cher et polluant, et la nappe baisse faute de suivi des prélèvements.",
    solution:
      "Des pompes solaires mutualisées par coopérative, avec un compteur connecté qui répartit l'eau et les coûts entre les membres.",
    market: "Plus de 1 200 coopératives agricoles dans le sud du Maroc, puis le Sahel ; aucune offre mutualisée n'existe aujourd'hui.",
    traction: "Deux coopératives pilotes à Zagora et une lettre d'intention de l'agence de bassin.",
  };
  let callId = "";
  let callSlug = "";
  let applicationId = "";
  let cohortId = "";
  let reviewerEmail = "";
  const callPath = () => `/admin/calls/${callId}`;

  await test.step("the admin creates a call", async () => {
    await signIn(admin, DEMO.admin, SMTP_E2E.appURL);
    await open(admin, "/admin/calls");
    await expect(admin.getByRole("heading", { level: 1, name: t.staffNav.admin.calls, exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(admin, "the calls list");

    const form = admin
      .getByRole("main")
      .locator("form")
      .filter({ has: admin.getByRole("button", { name: t.callAdmin.create, exact: true }) });
    const callText = (field: "title" | "description", locale: "fr" | "en") =>
      form.getByRole("group", { name: t.callAdmin[field], exact: true }).getByLabel(t.callAdmin.textsIn[locale], { exact: true });
    await callText("title", "fr").fill(call.title);
    await callText("title", "en").fill(call.titleEn);
    await callText("description", "fr").fill(call.description);
    await form.getByLabel(t.callAdmin.closesAt, { exact: true }).fill(call.closesAt);
    await form.getByLabel(t.callAdmin.reviewersPerApplication, { exact: true }).fill("1");
    await form.getByLabel(t.callAdmin.offerResponseDays, { exact: true }).fill("7");
    await form.getByRole("checkbox", { name: t.callAdmin.blindReview, exact: true }).check();
    await form.getByRole("checkbox", { name: t.callAdmin.hasInterview, exact: true }).uncheck();
    await form.getByRole("button", { name: t.callAdmin.create, exact: true }).click();

    const callPage = /\/admin\/calls\/[^/]+$/;
    await expect.soft(admin, "creating a call without an interview stage takes the admin to the new call").toHaveURL(callPage);
    if (!callPage.test(admin.url())) {
      // Known app bug (see the report): with "Étape d'entretien" unchecked, the browser's
      // validation refuses the form without a word, so nothing is posted. The soft
      // failure above keeps the test red; the round goes on with the form's own fields
      // posted past that validation, to check everything after it. (A plain form
      // submission, as without JavaScript, is refused too: Origin "null", see the report.)
      const created = await form.evaluate(async (element) => {
        const formElement = element as HTMLFormElement;
        const response = await fetch(formElement.action, {
          method: "POST",
          body: new URLSearchParams(new FormData(formElement) as unknown as Record<string, string>),
        });
        return response.url;
      });
      await open(admin, new URL(created).pathname);
    }
    await expect(admin).toHaveURL(callPage);
    callId = new URL(admin.url()).pathname.split("/").pop() ?? "";
    await expect(
      admin.getByRole("heading", { level: 1, name: call.title, exact: true }),
      "the call's page renders in the browser, not the error page",
    ).toBeVisible();
    await expect(admin.locator("h1 + p")).toContainText(t.callAdmin.status.DRAFT);
    const applicationsLink = admin.locator("h1 + p").getByRole("link", { name: t.staffNav.admin.applications, exact: true });
    callSlug = new URLSearchParams((await applicationsLink.getAttribute("href"))?.split("?")[1] ?? "").get("call") ?? "";
    expect(callSlug, "the call's slug").toMatch(/^cohorte-integrale-/);
    await expectNoSeriousA11yViolations(admin, "a new call in draft");
  });

  const hasPlan = {
    fr: `Avez-vous un plan d'affaires ? ${token}`,
    en: `Do you have a business plan? ${token}`,
    ar: `هل لديكم خطة عمل؟ ${token}`,
  };
  const businessPlan = { fr: `Plan d'affaires ${token}`, en: `Business plan ${token}`, ar: `خطة العمل ${token}` };
  await test.step("the admin asks the call's own questions: has a business plan, and if so the plan as a PDF of at most 2 MB", async () => {
    await open(admin, `${callPath()}/questions`);
    const form = admin.getByRole("form", { name: t.questionEditor.addQuestion, exact: true });
    const addQuestion = async (key: string, type: string, labels: Record<"fr" | "en" | "ar", string>, more: () => Promise<void>) => {
      // The form empties itself once the previous question is saved: wait for it, or it would empty this one.
      await expect(form.getByLabel(t.questionEditor.key, { exact: true })).toHaveValue("");
      await form.getByLabel(t.questionEditor.key, { exact: true }).fill(key);
      await form.getByLabel(t.questionEditor.type, { exact: true }).selectOption(type);
      await form.getByLabel(t.questionEditor.step, { exact: true }).selectOption("questions");
      for (const locale of ["fr", "en", "ar"] as const) {
        await form
          .getByRole("group", { name: t.callAdmin.textsIn[locale], exact: true })
          .getByLabel(t.questionEditor.label, { exact: true })
          .fill(labels[locale]);
      }
      await form.getByRole("checkbox", { name: t.questionEditor.required, exact: true }).check();
      await more();
      await form.getByRole("button", { name: t.questionEditor.add, exact: true }).click();
      await expect(success(admin, t.questionEditor.questionAdded)).toBeVisible();
    };
    await addQuestion("has_plan", "YES_NO", hasPlan, async () => {});
    await addQuestion("business_plan", "PDF", businessPlan, async () => {
      await form.getByLabel(t.questionEditor.maxMegabytes, { exact: true }).fill("2");
      await form.getByLabel(t.questionEditor.conditionQuestion, { exact: true }).selectOption("has_plan");
      await form.getByLabel(t.questionEditor.conditionEquals, { exact: true }).selectOption("yes");
    });
    await open(admin, callPath());
  });

  const openCall = () => admin.getByRole("button", { name: t.callAdmin.actions.open, exact: true }).click();
  const refusedToOpen = () => admin.getByRole("alert").filter({ hasText: t.callAdmin.needsRubricAndCohort });

  await test.step("opening is refused without a rubric and a cohort", async () => {
    await openCall();
    await expect(refusedToOpen()).toBeVisible();
    await expect(admin.locator("h1 + p")).toContainText(t.callAdmin.status.DRAFT);
    await expectNoSeriousA11yViolations(admin, "a call refused to open");
  });

  await test.step("the admin adds a criterion in three languages, with five anchors each", async () => {
    const criterion = formGroup(admin, t.callAdmin.newCriterion);
    await criterion.getByLabel(t.callAdmin.criterionKey, { exact: true }).fill("impact");
    await criterion.getByLabel(t.callAdmin.weight, { exact: true }).fill("100");
    const copy = {
      fr: { label: "Impact", anchors: ["Aucun impact", "Impact faible", "Impact moyen", "Impact fort", "Impact exceptionnel"] },
      en: { label: "Impact", anchors: ["No impact", "Low impact", "Some impact", "Strong impact", "Outstanding impact"] },
      ar: { label: "الأثر", anchors: ["لا أثر", "أثر ضعيف", "أثر متوسط", "أثر قوي", "أثر استثنائي"] },
    } as const;
    for (const locale of ["fr", "en", "ar"] as const) {
      const language = criterion.getByRole("group", { name: t.language[locale], exact: true });
      await language.getByLabel(t.callAdmin.criterionLabel, { exact: true }).fill(copy[locale].label);
      for (const [index, anchor] of copy[locale].anchors.entries()) {
        await language.getByLabel(interpolate(t.callAdmin.anchor, { score: index + 1 }), { exact: true }).fill(anchor);
      }
    }
    await criterion.getByRole("button", { name: t.account.save, exact: true }).click();
    await expect(success(admin, t.account.saved)).toBeVisible();
    await expect(admin.getByText(interpolate(t.callAdmin.totalWeight, { total: 100 }), { exact: true })).toBeVisible();
    await expect(formGroup(admin, copy.fr.label)).toBeVisible();

    // Still no cohort: still refused.
    await openCall();
    await expect(refusedToOpen()).toBeVisible();
  });

  await test.step("the admin adds a cohort at an open site, then opens the call", async () => {
    const cohort = formGroup(admin, t.callAdmin.newCohort);
    await cohort.getByLabel(t.sites.name, { exact: true }).selectOption({ label: call.cohort.site });
    await cohort.getByLabel(t.callAdmin.cohortName, { exact: true }).fill(call.cohort.name);
    await cohort.getByLabel(t.callAdmin.startsAt, { exact: true }).fill(call.cohort.startsAt);
    await cohort.getByLabel(t.callAdmin.capacity, { exact: true }).fill("1");
    await cohort.getByRole("button", { name: t.account.save, exact: true }).click();
    await expect(success(admin, t.account.saved)).toBeVisible();
    const rosterLink = admin.getByRole("link", { name: interpolate(t.roster.linkFor, { name: call.cohort.name }), exact: true });
    await expect(rosterLink).toBeVisible();
    cohortId = (await rosterLink.getAttribute("href"))?.split("/").pop() ?? "";
    expect(cohortId, "the cohort's id").not.toBe("");

    await openCall();
    await expect(success(admin, t.callAdmin.changed.open)).toBeVisible();
    await expect(admin.locator("h1 + p")).toContainText(t.callAdmin.status.OPEN);
    await expect(admin.getByRole("button", { name: t.callAdmin.actions.close, exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(admin, "an open call with its rubric and cohort");
  });

  await test.step("each reader gets the call in their language; the Arabic reader, its French title marked and left to right", async () => {
    const reader = await newPage(browser);
    await open(reader, `/calls/${callSlug}`);
    await expect(reader.getByRole("heading", { level: 1, name: call.title, exact: true })).toBeVisible();
    await switchLanguage(reader, "en");
    await expect(reader.getByRole("heading", { level: 1, name: call.titleEn, exact: true })).toBeVisible();
    await switchLanguage(reader, "ar");
    const heading = reader.getByRole("heading", { level: 1 });
    await expect(heading).toHaveText(`${call.title} (${catalogs.ar.calls.inFrench})`);
    const french = heading.locator("span[lang=fr]");
    await expect(french).toHaveText(call.title);
    await expect(french).toHaveAttribute("dir", "ltr");
    expect(await french.evaluate((element) => getComputedStyle(element).direction)).toBe("ltr");
    expect(await heading.evaluate((element) => getComputedStyle(element).direction)).toBe("rtl");
    // No description in Arabic either: the French one, marked the same way.
    await expect(reader.getByRole("main").locator("h1 + p span[lang=fr]")).toHaveText(call.description);
    await expectNoSeriousA11yViolations(reader, "a call page in Arabic with French texts");
    await reader.context().close();
  });

  // The founder keeps this browser to the end: the offer link is followed in it.
  const applicant = await newPage(browser);

  await test.step("a new founder signs up and applies to the call through the wizard", async () => {
    await open(applicant, `/calls/${callSlug}`);
    await expect(applicant.getByRole("heading", { level: 1, name: call.title, exact: true })).toBeVisible();
    await expect(applicant.getByRole("region", { name: t.calls.sitesTitle, exact: true })).toContainText(call.cohort.name);
    await applicant.getByRole("main").getByRole("link", { name: t.calls.apply, exact: true }).click();
    await expect(applicant).toHaveURL(/\/login\?/);
    await applicant.getByRole("main").getByRole("link", { name: t.nav.signup, exact: true }).click();
    await expect(applicant.getByRole("heading", { level: 1, name: t.auth.signupTitle, exact: true })).toBeVisible();
    await submitSignup(applicant, founder);
    await confirmStartApplication(applicant);
    await expect(applicant.getByRole("heading", { level: 1, name: `${t.apply.title} — ${call.title}`, exact: true })).toBeVisible();
    applicationId = new URL(applicant.url()).pathname.split("/")[3];

    const next = async (step: keyof typeof t.apply.steps) => {
      await applicant.getByRole("button", { name: t.apply.continue, exact: true }).click();
      await expect(applicant).toHaveURL(new RegExp(`/edit/${step}$`));
    };
    for (const [field, value] of Object.entries(project))
      await applicant.getByLabel(t.apply.fields[field as keyof typeof project], { exact: true }).fill(value);
    await applicant.getByRole("radio", { name: t.apply.stages.PROTOTYPE, exact: true }).check();
    await next("team");
    await applicant
      .getByRole("group", { name: t.apply.team.founder, exact: true })
      .getByLabel(t.apply.team.role, { exact: true })
      .fill("Directrice générale");
    await next("site");
    await applicant.getByRole("radio", { name: t.sectors.GREEN_TECH, exact: true }).check();
    await applicant.getByLabel(t.apply.fields.preferredSite, { exact: true }).selectOption({ label: call.cohort.site });
    await next("questions");
    // The call's own questions: Continue refuses to go on without an answer, said beside the question; the file
    // question shows once "yes" is ticked, before anything is saved, and takes its file at once (within the
    // autosave's delay: the answer that shows the question is saved first, or the server would not know it).
    const planQuestion = applicant.getByRole("group", { name: hasPlan.fr, exact: true });
    const planFile = applicant.getByLabel(businessPlan.fr, { exact: true });
    await expect(planFile).toBeHidden();
    await applicant.getByRole("button", { name: t.apply.continue, exact: true }).click();
    await expect(planQuestion).toHaveAccessibleDescription(new RegExp(escapeRegExp(t.questions.required)));
    await expect(applicant).toHaveURL(/\/edit\/questions$/);
    await planQuestion.getByRole("radio", { name: t.questions.yes, exact: true }).check();
    await expect(planFile).toBeVisible();
    await planFile.setInputFiles({ name: "plan-oasis.pdf", mimeType: "application/pdf", buffer: tinyPdf(`Plan ${project.projectName}`) });
    await applicant.getByRole("main").getByRole("button", { name: t.apply.documents.upload, exact: true }).click();
    await expect(applicant.getByRole("main").getByRole("link", { name: "plan-oasis.pdf", exact: true })).toBeVisible();
    await expect(applicant).toHaveURL(/\/edit\/questions$/);
    await expectNoSeriousA11yViolations(applicant, "the call's questions step with a file question answered");
    await next("documents");
    const deck = applicant.getByRole("region", { name: t.apply.documents.deckTitle, exact: true });
    await deck
      .getByLabel(t.apply.documents.chooseDeck, { exact: true })
      .setInputFiles({ name: "oasis-solaire.pdf", mimeType: "application/pdf", buffer: tinyPdf(project.projectName) });
    await deck.getByRole("button", { name: t.apply.documents.upload, exact: true }).click();
    await expect(deck.getByRole("link", { name: "oasis-solaire.pdf", exact: true })).toBeVisible();
    await applicant.getByRole("main").getByRole("link", { name: t.apply.continue, exact: true }).click();
    await expect(applicant).toHaveURL(/\/edit\/review$/);
    await applicant.getByRole("checkbox", { name: t.apply.consent, exact: true }).check();
    await applicant.getByRole("button", { name: t.apply.submit, exact: true }).click();
    await expect(applicant).toHaveURL(new RegExp(`/founder/applications/${applicationId}$`));
    // Said in the shell's live region (the flash), not by a query flag.
    await expect(applicant.locator("#flash[role=status]")).toHaveText(t.apply.submittedMessage);

    // The confirmation left over SMTP too.
    await waitForSinkEmail(SMTP_E2E.sinkURL, {
      to: founder.email,
      subject: emailSubject("application-submitted", "fr", { projectName: project.projectName }),
    });
  });

  await test.step("the admin screens the application eligible", async () => {
    await open(admin, `/admin/screening?call=${callSlug}`);
    await expect(admin.getByRole("heading", { level: 1, name: t.staffNav.admin.screening, exact: true })).toBeVisible();
    await expect(admin.getByLabel(t.admin.call, { exact: true })).toHaveValue(callSlug);
    const card = admin
      .getByRole("listitem")
      .filter({ has: admin.getByRole("heading", { level: 2 }).getByRole("link", { name: project.projectName, exact: true }) });
    await expect(card).toContainText(t.statuses.SUBMITTED);
    await expectNoSeriousA11yViolations(admin, "the screening queue of the call");
    for (const criterion of [t.screening.complete, t.screening.sectorFit, t.screening.siteFit]) {
      await card.getByRole("checkbox", { name: criterion, exact: true }).check();
    }
    await card.getByRole("button", { name: t.screening.eligible, exact: true }).click();
    await expect(success(admin, t.screening.movedToReview)).toBeVisible();
    await expect(card).toHaveCount(0);
  });

  await test.step("the admin runs the assignment and finds the reviewer", async () => {
    await open(admin, `/admin/applications?call=${callSlug}`);
    const table = admin.getByRole("table", { name: t.staffNav.admin.applications, exact: true });
    await expect(table.getByRole("row")).toHaveCount(2); // header + this call's one application
    await expect(table.getByRole("row").filter({ hasText: project.projectName })).toContainText(t.statuses.REVIEW);
    await admin.getByRole("button", { name: t.assignments.run, exact: true }).click();
    await expect(success(admin, interpolate(t.assignments.report, { count: 1 }))).toBeVisible();
    await expectNoSeriousA11yViolations(admin, "the call's applications with the assignment report");

    await table.getByRole("link", { name: project.projectName, exact: true }).click();
    await expect(admin).toHaveURL(new RegExp(`/admin/applications/${applicationId}$`));
    const rows = admin.getByRole("table", { name: t.admin.reviewsPerCriterion }).locator("tbody").getByRole("row");
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText(t.assignments.status.PENDING);
    const reviewerName = ((await rows.getByRole("rowheader").evaluate((cell) => cell.firstChild?.textContent ?? "")) || "").trim();
    expect(reviewerName, "the assigned reviewer's name").not.toBe("");
    await expectNoSeriousA11yViolations(admin, "an application page in review");

    await open(admin, "/admin/reviewers");
    const reviewerRow = admin
      .getByRole("table", { name: t.reviewers.title })
      .getByRole("row")
      .filter({ has: admin.getByRole("link", { name: reviewerName, exact: true }) });
    reviewerEmail = ((await reviewerRow.locator("small").first().textContent()) ?? "").trim();
    expect(reviewerEmail, `the login of ${reviewerName}`).toMatch(/^reviewer\d+@/);
    await expectNoSeriousA11yViolations(admin, "the reviewers list");
  });

  await test.step("the reviewer scores every criterion and submits", async () => {
    const reviewer = await newPage(browser);
    await signIn(reviewer, reviewerEmail, SMTP_E2E.appURL);
    await open(reviewer, "/reviewer");
    // The reviewer reads the platform in the language of their account (the demo's are not all French).
    const rt = await ui(reviewer);
    await reviewer
      .getByRole("table", { name: rt.review.todo, exact: true })
      .getByRole("link", { name: project.projectName, exact: true })
      .click();
    await expect(reviewer).toHaveURL(/\/reviewer\/assignments\/[^/]+$/);
    await expect(reviewer.getByRole("heading", { level: 1, name: project.projectName, exact: true })).toBeVisible();
    // The file answering the call's question, under a neutral name in blind review.
    const answers = reviewer.getByRole("region", { name: rt.answersView.title, exact: true });
    await expect(answers).toContainText(businessPlan[(await currentLocale(reviewer)) as keyof typeof businessPlan]);
    await expect(answers.getByRole("link", { name: rt.answersView.file, exact: true })).toHaveAttribute("href", /^\/files\//);
    await expect(reviewer.getByRole("main")).not.toContainText("plan-oasis.pdf");
    // Blind review: the team's identity is hidden.
    await expect(reviewer.getByRole("main")).not.toContainText(founder.email);
    await expect(reviewer.getByRole("main")).not.toContainText(founder.name);
    const groups = reviewer.getByRole("group", {
      name: new RegExp(`\\(${escapeRegExp(interpolate(rt.review.weight, { weight: 100 }))}\\)$`),
    });
    await expect(groups).toHaveCount(1);
    await groups.getByRole("radio", { name: /^4 — / }).check();
    await reviewer
      .getByRole("group", { name: rt.review.recommendation, exact: true })
      .getByRole("radio", { name: rt.review.recommendations.STRONG_YES, exact: true })
      .check();
    await reviewer.getByLabel(rt.review.privateComment, { exact: true }).fill("Impact fort sur l'eau, équipe crédible.");
    await reviewer.getByRole("button", { name: rt.review.submit, exact: true }).click();
    await expect(success(reviewer, rt.review.submitted)).toBeVisible();
  });

  await test.step("the admin sends the application to the selection committee", async () => {
    await open(admin, `/admin/applications/${applicationId}`);
    const rows = admin.getByRole("table", { name: t.admin.reviewsPerCriterion }).locator("tbody").getByRole("row");
    await expect(rows).toContainText(t.assignments.status.SUBMITTED);
    await expect(rows.getByRole("cell").first()).toHaveText("4");
    await admin.getByLabel(t.admin.transition, { exact: true }).selectOption({ label: t.transitions.sendToCommittee });
    await admin.getByRole("button", { name: t.admin.apply, exact: true }).click();
    await expect(success(admin, t.admin.moved)).toBeVisible();
    await expect(admin.locator("h1 + p").getByText(t.statuses.COMMITTEE, { exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(admin, "an application page in committee");
  });

  // The acceptance email as the admins word it (issue 18): the release sends their version.
  const acceptanceBody = (projectName: string) => `Bravo ${projectName} ! Une place vous attend dans la cohorte`;
  await test.step("the admin words the French acceptance email", async () => {
    await open(admin, "/admin/emails/decision-accepted/fr");
    await admin.getByLabel(t.emailTemplates.subject, { exact: true }).fill("Votre place : {{projectName}}");
    await admin
      .getByLabel(t.emailTemplates.body, { exact: true })
      .fill(
        "Bravo {{projectName}} ! Une place vous attend dans la cohorte {{cohortName}}.\n\nRépondez avant le {{deadline}} :\n{{offerUrl}}",
      );
    await admin.getByRole("button", { name: t.emailTemplates.save, exact: true }).click();
    await expect(success(admin, t.emailTemplates.saved.split("{{")[0].trim())).toBeVisible();
  });

  await test.step("the admin confirms the allocation and releases the decisions", async () => {
    await open(admin, callPath());
    await admin.getByRole("link", { name: t.allocation.title, exact: true }).click();
    await expect(admin).toHaveURL(new RegExp(`${callPath()}/allocation$`));
    await expect(admin.getByRole("heading", { level: 1, name: t.allocation.title, exact: true })).toBeVisible();
    const preview = admin.getByRole("table", { name: interpolate(t.allocation.preview, { count: 1 }), exact: true });
    const row = preview.getByRole("row").filter({ has: admin.getByRole("link", { name: project.projectName, exact: true }) });
    await expect(row).toContainText(`${t.statuses.ACCEPTED} — ${call.cohort.name} (${call.cohort.site})`);
    await expect(row).toContainText(interpolate(t.allocation.reasons.PREFERRED, { rank: 1 }));
    await expectNoSeriousA11yViolations(admin, "the allocation preview");

    // A row's pin form opens on its own (one form on the page, not one per row), and closes again.
    const pinFor = interpolate(t.allocation.pinFor, { name: project.projectName });
    await expect(row.getByRole("combobox")).toHaveCount(0);
    await row.getByRole("link", { name: pinFor, exact: true }).click();
    await expect(admin).toHaveURL(new RegExp(`${callPath()}/allocation\\?pin=`));
    // The select the link opens (the link itself bears the same name until the new page renders).
    await expect(row.getByRole("combobox", { name: pinFor, exact: true })).toHaveValue("NONE");
    await expectNoSeriousA11yViolations(admin, "the allocation preview with a pin form open");
    await row.getByRole("link", { name: t.allocation.closePin, exact: true }).click();
    await expect(admin).toHaveURL(new RegExp(`${callPath()}/allocation$`));
    await expect(row.getByRole("combobox")).toHaveCount(0);

    const previewRelease = admin.getByRole("button", { name: t.allocation.previewRelease, exact: true });
    await expect(previewRelease).toBeDisabled();
    await admin.getByRole("button", { name: t.allocation.confirm, exact: true }).click();
    await expect(success(admin, interpolate(t.allocation.confirmed, { count: 1 }))).toBeVisible();
    await expect(admin.getByText(interpolate(t.allocation.releaseHelp, { count: 1 }), { exact: true })).toBeVisible();
    await expect(previewRelease).toBeEnabled();
    await expectNoSeriousA11yViolations(admin, "the allocation page with staged decisions");

    // Who will be emailed, before it happens: the founder, with the acceptance as the admin worded it.
    await previewRelease.click();
    const emails = admin.getByRole("region", { name: t.emailPreview.title, exact: true });
    await expect(emails.getByText(interpolate(t.emailPreview.count, { count: 1 }), { exact: true })).toBeVisible();
    await emails.getByText(interpolate(t.emailPreview.showRecipients, { count: 1 }), { exact: true }).click();
    await expect(emails.getByRole("table", { name: t.emailPreview.caption, exact: true })).toContainText(founder.email.toLowerCase());
    await expect(emails.getByRole("article").locator("strong")).toHaveText(
      new RegExp(`^Action requise : Votre place : ${project.projectName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} — avant le `),
    );
    await expect(emails.locator(".email-text")).toContainText(acceptanceBody(project.projectName));
    await expectNoSeriousA11yViolations(admin, "the release's emails previewed");

    // Nothing leaves before the release.
    const acceptance = /Votre place/;
    expect((await sinkEmails(SMTP_E2E.sinkURL, founder.email)).filter((email) => acceptance.test(email.subject))).toEqual([]);
    await admin.getByRole("button", { name: t.allocation.release, exact: true }).click();
    await expect(success(admin, interpolate(t.allocation.released, { count: 1 }))).toBeVisible();
    await expect(previewRelease).toBeDisabled();
  });

  let offerLink = "";
  let offerEmailText = "";
  await test.step("the acceptance email arrives over SMTP with the offer link", async () => {
    const email = await waitForSinkEmail(SMTP_E2E.sinkURL, {
      to: founder.email,
      subject: new RegExp(`^Action requise : Votre place : ${project.projectName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} — avant le .+$`),
    });
    expect(email.text).toContain(`${acceptanceBody(project.projectName)} ${call.cohort.name}.`);
    expect(email.to).toEqual([founder.email.toLowerCase()]);
    expect(email.from).toBe("no-reply@tremplin.ma");
    expect(email.text).toContain(project.projectName);
    expect(email.text).toContain(call.cohort.name);
    const links: string[] = email.text.match(/https?:\/\/[^\s[\]<>()]+\/founder\/applications\/[^\s/[\]<>()]+\/offer\b/g) ?? [];
    expect(links, `offer links in the plain text:\n${email.text}`).toEqual([
      `${SMTP_E2E.appURL}/founder/applications/${applicationId}/offer`,
    ]);
    // The HTML part carries the same link on its button.
    expect(email.html).toContain(`href="${links[0]}"`);
    offerLink = links[0] ?? "";
    offerEmailText = email.text;
  });

  await test.step("the admin brings back the default acceptance email", async () => {
    await open(admin, "/admin/emails/decision-accepted/fr");
    await admin.getByRole("button", { name: t.emailTemplates.reset, exact: true }).click();
    await expect(success(admin, t.emailTemplates.resetDone)).toBeVisible();
  });

  await test.step("the founder follows the link and accepts the seat", async () => {
    await open(applicant, offerLink);
    await expect(applicant).toHaveURL(offerLink);
    await expect(applicant.getByRole("heading", { level: 1, name: t.offer.title, exact: true })).toBeVisible();
    await expect(applicant.getByRole("main")).toContainText(project.projectName);
    await expect(applicant.getByRole("main")).toContainText(`${call.cohort.name} — ${call.cohort.site}`);
    // The answer's deadline reads on the page exactly as in the email (one formatter, on the server, Casablanca time).
    const respondBy = ((await applicant.locator("dd time[datetime]").textContent()) ?? "").replace(/\s+/g, " ");
    expect(respondBy).toMatch(/\d{2}:\d{2}/);
    expect(offerEmailText.replace(/\s+/g, " ")).toContain(respondBy);
    await applicant.getByRole("button", { name: t.offer.accept, exact: true }).click();
    await expect(success(applicant, t.offer.status.ACCEPTED)).toBeVisible();
    await expect(applicant.getByRole("button", { name: t.offer.accept, exact: true })).toHaveCount(0);
    await applicant.reload();
    await expect(success(applicant, t.offer.status.ACCEPTED)).toBeVisible();

    await open(applicant, `/founder/applications/${applicationId}`);
    await expect(applicant.locator("p").filter({ hasText: t.timeline.next.ENROLLED })).toContainText(t.statuses.ENROLLED);
    await waitForSinkEmail(SMTP_E2E.sinkURL, {
      to: founder.email,
      subject: emailSubject("enrollment-confirmed", "fr", { cohortName: call.cohort.name }),
    });
  });

  await test.step("the admin finds the project on the cohort's roster", async () => {
    await open(admin, callPath());
    await admin.getByRole("link", { name: interpolate(t.roster.linkFor, { name: call.cohort.name }), exact: true }).click();
    await expect(admin).toHaveURL(new RegExp(`/admin/cohorts/${cohortId}$`));
    await expect(
      admin.getByRole("heading", { level: 1, name: `${t.roster.title} — ${call.cohort.name} (${call.cohort.site})`, exact: true }),
    ).toBeVisible();
    await expect(admin.getByText(interpolate(t.roster.count, { count: 1, capacity: 1 }))).toBeVisible();
    const roster = admin.getByRole("table", { name: t.roster.title, exact: true });
    const rows = roster.locator("tbody").getByRole("row");
    await expect(rows).toHaveCount(1);
    await expect(rows.getByRole("link", { name: project.projectName, exact: true })).toHaveAttribute(
      "href",
      `/admin/applications/${applicationId}`,
    );
    await expect(rows).toContainText(t.statuses.ENROLLED);
    await expect(rows).toContainText(t.sectors.GREEN_TECH);
    await expect(rows).toContainText(founder.email);
    await expectNoSeriousA11yViolations(admin, "the cohort roster");
  });

  await test.step("the call's CSV export downloads with the enrolled application", async () => {
    await open(admin, callPath());
    const downloading = admin.waitForEvent("download");
    await admin.getByRole("link", { name: t.dashboard.exportCsv, exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`applications-${callSlug}.csv`);
    const bytes = await fs.readFile(await download.path());
    expect([...bytes.subarray(0, 3)], "a UTF-8 byte order mark").toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...records] = parseCsv(bytes.subarray(3).toString("utf8"));
    for (const column of [
      "id",
      "rank",
      "project",
      "status",
      "sector",
      "preferred_site",
      "founder",
      "founder_email",
      "reviews",
      "raw_score",
    ]) {
      expect(header, "the CSV header").toContain(column);
    }
    expect(
      records.map((record) => record.length),
      "every row has the header's width",
    ).toEqual(records.map(() => header.length));
    const rows = records.map((record) => Object.fromEntries(header.map((column, index) => [column, record[index]])));
    expect(rows, "exactly this call's one application").toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: applicationId,
      project: project.projectName,
      status: "ENROLLED",
      sector: "GREEN_TECH",
      preferred_site: call.cohort.site,
      founder: founder.name,
      founder_email: founder.email.toLowerCase(),
      reviews: "1",
      raw_score: "4.000",
    });
  });

  await test.step("no email left the platform twice, whichever server's outbox worker sent it", async () => {
    const received = await sinkEmails(SMTP_E2E.sinkURL);
    const messageIds = received.map((email) => email.messageId);
    expect(messageIds.length).toBeGreaterThan(0);
    expect(messageIds.filter((id, index) => messageIds.indexOf(id) !== index)).toEqual([]);
  });

  if (SMTP_E2E.backendPorts.length > 0) {
    await test.step("the round ran across both app servers: each served pages and form posts", async () => {
      const response = await fetch(new URL(PROXY_SERVED_PATH, SMTP_E2E.appURL));
      const served = (await response.json()) as Array<{ port: number; requests: number; posts: number }>;
      expect(served.map((server) => server.port)).toEqual(SMTP_E2E.backendPorts);
      for (const server of served) {
        expect(server.requests, `requests served on port ${server.port}`).toBeGreaterThan(10);
        expect(server.posts, `form posts served on port ${server.port}`).toBeGreaterThan(3);
      }
    });
  }
});
