import fs from "node:fs";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import type { ApplicationStatus, Locale } from "~/domain/constants.ts";
import { catalogs } from "~/i18n/catalogs.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { loader as dashboardLoader } from "~/routes/founder._index.tsx";
import { action as applicationAction, loader as applicationLoader } from "~/routes/founder.applications.$id._index.tsx";
import { action as autosaveAction } from "~/routes/founder.applications.$id.autosave.tsx";
import { action as editAction, loader as editLoader } from "~/routes/founder.applications.$id.edit.$step.tsx";
import { action as applyAction, loader as applyLoader } from "~/routes/calls.$slug_.apply.tsx";
import { loader as fileLoader } from "~/routes/files.$id.tsx";
import { openStoredFile, storageDir } from "~/storage/files.server.ts";
import { createTestUser } from "../support/factories.ts";
import {
  closeCallDeadline,
  COMPLETE_PROJECT,
  completeApplicationForm,
  completeTeam,
  createApplication,
  createIntakeSetup,
  createOpenCall,
  pdfBuffer,
  recordStatusHistory,
} from "../support/intake-factories.ts";
import { expectFlashShownOnce, expectRedirectWithFlash } from "../support/flash.ts";
import { callRoute, expectRedirect, expectStatusWithBody, invokeRoute } from "../support/remix.ts";
// Through the login route, each from its own address; an admin's second step with its authenticator's code.
import { signIn } from "../support/review-factories.ts";

beforeAll(async () => {
  await dbReady;
});

const MB = 1024 * 1024;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const WINDOWS_EXECUTABLE = Buffer.concat([Buffer.from("MZ"), Buffer.from([0x90, 0, 3, 0, 0, 0, 4, 0]), Buffer.alloc(512, 0)]);

// ---------------------------------------------------------------------------
// Talking to the routes

/** Runs a loader or action on a hand-built request (multipart bodies), returning thrown responses too. */
/** The Apply page (GET), which only reads. */
function openApply(cookie: string, slug: string) {
  return callRoute(applyLoader, { path: `/calls/${slug}/apply`, cookie, params: { slug } });
}

/** Its "Start my application" button (POST). */
function apply(cookie: string, slug: string) {
  return callRoute(applyAction, { path: `/calls/${slug}/apply`, cookie, params: { slug }, form: {} });
}

function download(cookie: string | null, attachmentId: string) {
  return callRoute(fileLoader, { path: `/files/${attachmentId}`, cookie, params: { id: attachmentId } });
}

/** Everything a founder (signed in with `cookie`) can do to application `id`, through its routes. */
function asFounder(cookie: string, id: string) {
  const base = `/founder/applications/${id}`;
  const edit = (step: string, form: Record<string, string>) =>
    callRoute(editAction, { path: `${base}/edit/${step}`, form, cookie, params: { id, step } });
  return {
    base,
    load: (step: string, query = "") => callRoute(editLoader, { path: `${base}/edit/${step}${query}`, cookie, params: { id, step } }),
    save: edit,
    autosave: (form: Record<string, string>) => callRoute(autosaveAction, { path: `${base}/autosave`, form, cookie, params: { id } }),
    submit: (options: { consent?: boolean } = {}) =>
      edit("review", { intent: "submit", ...(options.consent === false ? {} : { consent: "on" }) }),
    deleteAttachment: (attachmentId: string) => edit("documents", { intent: "deleteAttachment", attachmentId }),
    upload(field: "pitchDeck" | "otherFile", content: Buffer, fileName: string, type = "application/pdf") {
      const body = new FormData();
      body.append("intent", "upload");
      body.append(field, new File([Uint8Array.from(content)], fileName, { type }));
      const request = new Request(`http://localhost${base}/edit/documents`, { method: "POST", headers: { Cookie: cookie }, body });
      return invokeRoute(editAction, request, { id, step: "documents" });
    },
    overview: () => callRoute(applicationLoader, { path: base, cookie, params: { id } }),
    withdraw: (version: number, options: { confirm?: boolean } = {}) =>
      callRoute(applicationAction, {
        path: base,
        form: { version: String(version), ...(options.confirm === false ? {} : { confirm: "on" }) },
        cookie,
        params: { id },
      }),
  };
}
type FounderClient = ReturnType<typeof asFounder>;

