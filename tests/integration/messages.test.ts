// Messages between an application's team and the staff (issue 18) against a real database: any member writes,
// the admins are emailed without the message, an answer clears the inbox and emails every member in their
// language, the inbox lists the longest waiting first, and two messages at once keep the oldest waiting time.
// A message may carry one PDF: checked like an application's uploads (a refused file stores nothing and keeps
// the text typed), downloaded by the team and the admins only, never sent by email, and sharing its stored
// file with an application's attachment of the same bytes without either removal deleting it from the other.
import { createHash } from "node:crypto";
import fsp from "node:fs/promises";
import fs from "node:fs";
import path from "node:path";
import type { ActionFunction } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { awaitingThreadCount, awaitingThreads, postStaffMessage, postTeamMessage, threadPage } from "~/models/message.server.ts";
import { deleteUnreferencedFiles } from "~/models/stored-files.server.ts";
import { action as teamAction, loader as teamLoader } from "~/routes/founder.applications.$id.messages.tsx";
import { action as editAction } from "~/routes/founder.applications.$id.edit.$step.tsx";
import { action as staffAction, loader as staffLoader } from "~/routes/admin.applications.$id_.messages.tsx";
import { loader as messageFileLoader } from "~/routes/messages.files.$id.tsx";
import type { ApplicationStatus } from "~/domain/constants.ts";
import { MAX_UPLOAD_BYTES } from "~/storage/file-type.ts";
import { openStoredFile, storageDir } from "~/storage/files.server.ts";
import { createTestUser, refusalOf } from "../support/factories.ts";
import { createApplication, createIntakeSetup, pdfBuffer } from "../support/intake-factories.ts";
import { callRoute, expectRedirect, invokeRoute } from "../support/remix.ts";
import { assignReviewer, attachFile, createReviewer, signIn } from "../support/review-factories.ts";

beforeAll(async () => {
  await dbReady;
});

const at = (iso: string) => new Date(iso);

/** A submitted application (or in `status`) with its lead (French) and a member (Arabic), and an admin (English). */
async function thread(status: ApplicationStatus = "SUBMITTED") {
  const { site, call } = await createIntakeSetup();
  const founder = await createTestUser({ roles: ["FOUNDER"], locale: "fr" });
  const { application, pitchDeck } = await createApplication({ founder, call, site, status });
  const member = await createTestUser({ roles: ["FOUNDER"], locale: "ar" });
  await db.teamMembership.create({ data: { applicationId: application.id, callId: call.id, userId: member.id, consentAt: new Date() } });
  const admin = await createTestUser({ roles: ["ADMIN"], locale: "en" });
  return { application, pitchDeck, founder, member, admin };
}

