// Announcements (issue 18) against a real database, SQLite and PostgreSQL: who a cohort or a call's statuses
// reach (each person once, no decision told before its release), the text each reader gets in their language
// or in French, markup typed by the admin escaped in the email and on the page, the audit event, the preview a
// send must match, and the hourly limit held under many sends at once.
import { createInstance } from "i18next";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server.js";
import { beforeAll, describe, expect, it } from "vitest";
import { renderEmail, type EmailTemplate } from "../../emails/render.tsx";
import { db, dbReady, type Tx } from "~/db/client.server.ts";
import { ANNOUNCEMENTS_PER_HOUR, rateWindowOf } from "~/domain/announcements.ts";
import { toLocale, type ApplicationStatus, type Locale } from "~/domain/constants.ts";
import { resources } from "~/i18n/catalogs.ts";
import { i18nConfig } from "~/i18n/config.ts";
import { announcementRecipients, previewAnnouncement, sendAnnouncement } from "~/models/announcement.server.ts";
import AnnouncementsPage, { action, loader } from "~/routes/admin.announcements.tsx";
import { announcementSchema, type AnnouncementInput } from "~/schemas/announcement.ts";
import { createCandidate, createDecisionCall, createReleasedCandidate, signedIn } from "../support/enrollment-factories.ts";
import { createTestUser, refusalOf } from "../support/factories.ts";
import { expectRedirectWithFlash } from "../support/flash.ts";
import { createSite } from "../support/intake-factories.ts";
import { callRoute, invokeRoute } from "../support/remix.ts";

beforeAll(async () => {
  await dbReady;
});

const PAGE = "/admin/announcements";

/** The form's values as the schema gives them (what the action hands the model). */
const input = (value: Record<string, unknown>): AnnouncementInput =>
  announcementSchema.parse({ subject: "Journée de démonstration", body: "Rendez-vous jeudi à 10 h.", ...value });

/** An applicant of `call` with their own application, and its team's other members (each with a membership). */
async function team(options: {
  call: { id: string };
  site: { id: string };
  status: ApplicationStatus;
  locale?: Locale;
  members?: Array<{ locale?: Locale; active?: boolean }>;
  cohort?: { id: string };
}) {
  const { application, founder } =
    options.status === "ACCEPTED" && options.cohort
      ? await createReleasedCandidate({
          call: options.call,
          site: options.site,
          status: "ACCEPTED",
          cohort: options.cohort,
          locale: options.locale,
        })
      : await createCandidate({ call: options.call, site: options.site, status: options.status, locale: options.locale });
  if (options.cohort && options.status !== "ACCEPTED")
    await db.application.update({ where: { id: application.id }, data: { enrolledCohortId: options.cohort.id } });
  const members = [];
  for (const spec of options.members ?? []) {
    const member = await createTestUser({ roles: ["FOUNDER"], locale: spec.locale });
    if (spec.active === false) await db.user.update({ where: { id: member.id }, data: { active: false } });
    await db.teamMembership.create({
      data: { applicationId: application.id, callId: options.call.id, userId: member.id, consentAt: new Date() },
    });
    members.push(member);
  }
  return { application, founder, members };
}

/**
 * A cohort of a closed call: an enrolled team (French lead, also listed as its lead member; an Arabic member; a
 * deactivated one), an incubating one (English lead), a seat offer pending for it (whose team counts the
 * incubating lead as a member: one person, two teams), an allocation not released yet, and a seat in another
 * cohort of the call.
 */
async function cohortWorld() {
  const [site, otherSite] = [await createSite(), await createSite()];
  const {
    call,
    cohorts: [cohort, otherCohort],
  } = await createDecisionCall({
    cohorts: [
      { site, capacity: 10 },
      { site: otherSite, capacity: 10 },
    ],
  });
  const enrolled = await team({ call, site, status: "ENROLLED", locale: "fr", cohort, members: [{ locale: "ar" }, { active: false }] });
  await db.teamMembership.create({
    data: { applicationId: enrolled.application.id, callId: call.id, userId: enrolled.founder.id, lead: true },
  });
  const incubating = await team({ call, site, status: "INCUBATING", locale: "en", cohort });
  const offered = await team({ call, site, status: "ACCEPTED", locale: "ar", cohort });
  await db.teamMembership.create({ data: { applicationId: offered.application.id, callId: call.id, userId: incubating.founder.id } });
  const hidden = await createCandidate({ call, site, status: "ACCEPTED" });
  await db.application.update({ where: { id: hidden.application.id }, data: { allocatedCohortId: cohort.id } });
  const elsewhere = await team({ call, site: otherSite, status: "ACCEPTED", cohort: otherCohort });
  return { site, call, cohort, enrolled, incubating, offered, hidden, elsewhere };
}

