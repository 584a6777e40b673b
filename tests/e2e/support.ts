// Shared helpers for the end-to-end specs: translated labels, hydration,
// language switching, logging in and the accessibility check — and `test`,
// which every spec imports from here, with the page checks run on every page.
import AxeBuilder from "@axe-core/playwright";
import {
  test as base,
  expect,
  type APIResponse,
  type Browser,
  type BrowserContext,
  type Page,
  type Response,
  type TestInfo,
} from "@playwright/test";
import { catalogs } from "../../app/i18n/catalogs.ts";
import arStaff from "../../app/i18n/locales/ar-staff.ts";
import ar from "../../app/i18n/locales/ar.ts";
import enStaff from "../../app/i18n/locales/en-staff.ts";
import en from "../../app/i18n/locales/en.ts";
import frStaff from "../../app/i18n/locales/fr-staff.ts";
import fr from "../../app/i18n/locales/fr.ts";
import { DEMO_QUESTIONS } from "../../prisma/seed/demo-questions.ts";
import { UPLOAD_FIELD } from "../../app/storage/file-type.ts";
import { utcToZonedWallTime } from "../../app/domain/time.ts";
import { onePagePdf } from "../../prisma/sample-pdf.ts";
import { EMAIL_MESSAGES, interpolate as interpolateEmail, type EmailCatalog } from "../../emails/messages.ts";
import { E2E_DEMO_PASSWORD, E2E_DEMO_TOTP_SECRET } from "../../playwright.config.ts";
import { totpCode } from "../../app/domain/two-factor.ts";
import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { simpleParser } from "mailparser";
import { MAIN_SERVERS, SMTP_E2E } from "../../playwright.config.ts";

export { catalogs };
export type Locale = keyof typeof catalogs;
export type Catalog = (typeof catalogs)[Locale];
export const LOCALES = ["fr", "en", "ar"] as const satisfies readonly Locale[];

// ─── Checks on every page of every spec ──────────────────────────────────────

/** What React logs when the browser's render differs from the server's HTML (minified in production: #418, #423, #425). */
const HYDRATION_ERROR = /Minified React error #(418|419|422|423|425)\b|hydrat|did not match|server rendered HTML|server-rendered HTML/i;

/** Every key path of the catalogs (leaves and the objects above them), plural suffixes folded: what i18next shows for a key it cannot resolve. */
function catalogKeys(): string[] {
  const keys = new Set<string>();
  const walk = (node: unknown, path: string[]) => {
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const full = [...path, key];
      // Only dotted paths: a bare word ("title") is ordinary text.
      if (full.length > 1) keys.add(full.join(".").replace(/_(zero|one|two|few|many|other)$/, ""));
      walk(value, full);
    }
  };
  for (const catalog of [fr, en, ar, frStaff, enStaff, arStaff]) walk(catalog, []);
  return [...keys];
}

export type PageProblem = { url: string; kind: "hydration" | "raw key" | "empty interpolation"; text: string };

/**
 * Installed in every context a test opens (its `context`, and any from
 * `browser.newContext()`): reports, through a binding, every rendered text — the
 * document's text, title and labelling attributes, after each load and each
 * change of the DOM — that shows a raw translation key or an empty
 * interpolation. Runs in the page, so it needs only the key list.
 */