describe("a thread", () => {
  it("carries the team's question to the admins and the answer back to every member, each in their language, never the text by email", async () => {
    const s = await thread();
    const secret = "Notre chiffre d'affaires 2026 : 1,2 M MAD <script>alert(1)</script>";
    await postTeamMessage(s.application.id, s.member.id, { body: secret }, at("2026-11-20T09:00:00Z"));
    await postTeamMessage(s.application.id, s.founder.id, { body: "Une autre question." }, at("2026-11-20T10:00:00Z"));
    let stored = await db.application.findUniqueOrThrow({ where: { id: s.application.id } });
    // Waiting since the first unanswered message.
    expect(stored.messageAwaitingSince).toEqual(at("2026-11-20T09:00:00Z"));
    expect((await awaitingThreads()).map((row) => row.id)).toContain(s.application.id);

    const toAdmin = await db.outboxEmail.findMany({ where: { to: s.admin.email, template: "message-from-team" } });
    expect(toAdmin).toHaveLength(2);
    expect(toAdmin.map((email) => email.locale)).toEqual(["en", "en"]);
    for (const email of toAdmin) {
      expect(email.payload).not.toContain("chiffre");
      expect(JSON.parse(email.payload).threadUrl).toMatch(new RegExp(`/admin/applications/${s.application.id}/messages$`));
    }

    await postStaffMessage(s.application.id, s.admin.id, { body: "Bonne question : voici la réponse." }, at("2026-11-21T08:00:00Z"));
    stored = await db.application.findUniqueOrThrow({ where: { id: s.application.id } });
    expect(stored.messageAwaitingSince).toBeNull();
    expect((await awaitingThreads()).map((row) => row.id)).not.toContain(s.application.id);
    const toTeam = await db.outboxEmail.findMany({
      where: { template: "message-from-staff", to: { in: [s.founder.email, s.member.email] } },
      orderBy: { to: "asc" },
    });
    expect(Object.fromEntries(toTeam.map((email) => [email.to, email.locale]))).toEqual({
      [s.founder.email]: "fr",
      [s.member.email]: "ar",
    });
    for (const email of toTeam)
      expect(JSON.parse(email.payload).threadUrl).toMatch(new RegExp(`/founder/applications/${s.application.id}/messages$`));

    const shown = await threadPage(s.application.id, "fr");
    expect(shown!.messages.map((message) => [message.fromStaff, message.body])).toEqual([
      [false, secret],
      [false, "Une autre question."],
      [true, "Bonne question : voici la réponse."],
    ]);
    expect(await db.auditEvent.count({ where: { subjectId: s.application.id, type: { startsWith: "MESSAGE_" } } })).toBe(3);
  });

  it("refuses someone outside the team, and a blank message through the page", async () => {
    const s = await thread();
    const outsider = await createTestUser({ roles: ["FOUNDER"] });
    expect(await refusalOf(postTeamMessage(s.application.id, outsider.id, { body: "Bonjour" }))).toEqual({
      key: "errors.title404",
      status: 404,
    });
    const path = `/founder/applications/${s.application.id}/messages`;
    const params = { id: s.application.id };
    expect((await callRoute(teamLoader, { path, params, cookie: await signIn(outsider) })).status).toBe(404);
    const memberCookie = await signIn(s.member);
    const blank = await callRoute(teamAction, { path, params, cookie: memberCookie, form: { body: "   " } });
    expect(blank.status).toBe(400);
    expect(await blank.json()).toMatchObject({ errors: { body: "messages.errors.bodyRequired" } });
    const sent = await callRoute(teamAction, { path, params, cookie: memberCookie, form: { body: "Question du membre" } });
    expect(sent.status).toBe(302);
    const page = await callRoute(staffLoader, {
      path: `/admin/applications/${s.application.id}/messages`,
      params,
      cookie: await signIn(s.admin),
    });
    expect(((await page.json()) as { messages: Array<{ body: string }> }).messages.map((message) => message.body)).toEqual([
      "Question du membre",
    ]);
  });

  it("lists the threads awaiting an answer oldest first, and counts them", async () => {
    const before = await awaitingThreadCount();
    const [older, newer] = [await thread(), await thread()];
    await postTeamMessage(newer.application.id, newer.founder.id, { body: "Plus récent" }, at("2020-01-02T00:00:00Z"));
    await postTeamMessage(older.application.id, older.founder.id, { body: "Plus ancien" }, at("2020-01-01T00:00:00Z"));
    const ids = (await awaitingThreads()).map((row) => row.id);
    expect(ids.indexOf(older.application.id)).toBeLessThan(ids.indexOf(newer.application.id));
    expect(await awaitingThreadCount()).toBe(before + 2);
  });
});

describe("at the same moment", () => {
  it("two messages of the team keep the thread waiting since the older one, many times over", async () => {
    for (let round = 0; round < 8; round++) {
      const s = await thread();
      const [first, second] = [at("2026-11-20T09:00:00Z"), at("2026-11-20T09:00:05Z")];
      await Promise.all([
        postTeamMessage(s.application.id, s.member.id, { body: "Deuxième" }, second),
        postTeamMessage(s.application.id, s.founder.id, { body: "Première" }, first),
      ]);
      const stored = await db.application.findUniqueOrThrow({ where: { id: s.application.id } });
      expect(stored.messageAwaitingSince, `round ${round}`).toEqual(first);
      expect(await db.message.count({ where: { applicationId: s.application.id } })).toBe(2);
    }
  });
});

// ---------------------------------------------------------------------------
// PDFs carried by messages

type Thread = Awaited<ReturnType<typeof thread>>;
type Upload = { content: Buffer | Uint8Array; name?: string; type?: string };

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

