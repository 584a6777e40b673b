// Pitch day (issue 19), on the app server that mails through the SMTP sink. The demo admin opens the open call's
// pitch day, lets teams book at any site, adds an interview day (a break outside the day is refused, what was
// typed kept) and invites two jurors, who get the availability request in their language (English, Arabic) and
// tick the morning. Tremplin proposes the morning panel; the admin saves it. The showcase founder whose
// application is at the interview stage (founder7) books a slot — an empty choice refused — and gets the
// confirmation with its calendar invitation over SMTP (invite.ics, METHOD:REQUEST), then moves to another slot:
// a second invitation with the same UID and the next SEQUENCE. A juror then scores the interview on the panel's
// page, in Arabic, from the keyboard-free tablet layout (mouse clicks). axe runs on every new page in English and
// Arabic: the founder's and the jurors' here, the admin's in a second test on this worker's main server.
import type { Page } from "@playwright/test";
import ICAL from "ical.js";
import { SMTP_E2E } from "../../playwright.config.ts";
import {
  catalogs,
  DEMO,
  emailSubject,
  expect,
  expectNoSeriousA11yViolations,
  inLanguage,
  interpolate,
  open,
  peopleOnSmtpApp,
  signedInPage,
  sinkEmails,
  test,
  ui,
  waitForSinkEmail,
  type Catalog,
  type Locale,
  type SinkEmail,
} from "./support.ts";

// Showcase logins no other spec uses: founder7's open-call application is at the interview stage
// (prisma/seed/accounts.ts FOUNDER_SHOWCASE); reviewers 5 and 6 sit on no other spec's review.
const FOUNDER = "founder7@demo.tremplin.ma";
const JURORS = {
  en: { email: "reviewer5@jury.tremplin.ma", name: "Hamza Alaoui" },
  ar: { email: "reviewer6@jury.tremplin.ma", name: "Imane Berrada" },
};

/** A person on the SMTP app, their browser closed after the test. */
const personIn = peopleOnSmtpApp();

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A message whose placeholders may be anything, as a whole-text pattern. */
const pattern = (template: string) => new RegExp(`^${escaped(template).replace(/\\\{\\\{\w+\\\}\\\}/g, ".+")}$`);

/** The Casablanca date `days` from now (YYYY-MM-DD), as a date input takes it. */
function dateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000 + 3_600_000).toISOString().slice(0, 10);
}

/** The calendar invitation an email carries, parsed back: its method and its one event's UID and SEQUENCE. */
function invitationOf(email: SinkEmail) {
  const ics = email.attachments.find((attachment) => attachment.filename === "invite.ics");
  expect(ics, `an invite.ics attached to "${email.subject}"`).toBeDefined();
  const calendar = new ICAL.Component(ICAL.parse(ics!.content));
  const event = calendar.getFirstSubcomponent("vevent")!;
  return {
    method: calendar.getFirstPropertyValue("method"),
    uid: event.getFirstPropertyValue("uid"),
    sequence: Number(event.getFirstPropertyValue("sequence")),
    attendee: String(event.getFirstPropertyValue("attendee")),
    summary: String(event.getFirstPropertyValue("summary")),
  };
}

/** The seeded open call's title in each language (prisma/seed/calls.ts); other specs add open calls of their own. */
const OPEN_CALL_TITLE: Record<Locale, RegExp> = {
  fr: /^Appel à candidatures — Cohorte \d{4}$/,
  en: /^Call for applications — \d{4} cohort$/,
  ar: /^دعوة للترشح — فوج \d{4}$/,
};

/** Opens the seeded open call's pitch day page from the calls list. */
async function openPitchDay(admin: Page, t: Catalog, locale: Locale) {
  await open(admin, "/admin/calls");
  await admin
    .getByRole("table", { name: t.staffNav.admin.calls, exact: true })
    .getByRole("row")
    .filter({ hasText: t.callAdmin.status.OPEN })
    .getByRole("link", { name: OPEN_CALL_TITLE[locale] })
    .first()
    .click();
  await admin.getByRole("link", { name: t.interviews.link, exact: true }).click();
  await expect(admin.getByRole("heading", { level: 1, name: t.interviews.title, exact: true })).toBeVisible();
}