// ---------------------------------------------------------------------------
// Starting points

/** A founder signed in, with a fresh call and an application built by the factory (complete DRAFT by default). */
async function founderWithApplication(options: { status?: ApplicationStatus; version?: number; founderLocale?: Locale } = {}) {
  const setup = await createIntakeSetup({ founderLocale: options.founderLocale });
  const { application, pitchDeck } = await createApplication({ ...setup, status: options.status, version: options.version });
  const cookie = await signIn(setup.founder);
  return { ...setup, application, pitchDeck, cookie, founderClient: asFounder(cookie, application.id) };
}

/** A founder signed in who has just clicked Apply on a fresh call: an empty draft. */
async function founderWithNewDraft() {
  const setup = await createIntakeSetup();
  const cookie = await signIn(setup.founder);
  const response = await apply(cookie, setup.call.slug);
  expect(response.status).toBe(302);
  const id = /^\/founder\/applications\/([^/]+)\/edit\/project$/.exec(response.headers.get("Location") ?? "")?.[1];
  expect(id).toBeTruthy();
  return { ...setup, cookie, id: id!, founderClient: asFounder(cookie, id!) };
}

/** The application with its team and files, its audit trail and the outbox size: to show that nothing changed. */
async function snapshot(applicationId: string) {
  const [application, auditTrail, outboxEmails] = await Promise.all([
    db.application.findUniqueOrThrow({ where: { id: applicationId }, include: { teamMembers: true, attachments: true } }),
    db.auditEvent.findMany({ where: { subjectId: applicationId }, orderBy: { createdAt: "asc" } }),
    db.outboxEmail.count(),
  ]);
  return { application, auditTrail, outboxEmails };
}

const auditEvents = (applicationId: string, type: string) => db.auditEvent.findMany({ where: { subjectId: applicationId, type } });

// ---------------------------------------------------------------------------

describe("starting an application", () => {
  it("Apply starts one draft per founder and call, and resumes it afterwards", async () => {
    const { founder, call, cookie, id } = await founderWithNewDraft();
    expectRedirect(await apply(cookie, call.slug), `/founder/applications/${id}/edit/project`);
    const racing = await Promise.all([apply(cookie, call.slug), apply(cookie, call.slug)]);
    for (const response of racing) expectRedirect(response, `/founder/applications/${id}/edit/project`);

    expect(await db.application.count({ where: { founderId: founder.id, callId: call.id } })).toBe(1);
    expect(await auditEvents(id, "APPLICATION_STARTED")).toHaveLength(1);
    const draft = await db.application.findUniqueOrThrow({ where: { id }, include: { teamMembers: true } });
    expect(draft.status).toBe("DRAFT");
    expect(draft.teamMembers.map(({ name, email }) => ({ name, email }))).toEqual([{ name: founder.name, email: founder.email }]);
  });
});

