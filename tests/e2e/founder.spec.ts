// The founder's journey: from the landing page to a submitted application,
// through sign-up, the autosaved wizard, the pitch-deck upload and the review
// step; the confirmation email in the admin's local mailbox; a refused submit;
// the whole run in Arabic; and axe on every page of the way in each language.
import type { Browser, Locator, Page, Route } from "@playwright/test";
import { expect, test } from "./support.ts";
import { EMAIL_MESSAGES } from "../../emails/messages.ts";
import {
  catalogs,
  answerDemoChoice,
  containing,
  demoQuestion,
  DEMO,
  emailPlainText,
  emailSubject,
  expectAutosaved,
  expectNoSeriousA11yViolations,
  FRENCH_BROWSER,
  interpolate,
  signedInPage,
  signUpOverHttp,
  startApplicationOverHttp,
  open,
  openMailboxEmail,
  confirmStartApplication,
  submitSignup,
  switchLanguage,
  tinyPdf,
  uniqueEmail,
  waitForHydration,
  type Catalog,
  type Locale,
} from "./support.ts";

test.use(FRENCH_BROWSER);

type Site = { name: string; nameAr: string };
const CASABLANCA: Site = { name: "Casablanca", nameAr: "الدار البيضاء" };
const AGADIR: Site = { name: "Agadir", nameAr: "أكادير" };

type ApplicationData = {
  founder: { name: string; email: string; password: string; role: string };
  project: { projectName: string; tagline: string; problem: string; solution: string; market: string; traction: string };
  stage: keyof Catalog["apply"]["stages"];
  coFounder: { name: string; email: string; role: string };
  sector: keyof Catalog["sectors"];
  preferredSite: Site;
  alternateSite: Site;
  deckName: string;
};

function frenchApplication(): ApplicationData {
  return {
    founder: { name: "Salma Idrissi", email: uniqueEmail("salma"), password: "argan-oil-2026", role: "Directrice générale" },
    project: {
      projectName: "Atlas Irrigation",
      tagline: "Des capteurs solaires qui arrosent juste ce qu'il faut.",
      problem: "Les petites exploitations du Souss perdent jusqu'à 40 % de leur eau d'irrigation faute de mesurer l'humidité des sols.",
      solution:
        "Des capteurs solaires à bas coût et une alerte SMS qui déclenchent le goutte-à-goutte au bon moment, parcelle par parcelle.",
      market:
        "Plus de 200 000 exploitations irriguées au Maroc, puis l'Afrique de l'Ouest ; les solutions importées coûtent dix fois plus cher.",
      traction: "Pilote sur 12 fermes à Taroudant et 3 coopératives clientes payantes.",
    },
    stage: "PROTOTYPE",
    coFounder: { name: "Karim Benali", email: uniqueEmail("karim"), role: "Directeur technique" },
    sector: "GREEN_TECH",
    preferredSite: AGADIR,
    alternateSite: CASABLANCA,
    deckName: "atlas-irrigation-pitch.pdf",
  };
}

function arabicApplication(): ApplicationData {
  return {
    founder: { name: "سلمى الإدريسي", email: uniqueEmail("salma-ar"), password: "argan-oil-2026", role: "المديرة العامة" },
    project: {
      projectName: "أطلس للري",
      tagline: "مستشعرات شمسية تسقي بالقدر اللازم فقط.",
      problem: "تفقد الضيعات الصغيرة في سوس ما يصل إلى أربعين في المائة من مياه الري لأنها لا تقيس رطوبة التربة.",
      solution: "مستشعرات شمسية منخفضة التكلفة ورسائل نصية تشغل الري بالتنقيط في الوقت المناسب لكل قطعة أرض.",
      market: "أكثر من مائتي ألف ضيعة مسقية في المغرب ثم غرب إفريقيا، والحلول المستوردة أغلى بعشر مرات.",
      traction: "تجربة في اثنتي عشرة ضيعة في تارودانت وثلاث تعاونيات زبونة.",
    },
    stage: "MVP",
    coFounder: { name: "كريم بنعلي", email: uniqueEmail("karim-ar"), role: "المدير التقني" },
    sector: "GREEN_TECH",
    preferredSite: CASABLANCA,
    alternateSite: AGADIR,
    deckName: "atlas-pitch.pdf",
  };
}