/** Adds a morning interview day at the first site; the default lunch break (outside a morning) is refused first. */
async function addMorningDay(admin: Page, t: Catalog, date: string) {
  const form = admin.locator("form").filter({ has: admin.getByRole("button", { name: t.interviews.days.create, exact: true }) });
  if (!(await form.isVisible())) await admin.getByText(t.interviews.days.add, { exact: true }).click();
  await form.getByLabel(t.interviews.days.site, { exact: true }).selectOption({ index: 1 });
  await form.getByLabel(t.interviews.days.date, { exact: true }).fill(date);
  await form.getByLabel(t.interviews.days.start, { exact: true }).fill("09:00");
  await form.getByLabel(t.interviews.days.end, { exact: true }).fill("12:00");
  await form.getByLabel(t.interviews.days.slotMinutes, { exact: true }).fill("30");
  await form.getByLabel(t.interviews.days.room, { exact: true }).fill("Salle Atlas, bâtiment B");
  await form.getByRole("button", { name: t.interviews.days.create, exact: true }).click();
  // The break 12:30–14:00 is not in a day ending at 12:00: said next to it, in the admin's language, nothing lost.
  await expect(
    admin.getByText(interpolate(t.interviewDays.errors.breakOutside, { start: "09:00", end: "12:00" }), { exact: true }),
  ).toBeVisible();
  await expect(form.getByLabel(t.interviews.days.room, { exact: true })).toHaveValue("Salle Atlas, bâtiment B");
  await expect(form.getByLabel(t.interviews.days.date, { exact: true })).toHaveValue(date);
  await form.getByLabel(interpolate(t.interviews.days.breakStart, { number: 1 }), { exact: true }).fill("");
  await form.getByLabel(interpolate(t.interviews.days.breakEnd, { number: 1 }), { exact: true }).fill("");
  await form.getByRole("button", { name: t.interviews.days.create, exact: true }).click();
  await expect(admin.getByText(interpolate(t.interviews.days.created, { count: 6 }), { exact: true })).toBeVisible();
}