const storageKeyOf = (content: Buffer | Uint8Array) => {
  const sha256 = createHash("sha256").update(content).digest("hex");
  return `${sha256.slice(0, 2)}/${sha256}`;
};
const isStored = (storageKey: string) => fs.existsSync(path.join(storageDir(), storageKey));
/** The uploads staged and not yet placed or discarded (this file's storage is its own: tests/support/worker-database.ts). */
const stagedFiles = () => fsp.readdir(path.join(storageDir(), "tmp")).catch(() => [] as string[]);
const bytesOf = async (stream: AsyncIterable<Uint8Array>) => {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
};

/** Posts a message form as the browser sends it (multipart: the text first, then the file input, empty or not). */
async function postForm(
  side: "team" | "staff",
  s: Thread,
  user: { email: string },
  body: string | null,
  file?: Upload,
  headers: Record<string, string> = {},
) {
  const form = new FormData();
  if (body !== null) form.append("body", body);
  form.append(
    "file",
    file ? new File([Uint8Array.from(file.content)], file.name ?? "plan.pdf", { type: file.type ?? "application/pdf" }) : new File([], ""),
  );
  const path = side === "team" ? `/founder/applications/${s.application.id}/messages` : `/admin/applications/${s.application.id}/messages`;
  const action: ActionFunction = side === "team" ? teamAction : staffAction;
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { ...headers, Cookie: await signIn(user) },
    body: form,
  });
  return invokeRoute(action, request, { id: s.application.id });
}

/** Downloads a message's file as `user` (null: nobody signed in). */
async function download(fileId: string, user: { email: string } | null) {
  const cookie = user ? await signIn(user) : null;
  return callRoute(messageFileLoader, { path: `/messages/files/${fileId}`, params: { id: fileId }, cookie });
}