function englishApplication(): ApplicationData {
  return {
    founder: { name: "Omar Tazi", email: uniqueEmail("omar"), password: "medina-maps-2026", role: "Chief executive" },
    project: {
      projectName: "Medina Maps",
      tagline: "Indoor maps of the old medinas for visitors and shops.",
      problem: "Visitors get lost in the medinas of Fès and Marrakech, and small artisans there are invisible to online search and maps.",
      solution: "A crowd-sourced map of alleys and workshops with offline turn-by-turn directions and a listing for each artisan.",
      market: "Thirteen million tourists a year in Morocco and thousands of artisans; no mapping service covers the medinas well.",
      traction: "4,000 monthly users and 150 listed workshops in Fès.",
    },
    stage: "REVENUE",
    coFounder: { name: "Nadia Alaoui", email: uniqueEmail("nadia"), role: "Product lead" },
    sector: "CULTURAL_INDUSTRIES",
    preferredSite: CASABLANCA,
    alternateSite: AGADIR,
    deckName: "medina-maps.pdf",
  };
}

const siteLabel = (site: Site, locale: Locale) => (locale === "ar" ? site.nameAr : site.name);

type Journey = {
  page: Page;
  locale: Locale;
  app: ApplicationData;
  /** Reload the project step once half of it is typed and autosaved, and find it all again. */
  reloadMidway?: boolean;
  /** Called on every page of the way (e.g. to run axe), with a name for the page. */
  onPage?: (name: string) => Promise<void>;
  /**
   * The founder has an account already and is signed in (made over HTTP, `signUpOverHttp`):
   * Apply goes straight to the Apply page, without the login and sign-up pages, which the
   * other journeys go through.
   */
  signedUp?: boolean;
};

/** Landing → call page → Apply → login → sign-up (unless `signedUp`) → the wizard's first step. Returns the application's base path. */
async function newcomerReachesTheWizard({ page, locale, app, onPage, signedUp }: Journey): Promise<string> {
  const t = catalogs[locale];
  const html = page.locator("html");
  await open(page, "/");
  if (locale !== "fr") await switchLanguage(page, locale);
  await expect(html).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");

  const callLink = page.getByRole("region", { name: t.landing.callsTitle, exact: true }).getByRole("link").first();
  const callTitle = (await callLink.textContent())?.trim() ?? "";
  expect(callTitle).not.toBe("");
  await callLink.click();
  await expect(page).toHaveURL(/\/calls\/cohorte-\d{4}$/);
  const callPath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name: callTitle, exact: true })).toBeVisible();
  await onPage?.(`call page ${callPath}`);

  await page.getByRole("main").getByRole("link", { name: t.calls.apply, exact: true }).click();
  if (!signedUp) {
    const redirectTo = new URLSearchParams({ redirectTo: `${callPath}/apply` }).toString();
    await expect(page).toHaveURL(new RegExp(`/login\\?${redirectTo.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
    await expect(page.getByRole("heading", { level: 1, name: t.auth.loginTitle, exact: true })).toBeVisible();

    // The login page's sign-up link keeps where the founder was going.
    await page.getByRole("main").getByRole("link", { name: t.nav.signup, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/signup\\?${redirectTo.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
    await expect(page.getByRole("heading", { level: 1, name: t.auth.signupTitle, exact: true })).toBeVisible();
    await submitSignup(page, app.founder);
  }

  await expect(page).toHaveURL(new RegExp(`${callPath}/apply$`));
  await onPage?.(`apply page ${callPath}/apply`);
  await confirmStartApplication(page);
  await expect(html).toHaveAttribute("lang", locale);
  await expect(html).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
  await expect(page.getByRole("heading", { level: 1, name: `${t.apply.title} — ${callTitle}`, exact: true })).toBeVisible();
  return new URL(page.url()).pathname.replace(/\/edit\/project$/, "");
}

/** The step links, with the current one marked. */
async function expectCurrentStep(page: Page, t: Catalog, step: keyof Catalog["apply"]["steps"]) {
  const nav = page.getByRole("navigation", { name: t.apply.stepsLabel, exact: true });
  await expect(nav.locator('[aria-current="step"]')).toHaveCount(1);
  await expect(nav.locator('[aria-current="step"]')).toContainText(t.apply.steps[step]);
  await expect(page.getByRole("heading", { level: 2, name: t.apply.steps[step], exact: true })).toBeVisible();
}

async function continueTo(page: Page, t: Catalog, base: string, step: keyof Catalog["apply"]["steps"]) {
  await page.getByRole("button", { name: t.apply.continue, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/edit/${step}$`));
  await expectCurrentStep(page, t, step);
}