describe("saving a draft", () => {
  it("drops a NUL character posted in a field, and saves the rest of the text (PostgreSQL's text cannot hold one)", async () => {
    const { founderClient } = await founderWithNewDraft();
    expect(
      (await founderClient.save("project", { projectName: "Argan\u0000 Tech", problem: "\u0000Oasis\u0000", goto: "project" })).status,
    ).toBe(302);
    const data = await (await founderClient.load("project")).json();
    expect(data.fields).toMatchObject({ projectName: "Argan Tech", problem: "Oasis" });
  });

  it("saves each step from a plain form post and shows it again when the step is loaded", async () => {
    const { site, alternateSite, soonSite, founder, founderClient } = await founderWithNewDraft();
    const form = completeApplicationForm({ preferredSiteId: site.id, alternateSiteId: alternateSite.id, founder });
    const pick = (...keys: string[]) => Object.fromEntries(keys.map((key) => [key, form[key]]));

    const project = pick("projectName", "tagline", "problem", "solution", "market", "traction", "stage");
    expectRedirect(await founderClient.save("project", { ...project, goto: "team" }), `${founderClient.base}/edit/team`);
    // The spare blank row of the no-JavaScript form is not a member.
    const team = {
      ...pick("team.0.name", "team.0.email", "team.0.role", "team.1.name", "team.1.email", "team.1.role"),
      "team.2.name": "",
      "team.2.email": "",
      "team.2.role": "",
    };
    expectRedirect(await founderClient.save("team", { ...team, goto: "site" }), `${founderClient.base}/edit/site`);
    expectRedirect(
      await founderClient.save("site", { ...pick("sector", "preferredSiteId", "alternateSiteId"), goto: "documents" }),
      `${founderClient.base}/edit/documents`,
    );

    const response = await founderClient.load("project");
    expect(response.status).toBe(200);
    const data = await response.json();
    expect(data.fields).toMatchObject({ ...COMPLETE_PROJECT, preferredSiteId: site.id, alternateSiteId: alternateSite.id });
    expect(data.submitted).toBe(false);
    expect(data.teamMembers).toEqual(completeTeam(founder));
    expect(data.editable).toBe(true);
    expect(data.checkErrors).toEqual({});
    expect(data.sites).toContainEqual(expect.objectContaining({ id: soonSite.id, status: "OPENING_SOON" }));
  });

  it("autosaves through the JSON route", async () => {
    const { id, founderClient } = await founderWithNewDraft();
    const response = await founderClient.autosave({ projectName: "Argane Solaire", tagline: COMPLETE_PROJECT.tagline, stage: "MVP" });
    await expectStatusWithBody(response, 200, { saved: true, errors: {} });
    expect(await db.application.findUniqueOrThrow({ where: { id } })).toMatchObject({
      projectName: "Argane Solaire",
      tagline: COMPLETE_PROJECT.tagline,
      stage: "MVP",
    });
  });

  it("reports an over-long tagline and still saves the other fields of the same post", async () => {
    const { id, founderClient } = await founderWithNewDraft();
    await founderClient.save("project", { tagline: "The first tagline, short enough" });

    const tooLong = "x".repeat(141);
    const response = await founderClient.save("project", {
      projectName: "Argane Solaire",
      tagline: tooLong,
      problem: COMPLETE_PROJECT.problem,
      goto: "team",
    });
    await expectStatusWithBody(response, 400, { errors: { tagline: "errors.taglineTooLong" } });
    expect(await db.application.findUniqueOrThrow({ where: { id } })).toMatchObject({
      projectName: "Argane Solaire",
      problem: COMPLETE_PROJECT.problem,
      tagline: "The first tagline, short enough",
    });

    const autosaved = await founderClient.autosave({ market: COMPLETE_PROJECT.market, tagline: tooLong });
    await expectStatusWithBody(autosaved, 200, { saved: true, errors: { tagline: "errors.taglineTooLong" } });
    expect(await db.application.findUniqueOrThrow({ where: { id } })).toMatchObject({
      market: COMPLETE_PROJECT.market,
      tagline: "The first tagline, short enough",
    });
  });

  it("refuses a site that is not open yet or has no cohort in the call", async () => {
    const { id, soonSite, founderClient } = await founderWithNewDraft();
    const elsewhere = await db.site.create({ data: { slug: `elsewhere-${id}`, name: "Elsewhere", nameAr: "مكان آخر" } });
    const response = await founderClient.save("site", { sector: "NEW_TECH", preferredSiteId: soonSite.id, alternateSiteId: elsewhere.id });
    await expectStatusWithBody(response, 400, {
      errors: { preferredSiteId: "errors.siteUnavailable", alternateSiteId: "errors.siteUnavailable" },
    });
    expect(await db.application.findUniqueOrThrow({ where: { id } })).toMatchObject({
      sector: "NEW_TECH",
      preferredSiteId: null,
      alternateSiteId: null,
    });
  });
});