const messageFiles = (applicationId: string) =>
  db.messageAttachment.findMany({ where: { message: { applicationId } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

/** Everything a post writes: the thread, its files, the emails, the notifications and the audit trail. */
async function written(s: Thread) {
  const [messages, files, emails, notifications, audit] = await Promise.all([
    db.message.count({ where: { applicationId: s.application.id } }),
    db.messageAttachment.count({ where: { message: { applicationId: s.application.id } } }),
    db.outboxEmail.count({ where: { template: { startsWith: "message-" }, to: { in: [s.founder.email, s.member.email, s.admin.email] } } }),
    db.notification.count({ where: { userId: { in: [s.founder.id, s.member.id, s.admin.id] } } }),
    db.auditEvent.count({ where: { subjectId: s.application.id, type: { startsWith: "MESSAGE_" } } }),
  ]);
  return { messages, files, emails, notifications, audit };
}

describe("a message carrying a PDF", () => {
  it("stores it with the message, either side, lists it in the thread and never puts it in an email", async () => {
    const s = await thread();
    const plan = pdfBuffer();
    expectRedirect(
      await postForm("team", s, s.member, "Voici notre plan financier.", { content: plan, name: "Plan financier 2027.pdf" }),
      `/founder/applications/${s.application.id}/messages`,
    );
    const [sent] = await messageFiles(s.application.id);
    expect(sent).toMatchObject({
      fileName: "Plan financier 2027.pdf",
      mimeType: "application/pdf",
      size: plan.length,
      sha256: createHash("sha256").update(plan).digest("hex"),
      storageKey: storageKeyOf(plan),
    });
    expect(await bytesOf(openStoredFile(sent.storageKey))).toEqual(plan);
    const message = await db.message.findUniqueOrThrow({ where: { id: sent.messageId } });
    expect(message).toMatchObject({
      applicationId: s.application.id,
      authorId: s.member.id,
      fromStaff: false,
      body: "Voici notre plan financier.",
    });
    const [event] = await db.auditEvent.findMany({ where: { subjectId: s.application.id, type: "MESSAGE_FROM_TEAM" } });
    expect(JSON.parse(event.details!)).toEqual({ messageId: message.id, fileName: "Plan financier 2027.pdf", sha256: sent.sha256 });

    const answer = pdfBuffer();
    expectRedirect(
      await postForm("staff", s, s.admin, "Merci, voici la grille.", { content: answer, name: "grille.pdf" }),
      `/admin/applications/${s.application.id}/messages`,
    );
    // A message without a file (the empty file input browsers send) carries none.
    expectRedirect(await postForm("team", s, s.founder, "Bien reçu."), `/founder/applications/${s.application.id}/messages`);
    expect((await messageFiles(s.application.id)).map((file) => file.fileName)).toEqual(["Plan financier 2027.pdf", "grille.pdf"]);
    expect(await stagedFiles()).toEqual([]);

    const shown = await threadPage(s.application.id, "fr");
    expect(shown!.messages.map((m) => [m.body, m.attachments.map(({ fileName, size }) => ({ fileName, size }))])).toEqual([
      ["Voici notre plan financier.", [{ fileName: "Plan financier 2027.pdf", size: plan.length }]],
      ["Merci, voici la grille.", [{ fileName: "grille.pdf", size: answer.length }]],
      ["Bien reçu.", []],
    ]);

    // The emails link to the thread: neither the file, nor its name, nor its link.
    const emails = await db.outboxEmail.findMany({ where: { template: { startsWith: "message-" } } });
    expect(emails.length).toBeGreaterThanOrEqual(3);
    for (const email of emails) {
      expect(email.payload).not.toContain("Plan financier");
      expect(email.payload).not.toContain("grille");
      expect(email.payload).not.toContain("/messages/files/");
      expect(email.payload).not.toContain("%PDF");
      expect(Object.keys(JSON.parse(email.payload)).sort()).toEqual(["name", "projectName", "threadUrl"]);
    }
  });

  it("is downloaded by the team and the admins; reviewers, assigned or not, and other founders get the 404 page", async () => {
    const s = await thread("REVIEW");
    const assigned = await createReviewer();
    await assignReviewer(s.application.id, assigned.id);
    const unassigned = await createReviewer();
    const otherFounder = await createTestUser({ roles: ["FOUNDER"] });
    const plan = pdfBuffer();
    expectRedirect(
      await postForm("team", s, s.founder, "Le plan", { content: plan, name: "plan «final».pdf" }),
      `/founder/applications/${s.application.id}/messages`,
    );
    const [file] = await messageFiles(s.application.id);

    for (const user of [s.founder, s.member, s.admin]) {
      const response = await download(file.id, user);
      expect(response.status, user.email).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("application/pdf");
      expect(response.headers.get("Content-Length")).toBe(String(plan.length));
      expect(response.headers.get("Content-Disposition")).toBe(
        `attachment; filename="plan _final_.pdf"; filename*=UTF-8''${encodeURIComponent("plan «final».pdf")}`,
      );
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
      expect(Buffer.from(await response.arrayBuffer())).toEqual(plan);
    }
    for (const user of [assigned, unassigned, otherFounder]) {
      const response = await download(file.id, user);
      expect(response.status, user.email).toBe(404);
      expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
      expect(await response.text()).not.toContain("%PDF");
    }
    // Nobody signed in is sent to sign in; an unknown id, or an application's attachment id, is not a message's file.
    expect((await download(file.id, null)).status).toBe(302);
    expect((await download("no-such-file", s.admin)).status).toBe(404);
    expect((await download(s.pitchDeck.id, s.founder)).status).toBe(404);
    // A member who left the team no longer reads it.
    await db.teamMembership.deleteMany({ where: { applicationId: s.application.id, userId: s.member.id } });
    expect((await download(file.id, s.member)).status).toBe(404);
  });

  it("refuses a file that is no PDF, too large or empty, on either side, keeping the text and storing nothing", async () => {
    const s = await thread();
    const before = await written(s);
    const oversize = Buffer.concat([pdfBuffer(), Buffer.alloc(MAX_UPLOAD_BYTES)]);
    const refused: Array<[string, "team" | "staff", Upload, string]> = [
      ["a PNG", "team", { content: PNG, name: "image.png", type: "image/png" }, "errors.fileType"],
      ["a PNG renamed .pdf", "staff", { content: PNG, name: "plan.pdf" }, "errors.fileType"],
      ["a text file renamed .pdf", "team", { content: Buffer.from("Ceci n'est pas un PDF.\n"), name: "plan.pdf" }, "errors.fileType"],
      ["a PDF over 10 MB", "team", { content: oversize, name: "gros.pdf" }, "errors.fileTooLarge"],
      ["a PDF over 10 MB", "staff", { content: oversize, name: "gros.pdf" }, "errors.fileTooLarge"],
      ["an empty file", "team", { content: new Uint8Array(0), name: "vide.pdf" }, "errors.fileEmpty"],
    ];
    for (const [what, side, upload, key] of refused) {
      const typed = `Mon message avec ${what}`;
      const author = side === "team" ? s.member : s.admin;
      const response = await postForm(side, s, author, typed, upload);
      expect(response.status, `${what} (${side})`).toBe(400);
      expect(await response.json(), `${what} (${side})`).toEqual({ errors: { file: key }, values: { body: typed } });
      expect(isStored(storageKeyOf(upload.content)), what).toBe(false);
    }
    // A PDF without a text is refused for the text, and its file is not kept either.
    const alone = pdfBuffer();
    const response = await postForm("team", s, s.member, "   ", { content: alone });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: { body: "messages.errors.bodyRequired" } });
    expect(isStored(storageKeyOf(alone))).toBe(false);

    // A file sound but its post refused in the transaction (no such application): nothing placed either.
    const orphan = pdfBuffer();
    const missing = await postForm("staff", { ...s, application: { ...s.application, id: "no-such-application" } }, s.admin, "Bonjour", {
      content: orphan,
    });
    expect(missing.status).toBe(404);
    expect(isStored(storageKeyOf(orphan))).toBe(false);

    expect(await written(s)).toEqual(before);
    expect(await stagedFiles()).toEqual([]);
  });

  it("refuses a body declared over the limit unread, blaming the file and not the text it could not read", async () => {
    const s = await thread();
    const content = pdfBuffer();
    const response = await postForm(
      "team",
      s,
      s.member,
      "Un texte",
      { content },
      { "Content-Length": String(MAX_UPLOAD_BYTES + 1024 * 1024 + 1) },
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Record<string, string> }).errors).toEqual({ file: "errors.fileTooLarge" });
    expect(await db.message.count({ where: { applicationId: s.application.id } })).toBe(0);
    expect(isStored(storageKeyOf(content))).toBe(false);
    expect(await stagedFiles()).toEqual([]);
  });

  it("shares its stored file with an application's attachment of the same bytes: removing either reference keeps it for the other", async () => {
    const s = await thread("DRAFT");
    const editPath = `/founder/applications/${s.application.id}/edit/documents`;
    const removeAttachment = async (attachmentId: string) =>
      expectRedirect(
        await callRoute(editAction, {
          path: editPath,
          params: { id: s.application.id, step: "documents" },
          cookie: await signIn(s.founder),
          form: { intent: "deleteAttachment", attachmentId },
        }),
        editPath,
      );

    // The pitch deck sent again with a message: one stored file, two references. The application's goes first.
    const deck = await bytesOf(openStoredFile(s.pitchDeck.storageKey));
    expectRedirect(
      await postForm("team", s, s.member, "Notre deck", { content: deck, name: "deck.pdf" }),
      `/founder/applications/${s.application.id}/messages`,
    );
    const [copy] = await messageFiles(s.application.id);
    expect(copy.storageKey).toBe(s.pitchDeck.storageKey);
    await removeAttachment(s.pitchDeck.id);
    expect(await db.attachment.count({ where: { id: s.pitchDeck.id } })).toBe(0);
    expect(isStored(copy.storageKey)).toBe(true);
    const response = await download(copy.id, s.admin);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(deck);

    // Another file: the message's reference goes first (its message with it), then the application's.
    const other = await attachFile(s.application.id, "annexe.pdf", "OTHER");
    const annex = await bytesOf(openStoredFile(other.storageKey));
    expectRedirect(
      await postForm("staff", s, s.admin, "Votre annexe", { content: annex }),
      `/admin/applications/${s.application.id}/messages`,
    );
    const sent = (await messageFiles(s.application.id)).find((file) => file.storageKey === other.storageKey)!;
    await db.message.delete({ where: { id: sent.messageId } });
    await deleteUnreferencedFiles([other.storageKey]);
    expect(isStored(other.storageKey)).toBe(true);
    await removeAttachment(other.id);
    expect(isStored(other.storageKey)).toBe(false);

    // And a file only a message referenced goes with its last reference.
    await db.message.deleteMany({ where: { applicationId: s.application.id } });
    await deleteUnreferencedFiles([copy.storageKey]);
    expect(isStored(copy.storageKey)).toBe(false);
  });
});