/** Fills every step, uploads the deck, reviews and submits. Returns the application's base path. */
async function completeApplication(journey: Journey): Promise<string> {
  const { page, locale, app, reloadMidway, onPage } = journey;
  const t = catalogs[locale];
  const base = await newcomerReachesTheWizard(journey);

  // ── Project ──
  await expectCurrentStep(page, t, "project");
  await onPage?.("wizard: project");
  const field = (name: keyof ApplicationData["project"]) => page.getByLabel(t.apply.fields[name], { exact: true });
  const fill = async (names: Array<keyof ApplicationData["project"]>) => {
    for (const name of names) await field(name).fill(app.project[name]);
  };
  const stageRadio = page.getByRole("radio", { name: t.apply.stages[app.stage], exact: true });
  if (reloadMidway) {
    await fill(["projectName", "tagline", "problem", "solution"]);
    await expectAutosaved(page);
    await page.reload();
    await waitForHydration(page);
    await expectCurrentStep(page, t, "project");
    for (const name of ["projectName", "tagline", "problem", "solution"] as const) await expect(field(name)).toHaveValue(app.project[name]);
    for (const name of ["market", "traction"] as const) await expect(field(name)).toHaveValue("");
    await fill(["market", "traction"]);
    await stageRadio.check();
    await expectAutosaved(page);
    await page.reload();
    await waitForHydration(page);
    for (const name of Object.keys(app.project) as Array<keyof ApplicationData["project"]>)
      await expect(field(name)).toHaveValue(app.project[name]);
    await expect(stageRadio).toBeChecked();
  } else {
    await fill(Object.keys(app.project) as Array<keyof ApplicationData["project"]>);
    await stageRadio.check();
  }
  await continueTo(page, t, base, "team");

  // ── Team ──
  const founderGroup = page.getByRole("group", { name: t.apply.team.founder, exact: true });
  await expect(founderGroup.getByLabel(t.auth.name, { exact: true })).toHaveValue(app.founder.name);
  await expect(founderGroup.getByLabel(t.auth.email, { exact: true })).toHaveValue(app.founder.email);
  await founderGroup.getByLabel(t.apply.team.role, { exact: true }).fill(app.founder.role);
  await page.getByRole("button", { name: t.apply.team.add, exact: true }).click();
  const coFounderGroup = page.getByRole("group", { name: interpolate(t.apply.team.coFounder, { number: 1 }), exact: true });
  await coFounderGroup.getByLabel(t.auth.name, { exact: true }).fill(app.coFounder.name);
  await coFounderGroup.getByLabel(t.auth.email, { exact: true }).fill(app.coFounder.email);
  await coFounderGroup.getByLabel(t.apply.team.role, { exact: true }).fill(app.coFounder.role);
  await expectAutosaved(page);
  await onPage?.("wizard: team");
  await continueTo(page, t, base, "site");

  // ── Sector and site ──
  await page.getByRole("radio", { name: t.sectors[app.sector], exact: true }).check();
  await page.getByLabel(t.apply.fields.preferredSite, { exact: true }).selectOption({ label: siteLabel(app.preferredSite, locale) });
  await page.getByLabel(t.apply.fields.alternateSite, { exact: true }).selectOption({ label: siteLabel(app.alternateSite, locale) });
  await expectAutosaved(page);
  await onPage?.("wizard: site");
  await continueTo(page, t, base, "questions");

  // ── The call's own questions (the demo call's: prisma/seed/demo-questions.ts) ──
  // Continue checks the answers first, in the browser, with the action's own schema: nothing is posted.
  await page.getByRole("button", { name: t.apply.continue, exact: true }).click();
  await expect(page.getByRole("group", { name: demoQuestion("maturity").label[locale] ?? "", exact: true })).toHaveAccessibleDescription(
    containing(t.questions.required),
  );
  await expect(page).toHaveURL(new RegExp(`${base}/edit/questions$`));
  const maturity = demoQuestion("maturity");
  const prototype = maturity.type === "SINGLE_CHOICE" ? maturity.choices.find((choice) => choice.value === "prototype") : undefined;
  await answerDemoChoice(page, "maturity", prototype?.label[locale] ?? "");
  // A conditional question shows as soon as the answer it hangs on is given, and goes with it: decided in
  // the browser, with the autosave held back so that no save (and no new page data) can be what shows it.
  const prototypeLink = page.getByRole("textbox", { name: demoQuestion("prototype_url").label[locale] ?? "" });
  await expect(prototypeLink).toBeHidden();
  const heldSaves: Route[] = [];
  await page.route("**/autosave", (route) => void heldSaves.push(route));
  await answerDemoChoice(page, "has_prototype", t.questions.yes);
  await expect(prototypeLink).toBeVisible();
  await answerDemoChoice(page, "has_prototype", t.questions.no);
  await expect(prototypeLink).toBeHidden();
  await page.unroute("**/autosave");
  for (const route of heldSaves) await route.continue();
  await expectAutosaved(page);
  await onPage?.("wizard: questions");
  await continueTo(page, t, base, "documents");

  // ── Documents ──
  const deck = page.getByRole("region", { name: t.apply.documents.deckTitle, exact: true });
  await expect(deck.getByText(t.apply.documents.noDeck, { exact: true })).toBeVisible();
  await onPage?.("wizard: documents (empty)");
  await deck
    .getByLabel(t.apply.documents.chooseDeck, { exact: true })
    .setInputFiles({ name: app.deckName, mimeType: "application/pdf", buffer: tinyPdf() });
  await deck.getByRole("button", { name: t.apply.documents.upload, exact: true }).click();
  await expect(deck.getByRole("link", { name: app.deckName, exact: true })).toBeVisible();
  await expect(deck.getByText(t.apply.documents.noDeck, { exact: true })).toHaveCount(0);
  await expect(deck.getByLabel(t.apply.documents.replaceDeck, { exact: true })).toBeAttached();
  await expect(page).toHaveURL(new RegExp(`${base}/edit/documents$`));
  await onPage?.("wizard: documents (deck uploaded)");
  await page.getByRole("main").getByRole("link", { name: t.apply.continue, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/edit/review$`));
  await expectCurrentStep(page, t, "review");

  // ── Review and submit ──
  const summary = (step: keyof Catalog["apply"]["steps"]) => page.getByRole("region", { name: t.apply.steps[step], exact: true });
  for (const value of Object.values(app.project)) await expect(summary("project")).toContainText(value);
  await expect(summary("project")).toContainText(t.apply.stages[app.stage]);
  for (const value of [app.founder.name, app.founder.role, app.coFounder.name, app.coFounder.email, app.coFounder.role]) {
    await expect(summary("team")).toContainText(value);
  }
  for (const value of [t.sectors[app.sector], siteLabel(app.preferredSite, locale), siteLabel(app.alternateSite, locale)]) {
    await expect(summary("site")).toContainText(value);
  }
  await expect(summary("documents")).toContainText(app.deckName);
  for (const step of ["project", "team", "site", "documents"] as const) {
    await expect(
      summary(step).getByRole("link", { name: interpolate(t.apply.editStep, { step: t.apply.steps[step] }), exact: true }),
    ).toHaveAttribute("href", `${base}/edit/${step}`);
  }
  await onPage?.("wizard: review");
  await page.getByRole("checkbox", { name: t.apply.consent, exact: true }).check();
  await page.getByRole("button", { name: t.apply.submit, exact: true }).click();

  // ── The application's overview ──
  await expect(page).toHaveURL(new RegExp(`${base}$`));
  await expect(page.getByRole("heading", { level: 1, name: app.project.projectName, exact: true })).toBeVisible();
  // Said once, in the shell's live region (the flash), in the page's language.
  await expect(page.locator("#flash[role=status]")).toHaveText(t.apply.submittedMessage);
  const timeline = page.getByRole("list").filter({ has: page.getByText(t.timeline.steps.submitted, { exact: true }) });
  const submittedStep = timeline.getByRole("listitem").filter({ has: page.getByText(t.timeline.steps.submitted, { exact: true }) });
  await expect(submittedStep).toHaveAttribute("aria-current", "step");
  await expect(submittedStep).toContainText(t.timeline.states.current);
  await expect(timeline.locator('[aria-current="step"]')).toHaveCount(1);
  const screeningStep = timeline.getByRole("listitem").filter({ has: page.getByText(t.timeline.steps.screening, { exact: true }) });
  await expect(screeningStep).toContainText(t.timeline.states.upcoming);
  // The status and what comes next, under the timeline.
  await expect(page.locator("p").filter({ hasText: t.timeline.next.SUBMITTED })).toContainText(t.statuses.SUBMITTED);
  await onPage?.("application overview (submitted)");
  return base;
}

/**
 * The `onPage` of a journey that runs axe on each of its pages (the call page, the Apply
 * page, every wizard step and the overview) and records their names in `visited`.
 */
function axeOnEveryPage(page: Page, locale: Locale, visited: string[]): (name: string) => Promise<void> {
  return async (name) => {
    visited.push(name);
    await expectNoSeriousA11yViolations(page, `${name} (${locale})`);
  };
}

/** Signs an admin in on a browser context of their own, so the founder's session stays untouched. */
function adminPage(browser: Browser): Promise<Page> {
  return signedInPage(browser, DEMO.admin);
}

/** The `application-submitted` email reaches the local mailbox, in the founder's language, linking to the application. */
async function expectConfirmationEmail(browser: Browser, app: ApplicationData, locale: Locale, base: string) {
  const admin = await adminPage(browser);
  try {
    const subject = emailSubject("application-submitted", locale, { projectName: app.project.projectName });
    await openMailboxEmail(admin, { to: app.founder.email, subject });
    const copy = EMAIL_MESSAGES[locale].templates["application-submitted"];
    await expect(admin.frameLocator("iframe").getByRole("heading", { name: copy.heading, exact: true })).toBeVisible();
    await expect(admin.frameLocator("iframe").getByRole("link", { name: copy.cta, exact: true })).toHaveAttribute(
      "href",
      new RegExp(`${base}$`),
    );
    const text = await emailPlainText(admin);
    expect(text).toContain(app.project.projectName);
    expect(text).toContain(base);
  } finally {
    await admin.context().close();
  }
}

// The journeys in French and Arabic run axe on every page they pass (as the English one below does):
// no serious accessibility violation on the call page, the Apply page, any wizard step or the overview.
test("a newcomer applies from the landing page: sign-up, autosaved wizard survives a reload, deck upload, submit, confirmation email; no serious accessibility violation on the way", async ({
  page,
  browser,
}) => {
  const app = frenchApplication();
  const visited: string[] = [];
  const base = await completeApplication({ page, locale: "fr", app, reloadMidway: true, onPage: axeOnEveryPage(page, "fr", visited) });
  expect(visited).toHaveLength(10);

  // The founder's dashboard lists the submitted application.
  await open(page, "/founder");
  await expect(page.getByRole("main").getByText(app.project.projectName)).toBeVisible();

  await expectConfirmationEmail(browser, app, "fr", base);
});

test("submitting an incomplete application sends the founder to the first step with the errors next to the fields", async ({ page }) => {
  const t = catalogs.fr;
  const app = frenchApplication();
  // The way to the wizard is the other journeys' subject: here a new founder's draft is started over HTTP.
  const { name, email, password } = app.founder;
  const { base } = await startApplicationOverHttp(page.context(), { name, email, password });
  await open(page, `${base}/edit/project`);
  await expectCurrentStep(page, t, "project");

  const projectName = page.getByLabel(t.apply.fields.projectName, { exact: true });
  await projectName.fill(app.project.projectName);
  await expectAutosaved(page);

  await page.getByRole("navigation", { name: t.apply.stepsLabel, exact: true }).getByRole("link", { name: t.apply.steps.review }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/edit/review$`));
  await expectCurrentStep(page, t, "review");

  // Without consent, the review step itself answers, next to the checkbox.
  const consent = page.getByRole("checkbox", { name: t.apply.consent, exact: true });
  await page.getByRole("button", { name: t.apply.submit, exact: true }).click();
  await expect(consent).toHaveAccessibleDescription(containing(t.errors.consentRequired));
  await expect(page.getByText(t.errors.consentRequired, { exact: true })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${base}/edit/review$`));
  await expectNoSeriousA11yViolations(page, "review step with the consent error");

  // With consent, the server checks everything and sends the founder to the first step with an error.
  await consent.check();
  await page.getByRole("button", { name: t.apply.submit, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/edit/project\\?check=1$`));
  await expectCurrentStep(page, t, "project");

  await expect(projectName).toHaveValue(app.project.projectName);
  await expect(projectName).toHaveAttribute("aria-invalid", "false");
  for (const name of ["tagline", "problem", "solution", "market", "traction"] as const) {
    const textarea = page.getByLabel(t.apply.fields[name], { exact: true });
    await expect(textarea, `${name} is flagged`).toHaveAttribute("aria-invalid", "true");
    await expect(textarea, `${name} is described by its error`).toHaveAccessibleDescription(containing(t.errors.textTooShort));
  }
  await expect(page.getByRole("group", { name: t.apply.fields.stage, exact: true })).toHaveAccessibleDescription(
    containing(t.errors.choose),
  );
  await expect(page.getByText(t.errors.textTooShort, { exact: true }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, "project step showing the errors of a refused submit");

  // Nothing was submitted.
  await page.getByRole("link", { name: t.apply.backToApplication, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${base}$`));
  await expect(page.getByText(t.apply.draftExplanation, { exact: true })).toBeVisible();
  await expect(page.getByText(t.apply.submittedMessage)).toHaveCount(0);
});

test("the whole application in Arabic, right to left, with the confirmation email in Arabic; no serious accessibility violation on the way", async ({
  page,
  browser,
}) => {
  const t = catalogs.ar;
  const app = arabicApplication();
  const visited: string[] = [];
  const axe = axeOnEveryPage(page, "ar", visited);
  const base = await completeApplication({
    page,
    locale: "ar",
    app,
    onPage: async (name) => {
      await expect(page.locator("html")).toHaveAttribute("lang", "ar");
      await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
      // The shell is in Arabic too, not only the page's own texts.
      await expect(page.getByRole("banner").getByText(t.brand.tagline, { exact: true })).toBeVisible();
      await axe(name);
    },
  });
  expect(visited).toHaveLength(10);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("#flash[role=status]")).toHaveText(t.apply.submittedMessage);
  await expect(page.locator("#flash")).toBeVisible();
  await expectConfirmationEmail(browser, app, "ar", base);
});

test("in the Arabic interface, French typed or shown reads left to right and Arabic right to left (dir=auto)", async ({ page }) => {
  const t = catalogs.ar;
  const app = frenchApplication();
  const { name, email, password } = app.founder;
  await signUpOverHttp(page.context(), { name, email, password });
  const direction = (locator: Locator) => locator.evaluate((element) => (element.matches(":dir(rtl)") ? "rtl" : "ltr"));
  const base = await newcomerReachesTheWizard({
    page,
    locale: "ar",
    app,
    signedUp: true,
    onPage: async (pageName) => {
      if (!pageName.startsWith("call page")) return;
      // The demo call is written in Arabic too: its title and description are shown in Arabic, right to left
      // (a call without an Arabic text: full-round.spec.ts).
      const texts = [
        [page.getByRole("heading", { level: 1 }), "دعوة للترشح"],
        [page.getByRole("main").locator("h1 + p"), "شبكة تكنوبارك"],
      ] as const;
      for (const [text, arabic] of texts) {
        await expect(text).toHaveAttribute("dir", "auto");
        await expect(text).toContainText(arabic);
        expect(await direction(text)).toBe("rtl");
      }
    },
  });
  expect(await direction(page.locator("html"))).toBe("rtl");
  const projectName = page.getByLabel(t.apply.fields.projectName, { exact: true });
  const tagline = page.getByLabel(t.apply.fields.tagline, { exact: true });
  await projectName.fill(app.project.projectName);
  await tagline.fill("مستشعرات شمسية تسقي بالقدر اللازم فقط.");
  expect(await direction(projectName)).toBe("ltr");
  expect(await direction(tagline)).toBe("rtl");
  const controls = await page.getByRole("main").locator("input:not([type]), input[type=text], input[type=email], textarea").all();
  expect(controls.length).toBeGreaterThanOrEqual(6);
  for (const control of controls) await expect(control).toHaveAttribute("dir", "auto");
  await expectAutosaved(page);

  // Shown back: the overview's heading is the French name, left to right in the Arabic page.
  await open(page, base);
  const heading = page.getByRole("heading", { level: 1, name: app.project.projectName, exact: true });
  await expect(heading).toHaveAttribute("dir", "auto");
  expect(await direction(heading)).toBe("ltr");
});

test("the call page, the Apply page, every wizard step and the overview in en have no serious accessibility violation", async ({
  page,
}) => {
  const visited: string[] = [];
  const app = englishApplication();
  // The way through the login and sign-up pages is the other journeys': this founder signs up over HTTP.
  const { name, email, password } = app.founder;
  await signUpOverHttp(page.context(), { name, email, password });
  await completeApplication({ page, locale: "en", app, signedUp: true, onPage: axeOnEveryPage(page, "en", visited) });
  expect(visited).toHaveLength(10);
});
