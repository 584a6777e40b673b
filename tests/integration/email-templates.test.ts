// Admins' wordings of the emails (issue 18) against a real database and a real SMTP server: the editor's
// checks and previews, versions (stale saves refused, saves at once: one wins), reset, history with its diff,
// an email recording the version it is rendered from, and the worker sending that version.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SAMPLE_PAYLOADS } from "../../emails/render.tsx";
import { db, dbReady } from "~/db/client.server.ts";
import { enqueueEmail } from "~/email/outbox.server.ts";
import { smtpTransport, type MailTransport } from "~/email/transport.server.ts";
import { runOutboxOnce } from "~/email/worker.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { saveWording, wordingEditor, wordingInUse } from "~/models/email-template.server.ts";
import { withUserErrors } from "~/errors.server.ts";
import { action as editorAction, loader } from "~/routes/admin.emails.$template.$locale.tsx";
import { loader as indexLoader } from "~/routes/admin.emails._index.tsx";
import { createTestUser, refusalOf } from "../support/factories.ts";
import { callRoute } from "../support/remix.ts";
import { signIn } from "../support/review-factories.ts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp.ts";

let smtp: TestSmtpServer;
let transport: MailTransport;

beforeAll(async () => {
  await dbReady;
  smtp = await startSmtpServer();
});
afterAll(() => smtp.close());
beforeEach(async () => {
  smtp.reset();
  await db.outboxEmail.deleteMany();
  transport = smtpTransport(smtp.url);
});
afterEach(() => transport.close());

const ACCEPTED = "decision-accepted";
const WORDING = {
  subject: "Une place pour {{projectName}}",
  body: "Bonne nouvelle pour {{projectName}} : une place vous attend dans {{cohortName}}.\n\nRépondez avant le {{deadline}} :\n{{offerUrl}}",
};

async function adminSession() {
  const admin = await createTestUser({ roles: ["ADMIN"], name: "Imane Sebti" });
  return { admin, cookie: await signIn(admin) };
}

// As the HTTP layer serves it: a refusal answers the form (app/errors.server.ts).
const action = withUserErrors(editorAction);

/** The editor's action for `template` in `locale`, posted as the form would. */
function post(cookie: string, form: Record<string, string>, template: string = ACCEPTED, locale = "fr") {
  return callRoute(action, { path: `/admin/emails/${template}/${locale}`, params: { template, locale }, cookie, form });
}

