// Dates are written once, on the server, in Casablanca time, with the server's
// tz data: a browser in any zone — whose own tz data may disagree (Chromium puts
// a December 23:59 in Casablanca at 22:59) — shows the text the server rendered,
// hydrates without a mismatch (the shared fixture fails on React #418), and reads
// the deadline exactly as the email that announces it.
import type { Locator, Page } from "@playwright/test";
import { renderEmail } from "../../emails/render.tsx";
import { expect, test } from "./support.ts";
import { catalogs, DEMO, FRENCH_BROWSER, open, signIn } from "./support.ts";

const { fr } = catalogs;
const ZONES = ["Africa/Casablanca", "Europe/Paris", "UTC"] as const;

const folded = (text: string) => text.replace(/\s+/g, " ").trim();

/** A `<time>`'s instant and text (whitespace folded). */
async function readTime(time: Locator): Promise<{ iso: string; text: string }> {
  const iso = (await time.getAttribute("datetime")) ?? "";
  expect(new Date(iso).toISOString()).toBe(iso);
  return { iso, text: folded((await time.textContent()) ?? "") };
}

/** The email's plain text, whitespace folded. */
async function emailText(...args: Parameters<typeof renderEmail>): Promise<string> {
  return folded((await renderEmail(...args)).text);
}

/** The text of a deadline sentence after its prefix ("Date limite : "), i.e. the date and its zone. */
function afterPrefix(template: string, text: string): string {
  const prefix = folded(template.slice(0, template.indexOf("{{date}}")));
  expect(text.startsWith(prefix), `"${text}" starts with "${prefix}"`).toBe(true);
  return text.slice(prefix.length).trim();
}

/** From the founder's dashboard to the offer of the application that has one (founder1 holds a seat offer in the demo). */
async function openOffer(page: Page): Promise<void> {
  await open(page, "/founder");
  const applications = await page
    .getByRole("main")
    .getByRole("heading", { level: 2 })
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  for (const href of applications) {
    await open(page, href);
    const see = page.getByRole("link", { name: fr.offer.see, exact: true });
    if ((await see.count()) === 0) continue;
    await see.click();
    await expect(page.getByRole("heading", { level: 1, name: fr.offer.title, exact: true })).toBeVisible();
    return;
  }
  throw new Error(`no application of ${DEMO.founder} links to an offer`);
}

for (const timezoneId of ZONES) {
  test.describe(`a browser set to ${timezoneId}`, () => {
    test.use({ ...FRENCH_BROWSER, timezoneId });

    // One tab for both readings (steps of one test): a new tab costs about a second of CPU.
    test("reads the call deadline as the server wrote it and as the email says, and a seat offer's deadline as its email says", async ({
      page,
    }) => {
      await test.step("the call deadline", () => readCallDeadline(page, timezoneId));
      await test.step("a seat offer's deadline", () => readOfferDeadline(page));
    });
  });
}

async function readCallDeadline(page: Page, timezoneId: string): Promise<void> {
  await open(page, "/");
  expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(timezoneId);
  const deadlines: string[] = [];
  for (const path of ["/", "/calls"]) {
    // The landing page is open already (the first time round).
    if (new URL(page.url()).pathname !== path) await open(page, path);
    const { iso, text } = await readTime(page.getByRole("main").locator("li time[datetime]").first());
    const dateAndZone = afterPrefix(fr.landing.deadline, text);
    expect(dateAndZone).toMatch(/\d{2}:\d{2}/);
    // The HTML the server sent says the same: hydration changed nothing.
    const html = folded(await (await page.request.get(path)).text());
    expect(html).toContain(dateAndZone);
    // The reminder email about this call's deadline says it word for word.
    const email = await emailText("call-closing-soon", "fr", {
      name: "Salma",
      callTitle: "Appel",
      closesAt: iso,
      draftUrl: "http://localhost/x",
    });
    expect(email).toContain(dateAndZone);
    deadlines.push(dateAndZone);

    // The call's own page and the page that starts an application agree.
    await page.getByRole("main").locator("li").first().getByRole("link").first().click();
    await expect(page).toHaveURL(/\/calls\/[^/]+$/);
    const onCallPage = await readTime(page.getByRole("main").locator("time[datetime]").first());
    expect(onCallPage.iso).toBe(iso);
    expect(afterPrefix(fr.landing.deadline, onCallPage.text)).toBe(dateAndZone);
  }
  expect(deadlines[1]).toBe(deadlines[0]);
}

async function readOfferDeadline(page: Page): Promise<void> {
  await signIn(page, DEMO.founder);
  await openOffer(page);
  const { iso, text } = await readTime(page.locator("dd time[datetime]"));
  expect(text).toMatch(/\d{2}:\d{2}/);
  const email = await emailText("offer-reminder", "fr", {
    name: "Salma",
    projectName: "Projet",
    cohortName: "Cohorte",
    expiresAt: iso,
    offerUrl: "http://localhost/x",
  });
  expect(email).toContain(text);
  await page.reload();
  expect((await readTime(page.locator("dd time[datetime]"))).text).toBe(text);
}