const emailsOf = (announcementId: string) =>
  db.outboxEmail.findMany({ where: { dedupeKey: { startsWith: `announcement:${announcementId}:` } }, orderBy: { to: "asc" } });

/** Previews then sends, as the page does. */
async function previewAndSend(authorId: string, form: AnnouncementInput, now?: Date) {
  const preview = await previewAnnouncement(form);
  return sendAnnouncement(authorId, form, { previewCount: preview.count, previewKey: preview.previewKey }, now);
}

describe("a cohort's audience", () => {
  it("is every team in the cohort, each person once, active accounts only — never an allocation not yet released", async () => {
    const w = await cohortWorld();
    const recipients = await announcementRecipients({ kind: "cohort", cohortId: w.cohort.id });
    expect(recipients.map((r) => r.id).sort()).toEqual(
      [w.enrolled.founder.id, w.enrolled.members[0].id, w.incubating.founder.id, w.offered.founder.id].sort(),
    );
    expect(recipients.map((r) => r.id)).not.toContain(w.hidden.founder.id);
    expect(recipients.map((r) => r.id)).not.toContain(w.elsewhere.founder.id);

    const admin = await createTestUser({ roles: ["ADMIN"] });
    const form = input({ audience: "cohort", cohortId: w.cohort.id, subjectEn: "Demo day", bodyEn: "See you on Thursday at 10." });
    const sent = await previewAndSend(admin.id, form);
    expect(sent.recipientCount).toBe(4);
    const emails = await emailsOf(sent.id);
    // One email each: the incubating lead, in two teams, hears it once.
    expect(emails.map((email) => email.to).sort()).toEqual(recipients.map((r) => r.email).sort());
    // In their language when written (English), in French otherwise (the Arabic readers: no Arabic text).
    const byAddress = Object.fromEntries(emails.map((email) => [email.to, { locale: email.locale, payload: JSON.parse(email.payload) }]));
    expect(byAddress[w.incubating.founder.email]).toEqual({
      locale: "en",
      payload: { name: w.incubating.founder.name, subject: "Demo day", body: "See you on Thursday at 10." },
    });
    for (const person of [w.enrolled.founder, w.enrolled.members[0], w.offered.founder])
      expect(byAddress[person.email]).toEqual({
        locale: "fr",
        payload: { name: person.name, subject: "Journée de démonstration", body: "Rendez-vous jeudi à 10 h." },
      });

    const stored = await db.announcement.findUniqueOrThrow({ where: { id: sent.id } });
    expect(stored).toMatchObject({
      authorId: admin.id,
      cohortId: w.cohort.id,
      callId: null,
      statuses: "",
      subjectEn: "Demo day",
      subjectAr: null,
    });
    const audit = await db.auditEvent.findMany({ where: { subjectType: "Announcement", subjectId: sent.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.id, type: "ANNOUNCEMENT_SENT" });
    expect(JSON.parse(audit[0].details)).toEqual({
      audience: { kind: "cohort", cohortId: w.cohort.id },
      recipientCount: 4,
      languages: { fr: 3, en: 1 },
    });
  });

  it("writes each reader's email wholly in the language of their text: Arabic right to left when written", async () => {
    const w = await cohortWorld();
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const form = input({ audience: "cohort", cohortId: w.cohort.id, subjectAr: "يوم العرض", bodyAr: "نلتقي يوم الخميس." });
    const preview = await previewAnnouncement(form);
    expect(preview.emails.map((email) => [email.locale, email.count])).toEqual([
      ["fr", 2],
      ["ar", 2],
    ]);
    const arabic = preview.emails.find((email) => email.locale === "ar")!;
    expect(arabic.subject).toBe("يوم العرض");
    expect(arabic.html).toMatch(/<html[^>]*dir="rtl"/);
    expect(arabic.text).toContain("نلتقي يوم الخميس.");

    const sent = await sendAnnouncement(admin.id, form, { previewCount: preview.count, previewKey: preview.previewKey });
    const toMember = (await emailsOf(sent.id)).find((email) => email.to === w.enrolled.members[0].email)!;
    const rendered = await renderEmail(toMember.template as EmailTemplate, toLocale(toMember.locale), JSON.parse(toMember.payload));
    expect(toMember.locale).toBe("ar");
    expect(rendered.subject).toBe("يوم العرض");
    expect(rendered.text).toContain(w.enrolled.members[0].name);
  });
});

describe("a call's audience", () => {
  it("is the teams whose status, as they know it, is among the chosen: a decision is told only once released", async () => {
    const site = await createSite();
    const { call } = await createDecisionCall({ cohorts: [{ site, capacity: 5 }] });
    const submitted = await team({ call, site, status: "SUBMITTED", members: [{ locale: "en" }] });
    const review = await team({ call, site, status: "REVIEW" });
    const committee = await team({ call, site, status: "COMMITTEE" });
    const rejectedReleased = await createCandidate({ call, site, status: "REJECTED" });
    await db.application.update({ where: { id: rejectedReleased.application.id }, data: { decisionReleasedAt: new Date() } });
    const rejectedHidden = await createCandidate({ call, site, status: "REJECTED" });
    const ids = async (statuses: ApplicationStatus[]) =>
      (await announcementRecipients({ kind: "call", callId: call.id, statuses })).map((r) => r.id).sort();

    expect(await ids(["SUBMITTED", "REVIEW"])).toEqual([submitted.founder.id, submitted.members[0].id, review.founder.id].sort());
    expect(await ids(["REJECTED"])).toEqual([rejectedReleased.founder.id]);
    expect(await ids(["COMMITTEE"])).toEqual([committee.founder.id, rejectedHidden.founder.id].sort());

    const admin = await createTestUser({ roles: ["ADMIN"] });
    const sent = await previewAndSend(admin.id, input({ audience: "call", callId: call.id, statuses: ["REVIEW", "SUBMITTED"] }));
    expect(sent.recipientCount).toBe(3);
    expect(await db.announcement.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({
      callId: call.id,
      cohortId: null,
      statuses: "SUBMITTED,REVIEW",
    });
  });

  it("refuses a cohort or call that does not exist, on its field", async () => {
    expect(await refusalOf(announcementRecipients({ kind: "cohort", cohortId: "no-such-cohort" }))).toEqual({
      key: "announcements.errors.audienceUnknown",
      status: 400,
    });
    expect(await refusalOf(previewAnnouncement(input({ audience: "call", callId: "no-such-call", statuses: ["DRAFT"] })))).toEqual({
      key: "announcements.errors.audienceUnknown",
      status: 400,
    });
  });
});

describe("markup typed by the admin", () => {
  const IMG = "<img src=x onerror=alert(1)>";
  const SCRIPT = "<script>alert(1)</script>";

  it("is text in every email and on the page: never an element", async () => {
    const w = await cohortWorld();
    const { user: admin, cookie } = await signedIn("ADMIN", { locale: "en" });
    const form = input({
      audience: "cohort",
      cohortId: w.cohort.id,
      subject: `Sujet ${IMG}`,
      body: `Bonjour ${SCRIPT}\n\n${IMG} https://example.org/x"onmouseover=alert(1)`,
      subjectEn: `Subject ${SCRIPT}`,
      bodyEn: `Hello ${IMG}`,
    });
    const sent = await previewAndSend(admin.id, form);
    for (const email of await emailsOf(sent.id)) {
      const { subject, html, text } = await renderEmail("announcement", toLocale(email.locale), JSON.parse(email.payload));
      expect(html).not.toMatch(/<img src=x|<script>alert/);
      expect(html).not.toContain('"onmouseover');
      expect(html).toMatch(/&lt;img src=x onerror=alert\(1\)&gt;|&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      // The subject and the plain text are not HTML: there the words read as typed.
      expect(subject).toMatch(/<img src=x|<script>/);
      expect(text).toContain(email.locale === "en" ? IMG : SCRIPT);
    }

    const previewed = await renderPage(cookie, [
      ["intent", "preview"],
      ["audience", "cohort"],
      ["cohortId", w.cohort.id],
      ["subject", form.subject],
      ["body", form.body],
      ["subjectEn", form.subjectEn],
      ["bodyEn", form.bodyEn],
    ]);
    expect(previewed).not.toMatch(/<img src=x|<script>alert/);
    // The typed text is kept in the form, escaped.
    expect(previewed).toContain("Sujet &lt;img src=x onerror=alert(1)&gt;");
    // The emails are shown in a sandboxed frame, their HTML an attribute's text.
    expect(previewed).toMatch(/<iframe class="email-frame" sandbox="" srcDoc="[^"]*&amp;lt;img src=x/);

    const page = await renderPage(cookie);
    expect(page).not.toMatch(/<img src=x|<script>alert/);
    expect(page).toContain("Sujet &lt;img src=x onerror=alert(1)&gt;");
  });
});

describe("sending what was previewed", () => {
  it("is refused when the recipients changed since the preview, or the form did: nothing is written", async () => {
    const w = await cohortWorld();
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const form = input({ audience: "cohort", cohortId: w.cohort.id });
    const preview = await previewAnnouncement(form);
    expect(preview.count).toBe(4);
    // A team joins the cohort between the preview and the send.
    await team({ call: w.call, site: w.site, status: "ENROLLED", cohort: w.cohort });
    const confirmation = { previewCount: preview.count, previewKey: preview.previewKey };
    const before = {
      announcements: await db.announcement.count(),
      emails: await db.outboxEmail.count(),
      audit: await db.auditEvent.count(),
    };

    expect(await refusalOf(sendAnnouncement(admin.id, form, confirmation))).toEqual({
      key: "announcements.errors.recipientsChanged",
      status: 409,
    });
    expect(await refusalOf(sendAnnouncement(admin.id, { ...form, body: "Autre chose." }, confirmation))).toEqual({
      key: "announcements.errors.changedSincePreview",
      status: 409,
    });
    expect({
      announcements: await db.announcement.count(),
      emails: await db.outboxEmail.count(),
      audit: await db.auditEvent.count(),
    }).toEqual(before);
    // Previewed again, it goes.
    expect((await previewAndSend(admin.id, form)).recipientCount).toBe(5);
  });

  it("through the page: a preview keeps the form, a stale send is refused with everything typed, a fresh one redirects with a flash", async () => {
    const site = await createSite();
    const { call } = await createDecisionCall({ cohorts: [{ site, capacity: 5 }] });
    await team({ call, site, status: "SUBMITTED", locale: "en" });
    await team({ call, site, status: "REVIEW", locale: "ar" });
    const { cookie } = await signedIn("ADMIN", { locale: "fr" });
    const form: Array<[string, string]> = [
      ["audience", "call"],
      ["callId", call.id],
      ["statuses", "SUBMITTED"],
      ["statuses", "REVIEW"],
      ["subject", "Rappel"],
      ["body", "Le comité se réunit lundi."],
      ["subjectAr", "تذكير"],
      ["bodyAr", "تجتمع اللجنة يوم الاثنين."],
    ];
    const previewed = await post(cookie, [["intent", "preview"], ...form]);
    expect(previewed.status).toBe(200);
    const reply = (await previewed.json()) as {
      preview: { count: number; previewKey: string; recipients: unknown[]; emails: Array<{ locale: string; count: number }> };
      values: Record<string, string>;
      statuses: string[];
    };
    expect(reply.preview.count).toBe(2);
    expect(reply.preview.recipients).toHaveLength(2);
    expect(reply.preview.emails.map((email) => [email.locale, email.count])).toEqual([
      ["fr", 1],
      ["ar", 1],
    ]);
    expect(reply.statuses).toEqual(["SUBMITTED", "REVIEW"]);
    expect(reply.values).toMatchObject({ subject: "Rappel", subjectAr: "تذكير", callId: call.id });

    const confirm: Array<[string, string]> = [
      ["previewCount", String(reply.preview.count)],
      ["previewKey", reply.preview.previewKey],
    ];
    // Another applicant reaches REVIEW meanwhile.
    await team({ call, site, status: "REVIEW" });
    const stale = await post(cookie, [["intent", "send"], ...form, ...confirm]);
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({
      message: "announcements.errors.recipientsChanged",
      params: { count: 3 },
      statuses: ["SUBMITTED", "REVIEW"],
      values: { subject: "Rappel", bodyAr: "تجتمع اللجنة يوم الاثنين." },
    });
    const unconfirmed = await post(cookie, [["intent", "send"], ...form]);
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.json()).toMatchObject({ message: "announcements.errors.previewFirst", statuses: ["SUBMITTED", "REVIEW"] });
    const invalid = await post(cookie, [
      ["intent", "preview"],
      ["audience", "call"],
      ["statuses", "REVIEW"],
      ["subjectEn", "Only a subject"],
    ]);
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      errors: {
        callId: "announcements.errors.callRequired",
        subject: "announcements.errors.subjectRequired",
        body: "announcements.errors.bodyRequired",
        bodyEn: "announcements.errors.bodyMissing",
      },
      values: { subjectEn: "Only a subject" },
      statuses: ["REVIEW"],
    });

    const fresh = (await (await post(cookie, [["intent", "preview"], ...form])).json()) as typeof reply;
    const sent = await post(cookie, [
      ["intent", "send"],
      ...form,
      ["previewCount", String(fresh.preview.count)],
      ["previewKey", fresh.preview.previewKey],
    ]);
    await expectRedirectWithFlash(sent, PAGE, { kind: "success", key: "announcements.sent", values: { count: 3 } });
    const page = (await (await callRoute(loader, { path: PAGE, cookie })).json()) as {
      announcements: Array<{
        subject: string;
        recipientCount: number;
        audience: { kind: string; statuses: string[] };
        createdAtText: string;
      }>;
    };
    expect(page.announcements[0]).toMatchObject({
      subject: "Rappel",
      recipientCount: 3,
      audience: { kind: "call", statuses: ["SUBMITTED", "REVIEW"] },
    });
    expect(page.announcements[0].createdAtText).toMatch(/\d{2}:\d{2}/);
  });

  it("starts the page on the cohort or call it was opened for", async () => {
    const w = await cohortWorld();
    const { cookie } = await signedIn("ADMIN");
    const fromCohort = (await (await callRoute(loader, { path: `${PAGE}?cohort=${w.cohort.id}`, cookie })).json()) as { start: unknown };
    expect(fromCohort.start).toEqual({ audience: "cohort", cohortId: w.cohort.id, callId: "" });
    const fromCall = (await (await callRoute(loader, { path: `${PAGE}?call=${w.call.id}`, cookie })).json()) as { start: unknown };
    expect(fromCall.start).toEqual({ audience: "call", cohortId: "", callId: w.call.id });
    const unknown = (await (await callRoute(loader, { path: `${PAGE}?cohort=nope`, cookie })).json()) as { start: unknown };
    expect(unknown.start).toEqual({ audience: "cohort", cohortId: "", callId: "" });
  });
});