describe("submitting", () => {
  it("sends an incomplete application back to the first step with errors, showing that step's errors", async () => {
    const { id, founderClient } = await founderWithNewDraft();
    expectRedirect(await founderClient.submit(), `${founderClient.base}/edit/project?check=1`);
    const project = await (await founderClient.load("project", "?check=1")).json();
    expect(project.checkErrors).toEqual({
      projectName: "errors.required",
      tagline: "errors.textTooShort",
      problem: "errors.textTooShort",
      solution: "errors.textTooShort",
      market: "errors.textTooShort",
      traction: "errors.textTooShort",
      stage: "errors.choose",
    });
    expect((await (await founderClient.load("project")).json()).checkErrors).toEqual({});

    // With the project step done, the team step (the founder's role is still empty) is next.
    const { sector: _sector, ...projectStep } = COMPLETE_PROJECT;
    await founderClient.save("project", projectStep);
    expectRedirect(await founderClient.submit(), `${founderClient.base}/edit/team?check=1`);
    expect((await (await founderClient.load("team", "?check=1")).json()).checkErrors).toEqual({ "team.0.role": "errors.required" });

    expect((await db.application.findUniqueOrThrow({ where: { id } })).status).toBe("DRAFT");
    expect(await auditEvents(id, "TRANSITION_submit")).toHaveLength(0);
  });

  it("needs the consent box ticked", async () => {
    const { application, founderClient } = await founderWithApplication();
    await expectStatusWithBody(await founderClient.submit({ consent: false }), 400, { errors: { consent: "errors.consentRequired" } });
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).status).toBe("DRAFT");
  });

  it("submits a complete application with one audit event and one email in the founder's language", async () => {
    const { application, founder, founderClient, cookie } = await founderWithApplication({ founderLocale: "ar" });
    // Said once, on the overview, in the founder's language (the flash, not a query flag).
    const said = await expectFlashShownOnce(
      await founderClient.submit(),
      founderClient.base,
      { kind: "success", key: "apply.submittedMessage" },
      [cookie],
    );
    expect(said).toBe(catalogs.ar.apply.submittedMessage);

    const submitted = await db.application.findUniqueOrThrow({ where: { id: application.id } });
    expect(submitted).toMatchObject({ status: "SUBMITTED", version: 2 });
    expect(submitted.submittedAt).toBeInstanceOf(Date);
    const events = await auditEvents(application.id, "TRANSITION_submit");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: founder.id, subjectType: "Application", fromState: "DRAFT", toState: "SUBMITTED" });
    const emails = await db.outboxEmail.findMany({ where: { to: founder.email } });
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ template: "application-submitted", locale: "ar", status: "PENDING" });
    expect(JSON.parse(emails[0].payload)).toMatchObject({ projectName: COMPLETE_PROJECT.projectName, name: founder.name });

    const overview = await (await founderClient.overview()).json();
    expect(overview).toMatchObject({ status: "SUBMITTED", editable: true, canWithdraw: true, version: 2 });
    expect(overview.timeline.visibleStatus).toBe("SUBMITTED");
  });

  it("submits once when two submits race, and both see success", async () => {
    const { application, founder, founderClient } = await founderWithApplication();
    const responses = await Promise.all([founderClient.submit(), founderClient.submit()]);
    for (const response of responses)
      await expectRedirectWithFlash(response, founderClient.base, { kind: "success", key: "apply.submittedMessage" });

    expect(await db.application.findUniqueOrThrow({ where: { id: application.id } })).toMatchObject({ status: "SUBMITTED", version: 2 });
    expect(await auditEvents(application.id, "TRANSITION_submit")).toHaveLength(1);
    expect(await db.outboxEmail.count({ where: { to: founder.email, template: "application-submitted" } })).toBe(1);
  });
});