describe("the editor", () => {
  it("refuses unknown and missing placeholders with the field's error, keeping what was typed", async () => {
    const { cookie } = await adminSession();
    const unknown = await post(cookie, { intent: "save", baseVersion: "0", subject: "Place pour {{project}}", body: WORDING.body });
    expect(unknown.status).toBe(400);
    const unknownBody = await unknown.json();
    expect(unknownBody.errors).toEqual({ subject: "emailTemplates.errors.unknownPlaceholder" });
    expect(unknownBody.values.subject).toBe("Place pour {{project}}");

    const missing = await post(cookie, { intent: "save", baseVersion: "0", subject: WORDING.subject, body: "Répondez vite." });
    expect((await missing.json()).errors).toEqual({ body: "emailTemplates.errors.missingPlaceholder" });
    expect(await db.emailTemplateVersion.count({ where: { template: ACCEPTED } })).toBe(0);
  });

  it("previews a draft in its language beside the wording in use in the two others, without saving it", async () => {
    const { cookie } = await adminSession();
    const response = await post(cookie, { intent: "preview", baseVersion: "0", ...WORDING }, "decision-rejected", "en");
    // The draft's placeholders must suit decision-rejected: {{offerUrl}} is not one of them.
    expect((await response.json()).errors).toEqual({ body: "emailTemplates.errors.unknownPlaceholder" });

    const draft = { subject: "About {{projectName}}", body: "Dear team of {{projectName}},\n\n{{applicationUrl}}" };
    const ok = await post(cookie, { intent: "preview", baseVersion: "0", ...draft }, "decision-rejected", "en");
    const { previews, values } = await ok.json();
    expect(values).toMatchObject(draft);
    expect(previews.map((p: { language: string; isDraft: boolean }) => [p.language, p.isDraft])).toEqual([
      ["fr", false],
      ["en", true],
      ["ar", false],
    ]);
    const [fr, en, ar] = previews;
    expect(en.subject).toBe("About TaxiGo Oujda");
    expect(en.text).toContain("Dear team of TaxiGo Oujda,");
    // The approved feedback still comes with a rejection worded by an admin.
    expect(en.text).toContain(SAMPLE_PAYLOADS["decision-rejected"].feedback);
    expect(fr.subject).toBe("Décision concernant votre candidature : TaxiGo Oujda");
    expect(ar.html).toContain('dir="rtl"');
    expect(await db.emailTemplateVersion.count({ where: { template: "decision-rejected" } })).toBe(0);
  });

  it("saves versions, refuses a save about an older version, resets, and shows the history with what changed", async () => {
    const { admin, cookie } = await adminSession();
    const saved = await post(cookie, { intent: "save", baseVersion: "0", ...WORDING });
    expect(saved.status).toBe(302);
    // The second admin still had version 0 open.
    const stale = await post(cookie, { intent: "save", baseVersion: "0", ...WORDING, subject: "Autre {{projectName}}" });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ message: "emailTemplates.stale", values: { subject: "Autre {{projectName}}" } });

    const second = { ...WORDING, body: WORDING.body.replace("Bonne nouvelle", "Excellente nouvelle") };
    expect((await post(cookie, { intent: "save", baseVersion: "1", ...second })).status).toBe(302);
    expect((await post(cookie, { intent: "reset", baseVersion: "2" })).status).toBe(302);
    expect(await refusalOf(saveWording({ template: ACCEPTED, locale: "fr", baseVersion: 3, wording: "reset" }, admin.id))).toEqual({
      key: "emailTemplates.alreadyDefault",
      status: 409,
    });

    const editor = await wordingEditor(ACCEPTED, "fr");
    expect(editor.version).toBe(3);
    expect(editor.custom).toBeNull();
    expect(editor.history.map((entry) => [entry.version, entry.isReset, entry.author])).toEqual([
      [3, true, "Imane Sebti"],
      [2, false, "Imane Sebti"],
      [1, false, "Imane Sebti"],
    ]);
    const changeOf2 = editor.history[1].changes;
    expect(changeOf2.filter((c) => c.removed).map((c) => c.value)).toEqual([expect.stringContaining("Bonne nouvelle")]);
    expect(changeOf2.filter((c) => c.added).map((c) => c.value)).toEqual([expect.stringContaining("Excellente nouvelle")]);

    const audit = await db.auditEvent.findMany({
      where: { subjectType: "EmailTemplateVersion", actorId: admin.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((event) => event.type)).toEqual(["EMAIL_TEMPLATE_CHANGED", "EMAIL_TEMPLATE_CHANGED", "EMAIL_TEMPLATE_RESET"]);

    // The page: the wording in use and the history, dates written on the server.
    const page = await callRoute(loader, { path: `/admin/emails/${ACCEPTED}/fr`, params: { template: ACCEPTED, locale: "fr" }, cookie });
    const data = await page.json();
    expect(data.custom).toBe(false);
    expect(data.history[0].createdAt).toBe(formatDate(editor.history[0].createdAt, "fr", "dateTime"));
    const index = await (await callRoute(indexLoader, { path: "/admin/emails", cookie })).json();
    const row = index.templates.find((entry: { template: string }) => entry.template === ACCEPTED);
    expect(row.locales.find((l: { locale: string }) => l.locale === "fr")).toMatchObject({
      version: 3,
      custom: false,
      changedBy: "Imane Sebti",
    });
  });

  it("answers 404 for a template or a language that does not exist", async () => {
    const { cookie } = await adminSession();
    for (const [template, locale] of [
      ["no-such-email", "fr"],
      [ACCEPTED, "de"],
    ]) {
      const response = await callRoute(loader, { path: `/admin/emails/${template}/${locale}`, params: { template, locale }, cookie });
      expect(response.status).toBe(404);
    }
  });
});