function textCheckScript({ keys }: { keys: string[] }) {
  const report = (kind: string, text: string) =>
    (window as unknown as { __tremplinPageProblem?: (kind: string, text: string) => void }).__tremplinPageProblem?.(kind, text);
  // Candidates are dotted words standing alone (not inside an address, a path or a longer word), looked up in the key set.
  const known = new Set(keys);
  const dotted = /(?<![\w@./:#-])[A-Za-z_][\w]*(?:\.[\w]+)+(?![\w@/-])/g;
  const emptyPatterns: Array<[RegExp, string]> = [
    [/\{\{|\}\}/, "{{ }}"],
    [/\([ \u00a0\u202f]*\)/, "( )"],
    [/[^\s(][ \u00a0\u202f]+\)/, "a space before “)”"],
    [/\(\s+[^\s)]/, "a space after “(”"],
    [/\bundefined\b|\bNaN\b|\[object Object\]/, "undefined/NaN"],
  ];
  const seen = new Set<string>();
  const excerpt = (text: string, index: number) => text.slice(Math.max(0, index - 60), index + 60).replace(/\s+/g, " ");
  const check = () => {
    if (!document.body) return;
    // What a page shows as literal placeholders on purpose (an email template's editor: the ones it offers, a
    // version's diff) is marked data-shows-placeholders and left out; any other "{{" is a missed interpolation.
    let bodyText = document.body.innerText;
    for (const literal of document.querySelectorAll<HTMLElement>("[data-shows-placeholders]")) {
      if (literal.innerText) bodyText = bodyText.replace(literal.innerText, " ");
    }
    const texts = [document.title, bodyText];
    for (const element of document.querySelectorAll("[aria-label], [placeholder], [title], img[alt]")) {
      for (const name of ["aria-label", "placeholder", "title", "alt"]) {
        const value = element.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    for (const text of texts) {
      for (const candidate of text.matchAll(dotted)) {
        if (!known.has(candidate[0])) continue;
        const found = `raw key|${excerpt(text, candidate.index ?? 0)}`;
        if (seen.has(found)) continue;
        seen.add(found);
        report("raw key", `“${candidate[0]}” in: ${excerpt(text, candidate.index ?? 0)}`);
      }
      for (const [pattern, label] of emptyPatterns) {
        const match = pattern.exec(text);
        if (!match) continue;
        const found = `empty|${excerpt(text, match.index)}`;
        if (seen.has(found)) continue;
        seen.add(found);
        report("empty interpolation", `${label} in: ${excerpt(text, match.index)}`);
      }
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(check, 100);
  };
  const start = () => {
    check();
    new MutationObserver(schedule).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ["aria-label", "placeholder", "title", "alt"],
    });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
}

async function watchContext(context: BrowserContext, problems: PageProblem[], keys: string[]): Promise<void> {
  const hydration = (url: string, text: string) => {
    if (HYDRATION_ERROR.test(text)) problems.push({ url, kind: "hydration", text });
  };
  context.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") hydration(message.page()?.url() ?? "", message.text());
  });
  context.on("weberror", (error) => hydration(error.page()?.url() ?? "", `${error.error().message}\n${error.error().stack ?? ""}`));
  await context.exposeBinding("__tremplinPageProblem", ({ frame }, kind: PageProblem["kind"], text: string) => {
    problems.push({ url: frame.url(), kind, text });
  });
  await context.addInitScript(textCheckScript, { keys });
}

/**
 * `test` for every spec: besides Playwright's own fixtures, an automatic one
 * that watches every page the test opens and fails the test when one logs a
 * React hydration error (#418/#423/#425, "Hydration…") or renders a raw
 * translation key or an empty interpolation ("{{", "(up to )").
 */
export const test = base.extend<{ pageChecks: PageProblem[] }>({
  // This worker's own main server (a spec may still `test.use` another baseURL).
  baseURL: async ({}, use, testInfo) => {
    await use(mainServer(testInfo).url);
  },
  pageChecks: [
    async ({ context, browser }, use, testInfo) => {
      const problems: PageProblem[] = [];
      const keys = catalogKeys();
      await watchContext(context, problems, keys);
      // Contexts the test opens itself (several users at once) are watched too.
      const newContext = browser.newContext;
      browser.newContext = async (...args: Parameters<typeof browser.newContext>) => {
        const opened = await newContext.apply(browser, args);
        await watchContext(opened, problems, keys);
        return opened;
      };
      try {
        await use(problems);
      } finally {
        browser.newContext = newContext;
      }
      const report = problems.map((p) => `[${p.kind}] ${p.url}\n    ${p.text.split("\n")[0]}`).join("\n");
      // A test that failed already says why; what the pages showed is attached to it, not a second failure.
      if (testInfo.status !== testInfo.expectedStatus) {
        if (problems.length > 0) await testInfo.attach("page problems", { body: report, contentType: "text/plain" });
        return;
      }
      expect(problems, `Problems on the pages this test visited:\n${report}`).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * The main app server of the worker running `testInfo` (playwright.config.ts starts
 * one per worker): its address and its folder (database, storage, mailbox).
 */
export function mainServer(testInfo: TestInfo = test.info()): (typeof MAIN_SERVERS)[number] {
  const server = MAIN_SERVERS[testInfo.parallelIndex];
  if (!server)
    throw new Error(
      `No app server for worker ${testInfo.parallelIndex}: run with at most E2E_WORKERS=${MAIN_SERVERS.length} workers (set E2E_WORKERS, not --workers)`,
    );
  return server;
}

/** A browser whose Accept-Language is French, like most of the network's applicants. */
export const FRENCH_BROWSER = { locale: "fr-MA" } as const;

// The demo accounts created by prisma/seed.ts (DEMO_ACCOUNTS), with the password the
// e2e servers are given (DEMO_PASSWORD in playwright.config.ts; elsewhere it is generated per install).
export const DEMO_PASSWORD = E2E_DEMO_PASSWORD;
export const DEMO = {
  admin: "admin@demo.tremplin.ma",
  reviewer: "reviewer1@jury.tremplin.ma",
  founder: "founder1@demo.tremplin.ma",
} as const;

/** Interpolates `{{name}}` placeholders the way i18next does. */
export function interpolate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));
}

/** A regular expression matching `text` literally, anywhere. */
export function containing(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}

/** A unique address per run, so sign-up works on any database. */
export function uniqueEmail(prefix = "founder"): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
}

/** The page's language, read from `<html lang>`. */
export async function currentLocale(page: Page): Promise<Locale> {
  const lang = await page.locator("html").getAttribute("lang");
  if (lang !== "fr" && lang !== "en" && lang !== "ar") throw new Error(`Unexpected <html lang="${lang}">`);
  return lang;
}

/** The catalog of the language the page is displayed in. */
export async function ui(page: Page): Promise<Catalog> {
  return catalogs[await currentLocale(page)];
}

/**
 * Resolves once React has hydrated the page: the router's <ScrollRestoration>
 * switches history to manual scroll restoration in an effect, which runs only
 * after the hydration commit, so client-side handlers are attached by then.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => window.history.scrollRestoration === "manual");
}

/** page.goto, then wait for hydration. Returns the document response. */
export async function open(page: Page, path: string): Promise<Response | null> {
  const response = await page.goto(path);
  await waitForHydration(page);
  return response;
}

/** Uses the header's language switcher (plain form buttons) and waits for the page to follow. */
export async function switchLanguage(page: Page, target: Locale): Promise<void> {
  const t = await ui(page);
  const name = interpolate(t.language.switchTo, { language: t.language[target] });
  await page.getByRole("button", { name, exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", target);
  await expect(page.locator("html")).toHaveAttribute("dir", target === "ar" ? "rtl" : "ltr");
}

/** Fills and submits the login form already on screen, in whatever language it is shown. */
export async function submitLogin(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  const t = await ui(page);
  await page.getByLabel(t.auth.email, { exact: true }).fill(email);
  await page.getByLabel(t.auth.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: t.auth.submitLogin, exact: true }).click();
}

/**
 * The accounts whose log-in asks for an authenticator's code, and their secrets: the demo admin (admins must use
 * two-step verification; the e2e servers' DEMO_TOTP_SECRET), and any account a test set one up for.
 */
const authenticators = new Map<string, string>([[`admin@demo.tremplin.ma`, E2E_DEMO_TOTP_SECRET]]);

/** Remembers the secret of an authenticator a test set up for `email`, so that `login` and `signIn` can answer for it. */
export function rememberAuthenticator(email: string, secret: string): void {
  authenticators.set(email.toLowerCase(), secret);
}

const TOTP_STEP_MS = 30_000;
/** The last 30-second step whose code this worker sent, per server and account: a code is accepted once. */
const usedSteps = new Map<string, number>();

/**
 * A code of `email`'s authenticator this worker has not sent to `server` yet: the current step's, or the next
 * step's once it begins (at most a 30-second wait, for a second log-in of one account within one step).
 */
export async function authenticatorCode(email: string, server: string): Promise<string> {
  const secret = authenticators.get(email.toLowerCase());
  if (!secret) throw new Error(`No authenticator known for ${email}`);
  const key = `${new URL(server).origin} ${email.toLowerCase()}`;
  for (;;) {
    const step = Math.floor(Date.now() / TOTP_STEP_MS);
    if ((usedSteps.get(key) ?? -1) < step) {
      usedSteps.set(key, step);
      return totpCode(secret, new Date(step * TOTP_STEP_MS + 1));
    }
    await new Promise((resolve) => setTimeout(resolve, (step + 1) * TOTP_STEP_MS - Date.now() + 50));
  }
}

/** On the second step's page (after the password), types the authenticator's code and submits it. */
export async function submitSecondFactor(page: Page, email: string): Promise<void> {
  const t = await ui(page);
  await page.getByLabel(t.twoFactor.code, { exact: true }).fill(await authenticatorCode(email, new URL(page.url()).origin));
  await page.getByRole("button", { name: t.twoFactor.verify, exact: true }).click();
}

/** Opens /login, signs in (with the second step when the account has an authenticator) and waits to leave the login pages. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await open(page, "/login");
  await submitLogin(page, email, password);
  if (authenticators.has(email.toLowerCase())) {
    await expect(page).toHaveURL(/\/login\/two-factor$/);
    await submitSecondFactor(page, email);
  }
  await expect(page).not.toHaveURL(/\/login(\?|$|\/)/);
}

/**
 * The session cookies each account got at login, per server, kept for the whole worker
 * (this module lives as long as its worker process): every account logs in once per
 * worker and server, later tests reuse its session.
 */
const sessions = new Map<string, Awaited<ReturnType<BrowserContext["cookies"]>>>();

/**
 * Signs the browser context of `page` in as `email` on `server` (this worker's main server
 * unless told), for a test whose subject is not the login: the login form's own post, sent
 * from the context (its cookies are the browser's), once per worker; then the session it got.
 * The form itself has tests of its own, in the browser (foundation.spec.ts, email.spec.ts).
 * Where the page is afterwards is not said: open the page you need next. A test must not log
 * the account out or in again in that context, which would end the shared session.
 */
export async function signIn(page: Page, email: string, server: string = mainServer().url): Promise<void> {
  const key = `${new URL(server).origin} ${email.toLowerCase()}`;
  const cookies = sessions.get(key);
  if (cookies) return page.context().addCookies(cookies);
  const request = page.context().request;
  const response = await request.post(new URL("/login", server).toString(), { form: { email, password: DEMO_PASSWORD }, maxRedirects: 0 });
  expect(response.status(), `logging ${email} in on ${server}`).toBe(302);
  if (response.headers()["location"] === "/login/two-factor") {
    // The second step: a code of the account's authenticator. Another worker may have sent this step's code to a
    // server both use (it is then refused as already used): the next step's code will do.
    let outcome = "";
    for (let attempt = 0; attempt < 3 && !outcome.startsWith("302 "); attempt += 1) {
      const second = await request.post(new URL("/login/two-factor", server).toString(), {
        form: { code: await authenticatorCode(email, server) },
        maxRedirects: 0,
      });
      outcome = `${second.status()} ${second.headers()["location"] ?? ""}`;
    }
    // Signed in: sent on to the account's home, not back to the password.
    expect(outcome, `the second step of ${email}'s log-in on ${server}`).toMatch(/^302 \/(admin|reviewer|founder)/);
  }
  sessions.set(key, await page.context().cookies(server));
}

/** A page in a new browser context of its own (its own cookies) on `server`, signed in as `email` (see `signIn`). */
export async function signedInPage(
  browser: Browser,
  email: string,
  options: { server?: string; contextOptions?: Parameters<Browser["newContext"]>[0] } = {},
): Promise<Page> {
  const server = options.server ?? mainServer().url;
  const context = await browser.newContext({ ...FRENCH_BROWSER, ...options.contextOptions, baseURL: server });
  const page = await context.newPage();
  await signIn(page, email, server);
  return page;
}

/** Waits for the POST that a form submission sends to `pathname` (document or Remix data request). */
export function nextPost(page: Page, pathname: string): Promise<Response> {
  return page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === pathname);
}

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * The axe-core that @axe-core/playwright runs (its own dependency, so the same version), minified:
 * `axe-core`'s `source` is the 1.3 MB readable build, which the page parses again after every full
 * navigation and the runner sends over the browser's pipe each time; axe.min.js is the same code in 0.6 MB.
 */
const AXE_SOURCE: string = readFileSync(
  path.join(path.dirname(createRequire(createRequire(import.meta.url).resolve("@axe-core/playwright")).resolve("axe-core")), "axe.min.js"),
  "utf8",
);

/**
 * Runs axe on the page as it is now; fails on any serious or critical WCAG 2.1 A/AA violation.
 *
 * On a page showing a sandboxed iframe that may not run scripts (an email in the
 * mailbox or outbox), the default `analyze()` of @axe-core/playwright never
 * returns: it runs axe.runPartial inside every frame, and in such a frame the
 * timers axe waits on never fire. There axe switches to legacy mode, which runs
 * from the page itself: the iframe element is checked (title…), its content is not.
 */
export async function expectNoSeriousA11yViolations(page: Page, context: string): Promise<void> {
  // Legacy mode (axe.run in the page) checks the same as the default on a page without frames, in
  // two thirds of the time: the default runs axe in every frame, then opens a blank page to merge.
  const frames = await page
    .locator("iframe")
    .evaluateAll((frames) =>
      (frames as HTMLIFrameElement[]).map((frame) => frame.hasAttribute("sandbox") && !frame.sandbox.contains("allow-scripts")),
    );
  const legacy = frames.length === 0 || frames.some((scriptless) => scriptless);
  // Without frames, axe goes into the page once per document (a check after a client-side
  // navigation finds it there), not twice per check: AxeBuilder evaluates its 550 kB source in
  // the page, then again in every frame, the main one included — a second or more on a busy machine.
  let axeSource: string | undefined;
  if (frames.length === 0) {
    if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
    axeSource = "void 0";
  }
  const results = await new AxeBuilder({ page, axeSource })
    // Only violations are read: axe then skips building the report of every passing node
    // (`options` replaces the options object, so it comes before `withTags`).
    .options({ resultTypes: ["violations"] })
    .withTags(WCAG_TAGS)
    .setLegacyMode(legacy)
    .analyze();
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = blocking
    .map((v) =>
      [
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`,
        ...v.nodes.map((node) => `    at ${node.target.join(" ")}\n      ${(node.failureSummary ?? "").replace(/\n/g, "\n      ")}`),
      ].join("\n"),
    )
    .join("\n");
  expect(
    blocking.map((v) => v.id),
    `Accessibility violations on ${context} (${page.url()}):\n${report}`,
  ).toEqual([]);
}

// ─── Founder wizard and email helpers (founder.spec.ts, email.spec.ts) ───────

/** The subject a template's email has in `locale`, filled the way the app fills it. */
export function emailSubject(
  template: keyof EmailCatalog["templates"],
  locale: Locale,
  values: Record<string, string | number> = {},
): string {
  return interpolateEmail(EMAIL_MESSAGES[locale].templates[template].subject, values);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A message template as a pattern: its placeholders filled from `values` (escaped), the others any text. */
function patternOf(template: string, values: Record<string, string>): string {
  return template
    .split(/(\{\{\w+\}\})/)
    .map((part) => {
      const name = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
      return name === undefined ? escapeRegExp(part) : (values[name] ?? ".+");
    })
    .join("");
}

/**
 * The subject of an email that asks for an answer (emails/render.tsx ACTION_DEADLINES): "Action required:",
 * the template's subject filled from `values`, and a deadline the test need not know — as a whole-subject pattern.
 */
export function actionEmailSubject(template: keyof EmailCatalog["templates"], locale: Locale, values: Record<string, string> = {}): RegExp {
  const escaped = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, escapeRegExp(value)]));
  const subject = patternOf(EMAIL_MESSAGES[locale].templates[template].subject, escaped);
  return new RegExp(`^${patternOf(EMAIL_MESSAGES[locale].common.actionRequired, { subject, deadline: ".+" })}$`);
}

/**
 * Sets the signed-in account's language as the header's switcher does (a signed-in user's saved language
 * decides their pages).
 */
export async function chooseLanguage(page: Page, locale: Locale): Promise<void> {
  const chosen = await page.context().request.post("/locale", { form: { locale, redirectTo: "/" }, maxRedirects: 0 });
  expect(chosen.status(), "choosing the language").toBe(302);
}

export async function inLanguage(page: Page, locale: Locale, journey: () => Promise<void>): Promise<void> {
  await chooseLanguage(page, locale);
  try {
    await journey();
  } finally {
    await chooseLanguage(page, "fr");
  }
}

/** A small, well-formed one-page PDF, good enough for the upload checks. */
export function tinyPdf(text = "Pitch deck"): Buffer {
  return Buffer.from(onePagePdf(text));
}

/**
 * Signs up on the sign-up form already on screen, then proves the address as
 * the founder would: the page says to check the inbox, the emailed link (read
 * from the local mailbox folder, or from the SMTP sink for the app that mails
 * through it) is opened and confirmed, which signs in, and "Continue" goes on
 * to where the sign-up was heading (the call's apply page, or /founder).
 */
export async function submitSignup(page: Page, account: { name: string; email: string; password: string }): Promise<void> {
  const t = await ui(page);
  await page.getByLabel(t.auth.name, { exact: true }).fill(account.name);
  await page.getByLabel(t.auth.email, { exact: true }).fill(account.email);
  await page.getByLabel(t.auth.password, { exact: true }).fill(account.password);
  await page.getByRole("button", { name: t.auth.submitSignup, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: t.auth.checkInboxTitle, exact: true })).toBeVisible();
  await expect(
    page.getByRole("status").filter({ hasText: interpolate(t.auth.checkInbox, { email: account.email.toLowerCase() }) }),
  ).toBeVisible();
  await confirmEmailAddress(page, account.email);
}

/** Opens the confirmation link emailed to `email` and confirms it; ends on the page the sign-up was heading to, which says so. */
export async function confirmEmailAddress(page: Page, email: string): Promise<void> {
  const viaSink = new URL(page.url()).origin === new URL(SMTP_E2E.appURL).origin;
  const link = await emailedLink(email, /\/verify-email\/[A-Za-z0-9_-]+(\?[^\s"<>\]]*)?/, viaSink);
  await page.goto(new URL(link, page.url()).toString());
  await waitForHydration(page);
  const t = await ui(page);
  await page.getByRole("button", { name: t.verification.confirm, exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: t.verification.done })).toBeVisible();
  await expect(page).not.toHaveURL(/\/verify-email\//);
}

/** The last link matching `pattern` in an email to `to`: from the SMTP sink, or the local mailbox folder. */
export async function emailedLink(to: string, pattern: RegExp, viaSink = false): Promise<string> {
  let link: string | undefined;
  await expect(async () => {
    const texts = viaSink
      ? (await sinkEmails(SMTP_E2E.sinkURL, to.toLowerCase())).map((m) => m.text)
      : await mailboxTexts(path.join(mainServer().dir, "mailbox"), to.toLowerCase());
    link = texts
      .map((text) => decodeHtmlEntities(text).match(pattern)?.[0])
      .filter(Boolean)
      .at(-1);
    expect(link, `a link ${pattern} in an email to ${to}`).toBeTruthy();
    // Read every second: the outbox worker sends every two, and a look costs little (see mailboxTexts).
  }).toPass({ timeout: 30_000, intervals: [250, 500, 1_000] });
  return link!;
}

/** The decoded bodies of the .eml files in `dir` addressed to `to`. */
async function mailboxTexts(dir: string, to: string): Promise<string[]> {
  const files = (await fs.readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".eml")).sort();
  const texts: string[] = [];
  for (const file of files) {
    const raw = await fs.readFile(path.join(dir, file));
    // The mailbox fills up during a run: parse only the files that name the address at all.
    if (!raw.toString("latin1").toLowerCase().includes(to)) continue;
    const parsed = await simpleParser(raw);
    const recipients = [parsed.to]
      .flat()
      .flatMap((a) => a?.value ?? [])
      .map((a) => a.address?.toLowerCase());
    if (recipients.includes(to)) texts.push(`${parsed.text ?? ""}\n${typeof parsed.html === "string" ? parsed.html : ""}`);
  }
  return texts;
}

function decodeHtmlEntities(text: string): string {
  return text.replaceAll("&amp;", "&").replaceAll("&#x3D;", "=").replaceAll("&#x2F;", "/");
}

/** Fails with what the server answered when `response` does not have `status`; else returns it. */
export async function expectStatus(response: APIResponse, status: number, what: string): Promise<APIResponse> {
  expect(response.status(), `${what}: ${response.status()} ${response.statusText()}\n${(await response.text()).slice(0, 500)}`).toBe(
    status,
  );
  return response;
}

/**
 * For a test whose subject comes after it: a new founder signs up and confirms the address
 * through the same routes as in the browser, but with plain HTTP requests from `context` (so
 * its pages are signed in), each checked — a fraction of the time. Sign-up in the browser is
 * the subject of foundation.spec.ts and of founder.spec.ts's journeys.
 */
export async function signUpOverHttp(
  context: BrowserContext,
  founder: { name: string; email: string; password: string },
  redirectTo = "/founder",
  server = mainServer().url,
): Promise<void> {
  const url = (pathname: string) => new URL(pathname, server).toString();
  await expectStatus(await context.request.post(url("/signup"), { form: { ...founder, redirectTo } }), 200, "sign-up");
  const viaSink = new URL(server).origin === new URL(SMTP_E2E.appURL).origin;
  const link = new URL(await emailedLink(founder.email, /\/verify-email\/[A-Za-z0-9_-]+/, viaSink), server).pathname;
  await expectStatus(await context.request.post(url(link), { form: { next: redirectTo } }), 200, "confirming the address");
}

/**
 * As `signUpOverHttp`, then starts an application to the demo's open call (the
 * Apply button's post). Returns the application's base path (/founder/applications/<id>) and
 * the call's path.
 */
export async function startApplicationOverHttp(
  context: BrowserContext,
  founder: { name: string; email: string; password: string },
  server = mainServer().url,
): Promise<{ base: string; callPath: string }> {
  const url = (pathname: string) => new URL(pathname, server).toString();
  // The demo's open call (the seed's `cohorte-<year>`) among the landing page's: another test may have opened
  // one of its own (full-round.spec.ts), with other questions.
  const landing = await expectStatus(await context.request.get(url("/?_data=routes%2F_index")), 200, "the landing page's data");
  const { calls } = (await landing.json()) as { calls: Array<{ slug: string }> };
  const demoCall = calls.find((call) => /^cohorte-\d{4}$/.test(call.slug));
  expect(demoCall, "the demo's open call on the landing page").toBeDefined();
  const callPath = `/calls/${demoCall?.slug}`;
  await signUpOverHttp(context, founder, `${callPath}/apply`, server);
  const started = await expectStatus(
    await context.request.post(url(`${callPath}/apply`), { form: DEMO_ELIGIBLE_ANSWERS, maxRedirects: 0 }),
    302,
    "starting an application",
  );
  const base = new URL(started.headers()["location"] ?? "", server).pathname.replace(/\/edit\/project$/, "");
  expect(base, "the new application's wizard").toMatch(/^\/founder\/applications\/[^/]+$/);
  return { base, callPath };
}

/**
 * On the admin's calls page, creates a draft call with a French title and description closing in three
 * weeks, through the page's form in the admin's language `t`; the call's admin page is then open.
 */
export async function createDraftCall(page: Page, t: Catalog, texts: { title: string; description: string }): Promise<void> {
  await open(page, "/admin/calls");
  const create = page
    .getByRole("main")
    .locator("form")
    .filter({ has: page.getByRole("button", { name: t.callAdmin.create, exact: true }) });
  const inFrench = (field: "title" | "description") =>
    create.getByRole("group", { name: t.callAdmin[field], exact: true }).getByLabel(t.callAdmin.textsIn.fr, { exact: true });
  await inFrench("title").fill(texts.title);
  await inFrench("description").fill(texts.description);
  await create.getByLabel(t.callAdmin.closesAt, { exact: true }).fill(utcToZonedWallTime(new Date(Date.now() + 21 * 86_400_000)));
  await create.getByRole("button", { name: t.callAdmin.create, exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/calls\/[^/]+$/);
}

/** What the demo call's own wizard questions (prisma/seed/demo-questions.ts) are answered with by submittedApplicationOverHttp. */
export type DemoAnswers = { maturity: string; hasPrototype: boolean; prototypeUrl?: string; fundingSought?: number };

/**
 * For a test whose subject comes after it: a new founder (`founder`) signs up on `server` and starts an
 * application to the demo's open call, then fills in every step with plain HTTP requests
 * from `context` (the project named `name`, sited in Casablanca, `answers` to the demo call's questions,
 * a pitch deck): a complete draft, ready to submit. Returns its base path and the call's path.
 */
export async function completeDraftOverHttp(
  context: BrowserContext,
  founder: { name: string; email: string; password: string },
  name: string,
  options: { server?: string; answers?: DemoAnswers } = {},
): Promise<{ base: string; callPath: string }> {
  const server = options.server ?? mainServer().url;
  const answers = options.answers ?? { maturity: "first_customers", hasPrototype: false };
  // The context's own requests: they keep its cookies, like the browser would.
  const http = context.request;
  const url = (pathname: string) => new URL(pathname, server).toString();
  const location = (response: APIResponse) => new URL(response.headers()["location"] ?? "", server).pathname;
  const { base, callPath } = await startApplicationOverHttp(context, founder, server);
  // The wizard's data for the site step names the sites.
  const wizard = (await (
    await expectStatus(
      await http.get(url(`${base}/edit/site?_data=${encodeURIComponent("routes/founder.applications.$id.edit.$step")}`)),
      200,
      "the site step",
    )
  ).json()) as { sites: Array<{ id: string; name: string }> };
  const casablanca = wizard.sites.find((site) => site.name === "Casablanca");
  expect(casablanca, "Casablanca among the call's sites").toBeDefined();
  const saved = await http.post(url(`${base}/edit/project`), {
    form: {
      projectName: name,
      tagline: "La comptabilité des petits commerces, tenue par SMS.",
      problem: "Les épiciers de quartier tiennent leurs comptes sur des cahiers et n'obtiennent aucun crédit faute de chiffres fiables.",
      solution:
        "Un assistant par SMS qui enregistre ventes et dépenses et produit un bilan mensuel accepté par les organismes de microcrédit.",
      market: "Près d'un million de points de vente de proximité au Maroc, sans outil adapté à leur façon de travailler.",
      traction: "120 commerçants pilotes à Casablanca.",
      stage: "MVP",
      "team.0.name": founder.name,
      "team.0.email": founder.email,
      "team.0.role": "Fondatrice",
      sector: "NEW_TECH",
      preferredSiteId: casablanca?.id ?? "",
      "answers.maturity": answers.maturity,
      "answers.has_prototype": answers.hasPrototype ? "yes" : "no",
      ...(answers.prototypeUrl === undefined ? {} : { "answers.prototype_url": answers.prototypeUrl }),
      ...(answers.fundingSought === undefined ? {} : { "answers.funding_sought": String(answers.fundingSought) }),
      goto: "documents",
    },
    maxRedirects: 0,
  });
  await expectStatus(saved, 302, "saving the draft");
  expect(location(saved)).toBe(`${base}/edit/documents`);
  const uploaded = await http.post(url(`${base}/edit/documents`), {
    multipart: { [UPLOAD_FIELD.PITCH_DECK]: { name: "deck.pdf", mimeType: "application/pdf", buffer: tinyPdf(name) } },
    maxRedirects: 0,
  });
  await expectStatus(uploaded, 302, "uploading the deck");
  return { base, callPath };
}

/**
 * For a test whose subject comes after it: a new founder's application, complete and submitted
 * (completeDraftOverHttp, then Submit with consent), on `server` (this worker's main server by default).
 */
export async function submittedApplicationOverHttp(
  browser: Browser,
  name: string,
  answers: DemoAnswers = { maturity: "first_customers", hasPrototype: false },
  server: string = mainServer().url,
  /** The language the founder then chooses (their emails' language); French when not given. */
  founderLocale?: Locale,
): Promise<{ id: string; name: string; callSlug: string; founderEmail: string }> {
  const context = await browser.newContext({ ...FRENCH_BROWSER, baseURL: server });
  try {
    const founder = { name: "Rim Filali", email: uniqueEmail("rim"), password: "souk-numerique-2026" };
    const { base, callPath } = await completeDraftOverHttp(context, founder, name, { answers, server });
    const submitted = await context.request.post(`${base}/edit/review`, { form: { intent: "submit", consent: "on" }, maxRedirects: 0 });
    await expectStatus(submitted, 302, "submitting");
    // Back to the application (a refused submit would go to the first step with an error).
    expect(new URL(submitted.headers()["location"] ?? "", server).pathname).toBe(base);
    if (founderLocale) {
      const chosen = await context.request.post("/locale", { form: { locale: founderLocale, redirectTo: "/" }, maxRedirects: 0 });
      await expectStatus(chosen, 302, "choosing the founder's language");
    }
    return { id: base.split("/")[3], name, callSlug: callPath.split("/")[2], founderEmail: founder.email };
  } finally {
    await context.close();
  }
}

/** Eligible answers to the demo call's questions asked before a draft exists (prisma/seed/questions.ts), as Apply posts them. */
export const DEMO_ELIGIBLE_ANSWERS = {
  "answers.team_size": "2",
  "answers.resident_in_morocco": "yes",
  "answers.company_registered": "no",
};

/** A question of the demo call by key, for its label in each language. */
export function demoQuestion(key: string) {
  const question = DEMO_QUESTIONS.find((candidate) => candidate.key === key);
  if (!question) throw new Error(`no demo question ${key}`);
  return question;
}

/** Answers a yes/no or choice question of the demo call on the page shown, by its label in the page's language. */
export async function answerDemoChoice(page: Page, key: string, choiceLabel: string): Promise<void> {
  const locale = await currentLocale(page);
  const group = page.getByRole("group", { name: demoQuestion(key).label[locale] ?? demoQuestion(key).label.fr, exact: true });
  await group.getByRole("radio", { name: choiceLabel, exact: true }).check();
}

/**
 * On the Apply page (which starts nothing by itself), answers the demo call's eligibility questions (as an
 * eligible team of two, company not registered yet) when it asks them, and confirms: the wizard opens on a new draft.
 */
export async function confirmStartApplication(page: Page): Promise<void> {
  const t = await ui(page);
  const locale = await currentLocale(page);
  await expect(page).toHaveURL(/\/calls\/[^/]+\/apply$/);
  await expect(page.getByRole("heading", { level: 1, name: t.apply.startTitle, exact: true })).toBeVisible();
  if ((await page.getByRole("group", { name: t.questions.eligibilityTitle, exact: true }).count()) > 0) {
    await page.getByLabel(demoQuestion("team_size").label[locale] ?? "", { exact: true }).fill("2");
    await answerDemoChoice(page, "resident_in_morocco", t.questions.yes);
    await answerDemoChoice(page, "company_registered", t.questions.no);
  }
  await page.getByRole("button", { name: t.apply.start, exact: true }).click();
  await expect(page).toHaveURL(/\/founder\/applications\/[^/]+\/edit\/project$/);
}

/** The wizard's autosave indicator (role=status), once it reports everything saved. */
export async function expectAutosaved(page: Page): Promise<void> {
  const t = await ui(page);
  await expect(page.getByRole("status").filter({ hasText: t.apply.autosave.saved })).toBeVisible();
}

/**
 * As an admin (on `page`), waits for the outbox worker to drop an email for
 * `to` with `subject` into the local mailbox, then opens it. The list is read
 * again until the email is there: the worker polls every couple of seconds.
 */
export async function openMailboxEmail(page: Page, { to, subject }: { to: string; subject: string }): Promise<void> {
  const row = page
    .getByRole("row")
    .filter({ hasText: to })
    .filter({ has: page.getByRole("link", { name: subject, exact: true }) });
  await expect(async () => {
    await open(page, "/admin/mailbox");
    await expect(row).toHaveCount(1, { timeout: 1_000 });
  }, `an email "${subject}" to ${to} in /admin/mailbox`).toPass({ timeout: 30_000, intervals: [500, 1_000, 2_000] });
  await row.getByRole("link", { name: subject, exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/mailbox\/[^/]+\.eml$/);
  await expect(page.getByRole("heading", { level: 1, name: subject, exact: true })).toBeVisible();
}

/** The plain-text version of the email open in the mailbox (its <details> is opened first). */
export async function emailPlainText(page: Page): Promise<string> {
  const t = await ui(page);
  const details = page.locator("details").filter({ has: page.getByText(t.outbox.plainText, { exact: true }) });
  if ((await details.getAttribute("open")) === null) await details.getByText(t.outbox.plainText, { exact: true }).click();
  const text = details.locator("pre");
  await expect(text).toBeVisible();
  return (await text.textContent()) ?? "";
}

// ─── SMTP sink and CSV (full-round.spec.ts) ───────────────────────────────────

/** A message as the SMTP sink (tests/e2e/smtp-sink.ts) received and parsed it. */
export type SinkEmail = {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  receivedAt: string;
  attachments: Array<{ filename: string; contentType: string; content: string }>;
};

/** Every message the sink at `sinkURL` holds (only those to `to`, when given), in arrival order. */
export async function sinkEmails(sinkURL: string, to?: string): Promise<SinkEmail[]> {
  const url = new URL("/messages", sinkURL);
  if (to) url.searchParams.set("to", to);
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as SinkEmail[];
}

/**
 * Waits for the app to send an email with `subject` to `to` over SMTP, and
 * returns it as the sink parsed it. The outbox worker polls every couple of
 * seconds, so the sink is read again until the email is there; a failure
 * lists the subjects that did reach `to`.
 */
export async function waitForSinkEmail(
  sinkURL: string,
  { to, subject }: { to: string; subject: string | RegExp },
  timeout = 30_000,
): Promise<SinkEmail> {
  const matches = (candidate: string) => (typeof subject === "string" ? candidate === subject : subject.test(candidate));
  let found: SinkEmail | undefined;
  await expect
    .poll(
      async () => {
        const received = await sinkEmails(sinkURL, to);
        found = received.find((email) => matches(email.subject));
        // Until it arrives, what did (an empty list only once it is there).
        return found ? [] : ["(not yet)", ...received.map((email) => email.subject)];
      },
      {
        message: `an email "${subject}" to ${to} received over SMTP (the subjects that did arrive are shown)`,
        timeout,
        intervals: [250, 500, 1_000],
      },
    )
    .toEqual([]);
  return found as SinkEmail;
}

/**
 * Parses CSV text (RFC 4180: comma-separated, fields optionally in double
 * quotes, "" for a quote inside one, CRLF or LF line ends) into rows of
 * fields. A leading byte order mark is not removed: check and strip it first.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"' && field === "") {
      quoted = true;
    } else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else {
      field += char;
    }
  }
  if (quoted) throw new Error("CSV ends inside a quoted field");
  // The last line may or may not end with a line break.
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const BROWSER_LOCALES = { en: "en-US", ar: "ar-MA", fr: "fr-MA" } as const;

/**
 * A browser of its own on the SMTP app (the test closes its context), signed in as `email`, in `locale` —
 * remembered on the account too, the language its emails are written in — unless `keepLanguage`: then the
 * account keeps its own, which other specs on that shared server may count on (the demo admin's French).
 */
export async function personOnSmtpApp(
  browser: Browser,
  locale: Locale,
  email: string,
  options: { keepLanguage?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({ locale: BROWSER_LOCALES[locale], baseURL: SMTP_E2E.appURL });
  const page = await context.newPage();
  await signIn(page, email, SMTP_E2E.appURL);
  if (options.keepLanguage) return page;
  const chosen = await context.request.post("/locale", { form: { locale, redirectTo: "/" }, maxRedirects: 0 });
  expect(chosen.status(), "choosing the language").toBe(302);
  return page;
}

/**
 * `personOnSmtpApp` for one spec, each person's browser closed after the test that opened it. Call it once at the
 * spec's top level (it declares the spec's afterEach hook).
 */
export function peopleOnSmtpApp(): (
  browser: Browser,
  locale: Locale,
  email: string,
  options?: { keepLanguage?: boolean },
) => Promise<Page> {
  const contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  return async (browser, locale, email, options = {}) => {
    const page = await personOnSmtpApp(browser, locale, email, options);
    contexts.push(page.context());
    return page;
  };
}