describe("editing after submission", () => {
  it("lets the founder edit a submitted application before the deadline, audited", async () => {
    const { application, founderClient } = await founderWithApplication({ status: "SUBMITTED" });
    const tagline = "Solar argan presses, paid per litre, for rural cooperatives";
    expectRedirect(await founderClient.save("project", { tagline, goto: "project" }), `${founderClient.base}/edit/project`);

    // Every write to the application bumps its version, so a page showing the old one cannot act on it unseen.
    expect(await db.application.findUniqueOrThrow({ where: { id: application.id } })).toMatchObject({
      tagline,
      status: "SUBMITTED",
      version: 3,
    });
    const edits = await auditEvents(application.id, "APPLICATION_EDITED");
    expect(edits).toHaveLength(1);
    expect(JSON.parse(edits[0].details)).toEqual({ fields: ["tagline"] });
  });

  it("does not let a submitted application lose required fields", async () => {
    const { application, founderClient } = await founderWithApplication({ status: "SUBMITTED" });
    const response = await founderClient.save("project", { projectName: "", tagline: "" });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await db.application.findUniqueOrThrow({ where: { id: application.id } })).toMatchObject({
      projectName: COMPLETE_PROJECT.projectName,
      tagline: COMPLETE_PROJECT.tagline,
    });
  });

  it("does not let a submitted application lose its pitch deck", async () => {
    const { application, pitchDeck, founderClient } = await founderWithApplication({ status: "SUBMITTED" });
    await founderClient.deleteAttachment(pitchDeck.id);
    expect(await db.attachment.count({ where: { applicationId: application.id, kind: "PITCH_DECK" } })).toBe(1);
  });
});

describe("after the deadline", () => {
  it("refuses saving, autosaving, uploading, deleting files and submitting, and changes nothing", async () => {
    const { application, call, pitchDeck, founderClient } = await founderWithApplication();
    await closeCallDeadline(call.id);
    const before = await snapshot(application.id);

    await expectStatusWithBody(await founderClient.save("project", { projectName: "Too late" }), 409, {
      ok: false,
      message: "lifecycle.readOnly",
    });
    await expectStatusWithBody(await founderClient.autosave({ projectName: "Too late" }), 409, {
      ok: false,
      message: "lifecycle.readOnly",
    });
    await expectStatusWithBody(await founderClient.upload("pitchDeck", pdfBuffer(), "late.pdf"), 409, {
      ok: false,
      message: "lifecycle.readOnly",
    });
    await expectStatusWithBody(await founderClient.deleteAttachment(pitchDeck.id), 409, { ok: false, message: "lifecycle.readOnly" });
    await expectStatusWithBody(await founderClient.submit(), 409, { ok: false, message: "lifecycle.deadlinePassed" });

    expect(await snapshot(application.id)).toEqual(before);
    expect((await (await founderClient.load("project")).json()).editable).toBe(false);
  });

  it("keeps a submitted application read-only", async () => {
    const { application, call, founderClient } = await founderWithApplication({ status: "SUBMITTED" });
    await closeCallDeadline(call.id);
    const before = await snapshot(application.id);
    await expectStatusWithBody(await founderClient.save("project", { tagline: "A late change of tagline" }), 409, {
      ok: false,
      message: "lifecycle.readOnly",
    });
    expect(await snapshot(application.id)).toEqual(before);
  });

  it("opening the Apply page starts nothing: it asks first, and resumes an application already started", async () => {
    const { founder, call, cookie } = await createIntakeSetup().then(async (setup) => ({ ...setup, cookie: await signIn(setup.founder) }));
    const page = await openApply(cookie, call.slug);
    expect(page.status).toBe(200);
    expect(await page.json()).toEqual({
      // No eligibility questions: the founder only confirms.
      eligibility: { questions: [], rules: [] },
      call: {
        title: { text: call.title, lang: "fr", dir: "ltr", inFrench: false },
        closesAt: call.closesAt.toISOString(),
        closesAtText: formatDate(call.closesAt, "fr", "dateTime"),
      },
    });
    expect(await db.application.count({ where: { founderId: founder.id, callId: call.id } })).toBe(0);
    const started = await apply(cookie, call.slug);
    const id = /^\/founder\/applications\/([^/]+)\/edit\/project$/.exec(started.headers.get("Location") ?? "")?.[1];
    expect(id).toBeTruthy();
    expectRedirect(await openApply(cookie, call.slug), `/founder/applications/${id}/edit/project`);
    expect(await db.application.count({ where: { founderId: founder.id, callId: call.id } })).toBe(1);
  });

  it("starts no draft on a call an admin opened before its opening date", async () => {
    const { call } = await createIntakeSetup();
    await db.call.update({ where: { id: call.id }, data: { opensAt: new Date(Date.now() + 24 * 60 * 60 * 1000) } });
    const early = await signIn(await createTestUser());
    expectRedirect(await openApply(early, call.slug), `/calls/${call.slug}`);
    // The call's page says why: the refusal comes with the redirect, as an error flash.
    await expectFlashShownOnce(await apply(early, call.slug), `/calls/${call.slug}`, { kind: "error", key: "lifecycle.callNotOpenYet" });
    expect(await db.application.count({ where: { callId: call.id } })).toBe(0);
  });

  it("no longer starts a draft when a founder clicks Apply", async () => {
    const { call } = await createIntakeSetup();
    await closeCallDeadline(call.id);
    const latecomer = await createTestUser();
    const latecomerCookie = await signIn(latecomer);
    expectRedirect(await openApply(latecomerCookie, call.slug), `/calls/${call.slug}`);
    await expectFlashShownOnce(await apply(latecomerCookie, call.slug), `/calls/${call.slug}`, {
      kind: "error",
      key: "lifecycle.deadlinePassed",
    });
    expect(await db.application.count({ where: { callId: call.id } })).toBe(0);
  });
});