describe("two admins saving at once", () => {
  it("lets exactly one save of each version land; the others are told someone changed it", async () => {
    const admins = await Promise.all(Array.from({ length: 6 }, () => createTestUser({ roles: ["ADMIN"] })));
    for (let round = 0; round < 8; round += 1) {
      const results = await Promise.all(
        admins.map((admin, index) =>
          refusalOf(
            saveWording(
              {
                template: "screening-passed",
                locale: "en",
                baseVersion: round,
                wording: { subject: `Round ${round} by ${index}`, body: "Good news.\n\n{{applicationUrl}}" },
              },
              admin.id,
            ),
          ),
        ),
      );
      expect(results.filter((result) => result === "accepted")).toHaveLength(1);
      expect(results.filter((result) => result !== "accepted")).toEqual(
        Array.from({ length: admins.length - 1 }, () => ({ key: "emailTemplates.stale", status: 409 })),
      );
    }
    const versions = await db.emailTemplateVersion.findMany({
      where: { template: "screening-passed", locale: "en" },
      orderBy: { version: "asc" },
    });
    expect(versions.map((version) => version.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe("the wording an email records", () => {
  it("is read again for each email queued outside a transaction, so an edit in between is never missed", async () => {
    const { admin } = await adminSession();
    const payload = SAMPLE_PAYLOADS["offer-expired"];
    const wording = (subject: string) => ({ subject, body: "{{applicationUrl}}" });
    const queue = (key: string) =>
      enqueueEmail(db, { to: `${key}@example.test`, template: "offer-expired", locale: "en", payload, dedupeKey: key });
    const base = (await wordingEditor("offer-expired", "en")).version;
    await saveWording({ template: "offer-expired", locale: "en", baseVersion: base, wording: wording("First") }, admin.id);
    await queue("outside-1");
    await saveWording({ template: "offer-expired", locale: "en", baseVersion: base + 1, wording: wording("Second") }, admin.id);
    await queue("outside-2");
    const versionOf = async (key: string) =>
      (await db.outboxEmail.findUniqueOrThrow({ where: { dedupeKey: key }, include: { templateVersion: true } })).templateVersion?.version;
    expect([await versionOf("outside-1"), await versionOf("outside-2")]).toEqual([base + 1, base + 2]);
  });
});

describe("emails rendered from a version", () => {
  it("records the version in use when queued and sends it, even after a later edit; after a reset, the default", async () => {
    const { admin } = await adminSession();
    const payload = SAMPLE_PAYLOADS[ACCEPTED];
    const queue = (dedupeKey: string, locale: "fr" | "en" = "fr") =>
      db.$transaction((tx) => enqueueEmail(tx, { to: `${dedupeKey}@example.test`, template: ACCEPTED, locale, payload, dedupeKey }));

    // Whatever versions the French wording already has, three more.
    const base = (await wordingEditor(ACCEPTED, "fr")).version;
    await saveWording({ template: ACCEPTED, locale: "fr", baseVersion: base, wording: WORDING }, admin.id);
    await queue("v1");
    await queue("en-default", "en");
    await saveWording(
      { template: ACCEPTED, locale: "fr", baseVersion: base + 1, wording: { ...WORDING, subject: "Version 2 : {{projectName}}" } },
      admin.id,
    );
    await queue("v2");
    await saveWording({ template: ACCEPTED, locale: "fr", baseVersion: base + 2, wording: "reset" }, admin.id);
    await queue("reset");

    const rows = await db.outboxEmail.findMany({ include: { templateVersion: { select: { version: true } } } });
    const versionOf = (key: string) => rows.find((row) => row.dedupeKey === key)?.templateVersion?.version ?? null;
    expect([versionOf("v1"), versionOf("en-default"), versionOf("v2"), versionOf("reset")]).toEqual([base + 1, null, base + 2, null]);
    expect(await db.$transaction((tx) => wordingInUse(tx, ACCEPTED, "fr"))).toBeNull();

    expect(await runOutboxOnce({ transport })).toMatchObject({ sent: 4 });
    const subjectTo = (key: string) => smtp.received.find((email) => email.to.includes(`${key}@example.test`))?.subject;
    const deadline = formatDate(payload.respondBy, "fr", "dateTime");
    expect(subjectTo("v1")).toBe(`Action requise : Une place pour Atlas Agritech — avant le ${deadline}`);
    expect(subjectTo("v2")).toBe(`Action requise : Version 2 : Atlas Agritech — avant le ${deadline}`);
    expect(subjectTo("reset")).toBe(`Action requise : Projet retenu : Atlas Agritech — avant le ${deadline}`);
    expect(subjectTo("en-default")).toBe(
      `Action required: Project accepted: Atlas Agritech — by ${formatDate(payload.respondBy, "en", "dateTime")}`,
    );
    const v1 = smtp.received.find((email) => email.to.includes("v1@example.test"))!;
    expect(v1.text).toContain("Bonne nouvelle pour Atlas Agritech : une place vous attend dans Green Tech Agadir — Promotion 2027.");
    expect(v1.html).toContain(`href="${payload.offerUrl}"`);
  });
});