test("an admin sets up a pitch day, two jurors give their availability, a team books and rebooks with calendar invitations, and a juror scores the interview", async ({
  browser,
}) => {
  test.slow();
  const jurorEn = await personIn(browser, "en", JURORS.en.email);
  const jurorAr = await personIn(browser, "ar", JURORS.ar.email);
  const founder = await personIn(browser, "en", FOUNDER);
  const admin = await personIn(browser, "fr", DEMO.admin, { keepLanguage: true });
  const t = catalogs.fr;
  const date = dateIn(12);

  await test.step("the admin lets teams book at any site, adds a morning of interviews and invites two jurors", async () => {
    await openPitchDay(admin, t, "fr");
    await admin.getByLabel(t.interviews.settings.remote, { exact: true }).check();
    await admin.getByRole("button", { name: t.interviews.settings.save, exact: true }).click();
    await expect(admin.getByText(t.interviews.settings.saved, { exact: true })).toBeVisible();
    await addMorningDay(admin, t, date);
    const invite = admin.getByRole("group", { name: t.interviews.jurors.inviteLegend, exact: true });
    for (const juror of Object.values(JURORS)) {
      const box = invite.getByRole("checkbox", { name: juror.name, exact: true });
      // On a retry of this test they are invited already.
      if ((await box.count()) > 0) await box.check();
    }
    if ((await invite.count()) > 0 && (await invite.getByRole("checkbox", { checked: true }).count()) > 0)
      await admin.getByRole("button", { name: t.interviews.jurors.invite, exact: true }).click();
    const jurors = admin.getByRole("table", { name: t.interviews.jurors.title, exact: true });
    for (const juror of Object.values(JURORS)) await expect(jurors.getByRole("rowheader", { name: juror.name, exact: true })).toBeVisible();
  });

  await test.step("each juror gets the availability request in their language and ticks the morning", async () => {
    for (const [locale, juror] of [
      ["en", jurorEn],
      ["ar", jurorAr],
    ] as const) {
      const tr = catalogs[locale];
      await waitForSinkEmail(SMTP_E2E.sinkURL, {
        to: JURORS[locale].email,
        subject: pattern(emailSubject("jury-availability-request", locale, { callTitle: "{{callTitle}}" })),
      });
      await open(juror, "/reviewer/interviews");
      await expect(juror.getByRole("heading", { level: 1, name: tr.interviews.jury.title, exact: true })).toBeVisible();
      for (const box of await juror.getByRole("checkbox", { name: tr.interviews.halfDays.AM, exact: true }).all()) await box.check();
      await expectNoSeriousA11yViolations(juror, `the juror's interviews page (${locale})`);
      await juror.getByRole("button", { name: tr.interviews.jury.save, exact: true }).first().click();
      await expect(juror.getByText(tr.interviews.jury.saved, { exact: true })).toBeVisible();
    }
  });

  await test.step("Tremplin proposes the morning panel with both jurors, and the admin saves it", async () => {
    await openPitchDay(admin, t, "fr");
    await admin
      .getByRole("table", { name: t.interviews.days.title, exact: true })
      .getByRole("link", { name: new RegExp(`— .+$`) })
      .last()
      .click();
    await expect(admin.getByRole("heading", { level: 1, name: new RegExp(`^${escaped(t.interviews.day.title)} — `) })).toBeVisible();
    await admin.getByRole("link", { name: t.interviews.panels.propose, exact: true }).click();
    await expect(admin.getByRole("heading", { level: 3, name: t.interviews.panels.proposal, exact: true })).toBeVisible();
    const morning = admin.getByRole("group", {
      name: interpolate(t.interviews.panels.jurorsOf, { halfDay: t.interviews.halfDays.AM }),
      exact: true,
    });
    for (const juror of Object.values(JURORS))
      await expect(morning.getByRole("checkbox", { name: new RegExp(`^\\s*${escaped(juror.name)} \\(`) })).toBeChecked();
    await admin.getByRole("button", { name: t.interviews.panels.save, exact: true }).click();
    await expect(admin.getByText(t.interviews.panels.saved, { exact: true })).toBeVisible();
  });

  const tf = catalogs.en;
  let projectName = "";
  await test.step("the team books a slot (an empty choice refused) and gets the calendar invitation over SMTP", async () => {
    await open(founder, "/founder");
    await founder.getByRole("listitem").filter({ hasText: tf.timeline.next.INTERVIEW }).getByRole("link").first().click();
    await expect(founder).toHaveURL(/\/founder\/applications\/[^/]+$/);
    await expect(founder.getByRole("link", { name: tf.interview.link, exact: true })).toBeVisible();
    projectName = (await founder.getByRole("heading", { level: 1 }).textContent())?.trim() ?? "";
    await founder.getByRole("link", { name: tf.interview.link, exact: true }).click();
    await expect(founder.getByRole("heading", { level: 1, name: tf.interview.title, exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(founder, "the team's interview booking page (en)");
    await founder.getByRole("button", { name: tf.interview.book, exact: true }).click();
    await expect(founder.getByText(tf.errors.choose, { exact: true }).first()).toBeVisible();
    await founder.getByRole("radio").first().check();
    await founder.getByRole("button", { name: tf.interview.book, exact: true }).click();
    await expect(founder.getByText(tf.interview.booked, { exact: true })).toBeVisible();
    await expect(founder.getByRole("heading", { level: 2, name: tf.interview.current, exact: true })).toBeVisible();
  });

  const confirmation = new RegExp(
    `^${escaped(emailSubject("interview-booked", "en", { projectName, startsAt: "{{startsAt}}" })).replace("\\{\\{startsAt\\}\\}", ".+")}$`,
  );
  const first = invitationOf(await waitForSinkEmail(SMTP_E2E.sinkURL, { to: FOUNDER, subject: confirmation }));
  expect(first.method).toBe("REQUEST");
  expect(first.attendee.toLowerCase()).toBe(`mailto:${FOUNDER}`);
  expect(first.summary).toContain(projectName);

  await test.step("the team moves to another slot: a new invitation replaces the first (same UID, next SEQUENCE)", async () => {
    const before = (await sinkEmails(SMTP_E2E.sinkURL, FOUNDER)).filter((email) => confirmation.test(email.subject)).length;
    await founder.getByRole("radio").first().check();
    await founder.getByRole("button", { name: tf.interview.move, exact: true }).click();
    await expect(founder.getByText(tf.interview.rebooked, { exact: true })).toBeVisible();
    let emails: SinkEmail[] = [];
    await expect
      .poll(
        async () => (emails = (await sinkEmails(SMTP_E2E.sinkURL, FOUNDER)).filter((email) => confirmation.test(email.subject))).length,
        {
          timeout: 30_000,
        },
      )
      .toBe(before + 1);
    const moved = invitationOf(emails[emails.length - 1]);
    expect(moved).toMatchObject({ method: "REQUEST", uid: first.uid, sequence: first.sequence + 1 });
  });

  await test.step("a juror scores the interview on the panel's page, in Arabic", async () => {
    const ta = catalogs.ar;
    await open(jurorAr, "/reviewer/interviews");
    await jurorAr
      .getByRole("link", { name: new RegExp(`— ${escaped(ta.interviews.halfDays.AM)}$`) })
      .last()
      .click();
    await expect(
      jurorAr.getByRole("heading", { level: 1, name: new RegExp(`^${escaped(ta.interviews.panel.title.split("{{")[0])}`) }),
    ).toBeVisible();
    const schedule = jurorAr.getByRole("navigation", { name: ta.interviews.panel.schedule, exact: true });
    await expect(schedule.getByRole("link", { name: projectName, exact: true })).toBeVisible();
    await schedule.getByRole("link", { name: projectName, exact: true }).click();
    await expectNoSeriousA11yViolations(jurorAr, "the panel's page (ar)");
    for (const group of await jurorAr
      .getByRole("group", { name: new RegExp(`\\(${escaped(ta.review.weight).replace("\\{\\{weight\\}\\}", "\\d+")}\\)$`) })
      .all())
      await group.getByRole("radio", { name: /^4 — / }).check();
    await jurorAr
      .getByRole("group", { name: ta.review.recommendation, exact: true })
      .getByRole("radio", { name: ta.review.recommendations.YES, exact: true })
      .check();
    await jurorAr.getByRole("button", { name: ta.review.submit, exact: true }).click();
    await expect(jurorAr.getByText(ta.review.submitted, { exact: true })).toBeVisible();
    await expect(schedule.getByRole("listitem").filter({ hasText: projectName })).toContainText(ta.interviews.panel.scored);
  });
});

// Reviewers no other spec uses on the main servers, here as the jurors of the axe test's days (saved languages:
// Arabic and English, prisma/seed/accounts.ts).
const AXE_JURORS = [
  { email: "reviewer3@jury.tremplin.ma", name: "Omar Tazi" },
  { email: "reviewer4@jury.tremplin.ma", name: "Nadia Chraibi" },
];

test("the admin's pitch-day pages pass axe in English and Arabic", async ({ browser }) => {
  test.slow();
  const admin = await signedInPage(browser, DEMO.admin);
  const jurors = await Promise.all(AXE_JURORS.map((juror) => signedInPage(browser, juror.email)));
  await openPitchDay(admin, catalogs.fr, "fr");
  const invite = admin.getByRole("group", { name: catalogs.fr.interviews.jurors.inviteLegend, exact: true });
  const boxes = AXE_JURORS.map((juror) => invite.getByRole("checkbox", { name: juror.name, exact: true }));
  // On a retry of this test they are invited already.
  if ((await boxes[0].count()) > 0) {
    for (const box of boxes) await box.check();
    await admin.getByRole("button", { name: catalogs.fr.interviews.jurors.invite, exact: true }).click();
  }
  for (const locale of ["en", "ar"] as const) {
    await inLanguage(admin, locale, async () => {
      const t = catalogs[locale];
      await openPitchDay(admin, t, locale);
      await expectNoSeriousA11yViolations(admin, `the call's pitch day (${locale})`);
      await addMorningDay(admin, t, dateIn(20 + (locale === "ar" ? 1 : 0)));
      const day = admin.getByRole("table", { name: t.interviews.days.title, exact: true }).getByRole("link").last();
      for (const juror of jurors) {
        await open(juror, "/reviewer/interviews");
        const tj = await ui(juror);
        for (const box of await juror.getByRole("checkbox", { name: tj.interviews.halfDays.AM, exact: true }).all()) await box.check();
        await juror.getByRole("button", { name: tj.interviews.jury.save, exact: true }).first().click();
        await expect(juror.getByText(tj.interviews.jury.saved, { exact: true })).toBeVisible();
      }
      await day.click();
      await admin.getByRole("link", { name: t.interviews.panels.propose, exact: true }).click();
      await expect(admin.getByRole("heading", { level: 3, name: t.interviews.panels.proposal, exact: true })).toBeVisible();
      await expectNoSeriousA11yViolations(admin, `an interview day with a proposal (${locale})`);
      await admin.getByRole("button", { name: t.interviews.panels.save, exact: true }).click();
      await expect(admin.getByText(t.interviews.panels.saved, { exact: true })).toBeVisible();
      // The schedule as CSV: one row per slot after the header.
      const csv = await admin.context().request.get(`${new URL(admin.url()).pathname}/schedule.csv`);
      expect(csv.status()).toBe(200);
      expect((await csv.text()).trim().split("\n")).toHaveLength(7);
      await admin.getByRole("link", { name: `${t.interviews.day.agenda} (${t.interviews.halfDays.AM})`, exact: true }).click();
      const agenda = admin.getByRole("table", {
        name: interpolate(t.interviews.agenda.title, { halfDay: t.interviews.halfDays.AM }),
        exact: true,
      });
      await expect(agenda.getByRole("row")).toHaveCount(7);
      for (const juror of AXE_JURORS) await expect(admin.getByText(juror.name, { exact: false }).first()).toBeVisible();
      await expectNoSeriousA11yViolations(admin, `a panel's printable agenda (${locale})`);
    });
  }
  await Promise.all([admin, ...jurors].map((page) => page.context().close()));
});