describe("uploads", () => {
  const attachmentsOf = (applicationId: string) => db.attachment.findMany({ where: { applicationId }, orderBy: { createdAt: "asc" } });

  /** Uploads a file that must be refused with `messageKey`, leaving the attachments as they were. */
  async function expectRefused(
    founderClient: FounderClient,
    applicationId: string,
    upload: Parameters<FounderClient["upload"]>,
    messageKey: string,
  ) {
    const before = await attachmentsOf(applicationId);
    await expectStatusWithBody(await founderClient.upload(...upload), 400, { ok: false, message: messageKey });
    expect(await attachmentsOf(applicationId)).toEqual(before);
  }

  it("stores a PDF pitch deck under its hash, replacing the previous one, audited", async () => {
    const { application, pitchDeck, founderClient } = await founderWithApplication();
    const content = pdfBuffer();
    expectRedirect(await founderClient.upload("pitchDeck", content, "deck-v2.pdf"), `${founderClient.base}/edit/documents`);

    const attachments = await attachmentsOf(application.id);
    expect(attachments).toHaveLength(1);
    expect(attachments[0]).toMatchObject({
      kind: "PITCH_DECK",
      fileName: "deck-v2.pdf",
      mimeType: "application/pdf",
      size: content.length,
    });
    expect(attachments[0].id).not.toBe(pitchDeck.id);
    expect(await buffer(openStoredFile(attachments[0].storageKey))).toEqual(content);
    expect(fs.existsSync(path.join(storageDir(), pitchDeck.storageKey))).toBe(false);
    expect(await auditEvents(application.id, "ATTACHMENT_ADDED")).toHaveLength(1);
  });

  it("refuses a file over 10 MB", async () => {
    const { application, founderClient } = await founderWithApplication();
    const huge = Buffer.concat([pdfBuffer(), Buffer.alloc(11 * MB, "x")]);
    await expectRefused(founderClient, application.id, ["pitchDeck", huge, "huge.pdf"], "errors.fileTooLarge");
  });

  it("refuses a PNG as pitch deck, though it is fine as another file", async () => {
    const { application, founderClient } = await founderWithApplication();
    await expectRefused(founderClient, application.id, ["pitchDeck", PNG, "deck.png", "image/png"], "errors.fileType");
    expectRedirect(await founderClient.upload("otherFile", PNG, "team.png", "image/png"), `${founderClient.base}/edit/documents`);
    expect((await attachmentsOf(application.id)).map((a) => [a.kind, a.mimeType])).toEqual([
      ["PITCH_DECK", "application/pdf"],
      ["OTHER", "image/png"],
    ]);
  });

  it("refuses an executable named and labelled as a PDF", async () => {
    const { application, founderClient } = await founderWithApplication();
    await expectRefused(founderClient, application.id, ["pitchDeck", WINDOWS_EXECUTABLE, "deck.pdf", "application/pdf"], "errors.fileType");
  });

  it.each([
    ["../../etc/passwd.pdf", "passwd.pdf"],
    ["..\\..\\Windows\\win.ini.pdf", "win.ini.pdf"],
    ["..\u202Egnp.pdf", "gnp.pdf"],
  ])("keeps only a safe name from %j, and never uses it as a path", async (uploadedName, safeName) => {
    const { application, founderClient, cookie } = await founderWithApplication();
    const content = pdfBuffer();
    expectRedirect(await founderClient.upload("pitchDeck", content, uploadedName), `${founderClient.base}/edit/documents`);

    const [attachment] = await attachmentsOf(application.id);
    expect(attachment.fileName).toBe(safeName);
    expect(attachment.storageKey).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{64}$/);
    expect(fs.existsSync(path.resolve(storageDir(), "../../etc/passwd.pdf"))).toBe(false);
    const downloaded = await download(cookie, attachment.id);
    expect(downloaded.headers.get("Content-Disposition")).toContain(`filename="${safeName}"`);
    expect(Buffer.from(await downloaded.arrayBuffer())).toEqual(content);
  });
});