describe("the hourly limit", () => {
  it(`lets ${ANNOUNCEMENTS_PER_HOUR} of 8 sends at once through in a window, each with exactly its emails, round after round`, async () => {
    const w = await cohortWorld();
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const form = input({ audience: "cohort", cohortId: w.cohort.id });
    const preview = await previewAnnouncement(form);
    const confirmation = { previewCount: preview.count, previewKey: preview.previewKey };
    for (let round = 0; round < 3; round++) {
      // A fresh window each round (an hour of its own), the sends all at once.
      const now = new Date(Date.UTC(2031, 0, 1 + round, 9, 20 + round));
      const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => sendAnnouncement(admin.id, form, confirmation, now)));
      const landed = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
      const refused = await Promise.all(
        outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [refusalOf(Promise.reject(outcome.reason))] : [])),
      );
      expect(landed, `round ${round}`).toHaveLength(ANNOUNCEMENTS_PER_HOUR);
      for (const refusal of refused) expect(refusal).toEqual({ key: "announcements.errors.tooMany", status: 429 });

      const window = `2031-01-0${1 + round}T09`;
      const rows = await db.announcement.findMany({ where: { authorId: admin.id, rateWindow: window }, orderBy: { rateSlot: "asc" } });
      expect(rows.map((row) => row.rateSlot)).toEqual([1, 2, 3, 4, 5]);
      for (const row of rows) {
        expect(row.recipientCount).toBe(preview.count);
        expect(await emailsOf(row.id)).toHaveLength(preview.count);
        expect(await db.auditEvent.count({ where: { subjectId: row.id, type: "ANNOUNCEMENT_SENT" } })).toBe(1);
      }
    }
  });

  it("lets the unique key settle a slot two sends read as free: the later one runs again and takes the next", async () => {
    const w = await cohortWorld();
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const form = input({ audience: "cohort", cohortId: w.cohort.id });
    const now = new Date(Date.UTC(2032, 5, 1, 14, 5));
    const first = await previewAndSend(admin.id, form, now);
    // The next send's first attempt reads the window as if the first send had not committed yet (on SQLite
    // transactions never overlap, and PostgreSQL's serializable ones usually fail on the read first).
    const patched = db as unknown as { $transaction: (fn: (tx: Tx) => Promise<unknown>) => Promise<unknown> };
    const original = patched.$transaction;
    const transaction = original.bind(db);
    let attempts = 0;
    patched.$transaction = (fn) =>
      transaction((tx) => {
        attempts += 1;
        if (attempts > 1) return fn(tx);
        const announcement = new Proxy(tx.announcement, {
          get: (delegate, key) => (key === "findMany" ? async () => [] : Reflect.get(delegate, key)),
        });
        return fn(new Proxy(tx, { get: (client, key) => (key === "announcement" ? announcement : Reflect.get(client, key)) }));
      });
    try {
      const second = await previewAndSend(admin.id, form, now);
      expect(attempts).toBe(2);
      const rows = await db.announcement.findMany({ where: { authorId: admin.id }, orderBy: { rateSlot: "asc" } });
      expect(rows.map((row) => [row.id, row.rateSlot])).toEqual([
        [first.id, 1],
        [second.id, 2],
      ]);
      expect(await emailsOf(second.id)).toHaveLength(second.recipientCount);
    } finally {
      patched.$transaction = original;
    }
  });

  it("says when the admin may send again, in Casablanca's time, through the page", async () => {
    const w = await cohortWorld();
    const { user: admin, cookie } = await signedIn("ADMIN");
    const form = input({ audience: "cohort", cohortId: w.cohort.id });
    // This hour's window filled (and the next one's, should the hour turn during the test).
    const windows = [rateWindowOf(new Date()), rateWindowOf(new Date(Date.now() + 60 * 60 * 1000))];
    for (const window of windows)
      for (let slot = 1; slot <= ANNOUNCEMENTS_PER_HOUR; slot++)
        await db.announcement.create({
          data: {
            authorId: admin.id,
            cohortId: w.cohort.id,
            subject: "s",
            body: "b",
            recipientCount: 1,
            rateWindow: window.key,
            rateSlot: slot,
          },
        });
    const preview = await previewAnnouncement(form);
    const response = await post(cookie, [
      ["intent", "send"],
      ["audience", "cohort"],
      ["cohortId", w.cohort.id],
      ["subject", form.subject],
      ["body", form.body],
      ["previewCount", String(preview.count)],
      ["previewKey", preview.previewKey],
    ]);
    expect(response.status).toBe(429);
    const body = (await response.json()) as { message: string; params: { time: string } };
    expect(body.message).toBe("announcements.errors.tooMany");
    const clock = new Intl.DateTimeFormat("fr-MA", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Africa/Casablanca" });
    expect(windows.map((window) => clock.format(window.endsAt))).toContain(body.params.time);
    expect(body.params.time).toMatch(/^\d{2}:00$/);
    expect(await db.outboxEmail.count({ where: { template: "announcement", to: w.enrolled.founder.email } })).toBe(0);
  });
});

// ---------------------------------------------------------------------------

/** Posts to the page's action as a browser does: repeated names for ticked boxes. */
function post(cookie: string, entries: Array<[string, string]>): Promise<Response> {
  const request = new Request(`http://localhost${PAGE}`, {
    method: "POST",
    headers: { Cookie: cookie },
    body: new URLSearchParams(entries),
  });
  return invokeRoute(action, request, {});
}

/** The page as the server renders it (before any JavaScript), after the action for a post, in English. */
async function renderPage(cookie: string, post?: Array<[string, string]>): Promise<string> {
  const route = { id: "announcements", path: PAGE, loader, action, Component: AnnouncementsPage };
  const handler = createStaticHandler([route as never]);
  const url = `http://localhost${PAGE}`;
  const headers = new Headers({ Cookie: cookie });
  const request = post ? new Request(url, { method: "POST", headers, body: new URLSearchParams(post) }) : new Request(url, { headers });
  const context = await handler.query(request, { requestContext: { clientIp: "203.0.113.7", cspNonce: "test-nonce" } });
  if (context instanceof Response) throw new Error(`answered ${context.status}`);
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, lng: "en", resources });
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(I18nextProvider, { i18n }, createElement(StaticRouterProvider, { router, context, hydrate: false })));
}