describe("downloading the pitch deck", () => {
  it("serves it to the owner, an admin and an assigned reviewer only", async () => {
    const { application, pitchDeck, cookie } = await founderWithApplication({ status: "SUBMITTED" });
    const [admin, assigned, unassigned, conflicted, otherFounder] = await Promise.all([
      createTestUser({ roles: ["ADMIN"] }),
      createTestUser({ roles: ["REVIEWER"] }),
      createTestUser({ roles: ["REVIEWER"] }),
      createTestUser({ roles: ["REVIEWER"] }),
      createTestUser({ roles: ["FOUNDER"] }),
    ]);
    await db.reviewAssignment.createMany({
      data: [
        { applicationId: application.id, reviewerId: assigned.id },
        { applicationId: application.id, reviewerId: conflicted.id, status: "CONFLICT" },
      ],
    });
    const stored = await buffer(openStoredFile(pitchDeck.storageKey));

    for (const [who, userCookie] of [
      ["owner", cookie],
      ["admin", await signIn(admin)],
      ["assigned reviewer", await signIn(assigned)],
    ] as const) {
      const response = await download(userCookie, pitchDeck.id);
      expect(response.status, who).toBe(200);
      expect(response.headers.get("Content-Type"), who).toBe("application/pdf");
      expect(response.headers.get("Content-Disposition"), who).toContain('filename="pitch-deck.pdf"');
      expect(Buffer.from(await response.arrayBuffer()), who).toEqual(stored);
    }
    for (const [who, user] of [
      ["unassigned reviewer", unassigned],
      ["conflicted reviewer", conflicted],
      ["another founder", otherFounder],
    ] as const) {
      expect((await download(await signIn(user), pitchDeck.id)).status, who).toBe(404);
    }
    const anonymous = await download(null, pitchDeck.id);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?/);
  });
});

describe("withdrawing", () => {
  it("withdraws a submitted application at the version the page showed", async () => {
    const { application, founder, founderClient } = await founderWithApplication({ status: "SUBMITTED" });
    expectRedirect(await founderClient.withdraw(2), founderClient.base);

    const withdrawn = await db.application.findUniqueOrThrow({ where: { id: application.id } });
    expect(withdrawn).toMatchObject({ status: "WITHDRAWN", version: 3 });
    expect(withdrawn.withdrawnAt).toBeInstanceOf(Date);
    const events = await auditEvents(application.id, "TRANSITION_withdraw");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: founder.id, fromState: "SUBMITTED", toState: "WITHDRAWN" });
    expect(await founderClient.overview().then((r) => r.json())).toMatchObject({
      status: "WITHDRAWN",
      canWithdraw: false,
      editable: false,
    });
  });

  it("refuses a stale version with a conflict, changing nothing", async () => {
    const { application, founderClient } = await founderWithApplication({ status: "SUBMITTED", version: 3 });
    const before = await snapshot(application.id);
    await expectStatusWithBody(await founderClient.withdraw(2), 409, { ok: false, message: "lifecycle.stale" });
    expect(await snapshot(application.id)).toEqual(before);
  });

  it("needs the confirmation box ticked", async () => {
    const { application, founderClient } = await founderWithApplication({ status: "SUBMITTED" });
    await expectStatusWithBody(await founderClient.withdraw(2, { confirm: false }), 400, {
      ok: false,
      message: "apply.withdrawConfirmRequired",
    });
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).status).toBe("SUBMITTED");
  });

  it.each(["WITHDRAWN", "ENROLLED"] as const)("cannot withdraw an application already %s", async (status) => {
    const { application, founderClient } = await founderWithApplication({ status });
    const before = await snapshot(application.id);
    await expectStatusWithBody(await founderClient.withdraw(application.version), 409, {
      ok: false,
      message: "lifecycle.notAllowedFromStatus",
    });
    expect(await snapshot(application.id)).toEqual(before);
  });
});

describe("staged committee decisions", () => {
  const TO_COMMITTEE = ["SUBMITTED", "SCREENING", "REVIEW", "COMMITTEE"] as const;

  it.each(["ACCEPTED", "WAITLISTED", "REJECTED"] as const)(
    "keep a %s decision out of the founder's pages until released",
    async (decision) => {
      const { application, site, founder, cookie } = await founderWithApplication({ status: decision, version: 6 });
      await recordStatusHistory(application.id, [...TO_COMMITTEE, decision]);
      // The same founder's application to another call, still before the committee.
      const { application: waiting } = await createApplication({
        founder,
        site,
        call: await createOpenCall({ sites: [site] }),
        status: "COMMITTEE",
        version: 6,
      });
      await recordStatusHistory(waiting.id, [...TO_COMMITTEE]);

      const overview = async (id: string) => {
        const { id: _id, callTitle: _callTitle, ...data } = await (await asFounder(cookie, id).overview()).json();
        return data;
      };
      expect((await overview(application.id)).timeline.visibleStatus).toBe("COMMITTEE");
      // Soft, so one run shows every page that leaks.
      expect.soft(await overview(application.id)).toEqual(await overview(waiting.id));
      const pages = {
        dashboard: await callRoute(dashboardLoader, { path: "/founder", cookie }),
        wizard: await asFounder(cookie, application.id).load("review"),
      };
      for (const [page, response] of Object.entries(pages)) expect.soft(await response.text(), page).not.toContain(`"${decision}"`);

      await db.application.update({ where: { id: application.id }, data: { decisionReleasedAt: new Date() } });
      expect(await overview(application.id)).toMatchObject({ status: decision, timeline: { visibleStatus: decision } });
    },
  );
});

describe("someone else's application", () => {
  it("is not found for another founder, whatever they try", async () => {
    const { application, pitchDeck } = await founderWithApplication();
    const intruder = asFounder(await signIn(await createTestUser()), application.id);
    const before = await snapshot(application.id);

    const attempts: Record<string, Response> = {
      overview: await intruder.overview(),
      load: await intruder.load("project"),
      save: await intruder.save("project", { projectName: "Hijacked" }),
      autosave: await intruder.autosave({ projectName: "Hijacked" }),
      upload: await intruder.upload("pitchDeck", pdfBuffer(), "mine.pdf"),
      deleteAttachment: await intruder.deleteAttachment(pitchDeck.id),
      submit: await intruder.submit(),
      withdraw: await intruder.withdraw(application.version),
    };
    for (const [attempt, response] of Object.entries(attempts)) expect(response.status, attempt).toBe(404);
    expect(await snapshot(application.id)).toEqual(before);
  });

  it("is forbidden to staff on the founder routes", async () => {
    const { application } = await founderWithApplication();
    const reviewer = asFounder(await signIn(await createTestUser({ roles: ["REVIEWER"] })), application.id);
    expect((await reviewer.load("project")).status).toBe(403);
    expect((await reviewer.save("project", { projectName: "Hijacked" })).status).toBe(403);
  });
});
