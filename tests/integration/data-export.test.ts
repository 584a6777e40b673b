// The right of access (issue 20, point 3) against a real database and real files: a person asks for a copy of
// their data (one at a time), it is prepared in the background as a ZIP and its link emailed; the link works once,
// for its owner signed in, for 24 hours. The ZIP holds their account (never the password's hash), consents,
// sessions, their teams' applications with answers, messages and files (the same bytes), and nothing of anyone else.
import fs from "node:fs";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { catalogs } from "~/i18n/catalogs.ts";
import { DATA_EXPORT_TTL_MS, exportsDir, prepareDataExports, requestDataExport, takeDataExport } from "~/models/data-export.server.ts";
import { loader as downloadLoader } from "~/routes/account.export.$token.tsx";
import { openStoredFileIfPresent } from "~/storage/files.server.ts";
import { createTestUser, refusalOf } from "../support/factories.ts";
import { createApplication, createIntakeSetup } from "../support/intake-factories.ts";
import { callRoute } from "../support/remix.ts";
import { signIn } from "../support/review-factories.ts";

beforeAll(async () => {
  await dbReady;
});

async function storedBytes(storageKey: string) {
  const chunks: Buffer[] = [];
  for await (const chunk of (await openStoredFileIfPresent(storageKey))!) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A founder with an application of their own (pitch deck, a message with its PDF, an answer), a teammate, and a stranger's application. */
async function setup() {
  const { call, site, founder } = await createIntakeSetup();
  const { application, pitchDeck } = await createApplication({ founder, call, site });
  await db.application.update({
    where: { id: application.id },
    data: { projectName: `Souk Solaire ${founder.id}`, tagline: "Énergie des toits" },
  });
  const teammate = await createTestUser({ roles: ["FOUNDER"], name: "Yassine Teammate" });
  await db.teamMembership.create({ data: { applicationId: application.id, callId: call.id, userId: teammate.id, consentAt: new Date() } });
  const message = await db.message.create({
    data: { applicationId: application.id, authorId: founder.id, fromStaff: false, body: "Notre plan de financement" },
  });
  await db.messageAttachment.create({
    data: {
      messageId: message.id,
      fileName: "plan.pdf",
      mimeType: pitchDeck.mimeType,
      size: pitchDeck.size,
      sha256: pitchDeck.sha256,
      storageKey: pitchDeck.storageKey,
    },
  });
  const strangerSetup = await createIntakeSetup();
  const stranger = await createApplication({ founder: strangerSetup.founder, call: strangerSetup.call, site: strangerSetup.site });
  await db.application.update({
    where: { id: stranger.application.id },
    data: { projectName: `Projet Étranger ${strangerSetup.founder.id}` },
  });
  return {
    founder,
    teammate,
    application,
    pitchDeck,
    stranger: strangerSetup.founder,
    strangerProject: `Projet Étranger ${strangerSetup.founder.id}`,
  };
}

async function readyExport(userId: string, now = new Date()) {
  await requestDataExport(userId, now);
  await prepareDataExports(now);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const email = await db.outboxEmail.findFirstOrThrow({
    where: { template: "data-export-ready", to: user.email },
    orderBy: { createdAt: "desc" },
  });
  const url = JSON.parse(email.payload).downloadUrl as string;
  return { token: url.split("/").pop()!, url };
}

describe("a copy of one's data", () => {
  it("holds the person's account, consents, sessions and their teams' applications with answers, messages and files — nothing of anyone else", async () => {
    const { founder, application, pitchDeck, strangerProject } = await setup();
    await signIn(founder);
    const { token } = await readyExport(founder.id);
    const taken = await takeDataExport(token, founder.id);
    const files = unzipSync(new Uint8Array(fs.readFileSync(taken.path)));
    const text = (name: string) => new TextDecoder().decode(files[name]);
    const account = JSON.parse(text("profile.json"));
    expect(account).toMatchObject({ email: founder.email, name: founder.name, roles: ["FOUNDER"] });
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: founder.id } });
    expect(passwordHash).toBeTruthy();
    for (const [name, bytes] of Object.entries(files)) expect(new TextDecoder().decode(bytes), name).not.toContain(passwordHash!);
    expect(JSON.parse(text("sessions.json"))).toHaveLength(1);
    const [exported] = JSON.parse(text("applications.json"));
    expect(exported).toMatchObject({
      id: application.id,
      projectName: `Souk Solaire ${founder.id}`,
      tagline: "Énergie des toits",
      lead: true,
    });
    expect(exported.messages[0]).toMatchObject({ body: "Notre plan de financement" });
    // The files, byte for byte.
    const deck = exported.files[0].inZip as string;
    expect(Buffer.from(files[deck])).toEqual(await storedBytes(pitchDeck.storageKey));
    expect(files[exported.messages[0].files[0].inZip]).toBeDefined();
    // Nothing of another person's application anywhere in the ZIP.
    for (const [name, bytes] of Object.entries(files)) expect(new TextDecoder().decode(bytes), name).not.toContain(strangerProject);
  });

  it("gives a teammate their team's application too, as a member", async () => {
    const { teammate, application } = await setup();
    const { token } = await readyExport(teammate.id);
    const files = unzipSync(new Uint8Array(fs.readFileSync((await takeDataExport(token, teammate.id)).path)));
    const [exported] = JSON.parse(new TextDecoder().decode(files["applications.json"]));
    expect(exported).toMatchObject({ id: application.id, lead: false });
  });

  it("is asked for once at a time", async () => {
    const { founder } = await setup();
    await requestDataExport(founder.id);
    expect(await refusalOf(requestDataExport(founder.id))).toMatchObject({ key: "dataExport.errors.alreadyAsked", status: 409 });
    await prepareDataExports();
    expect(await refusalOf(requestDataExport(founder.id))).toMatchObject({ key: "dataExport.errors.alreadyAsked" });
  });

  it("is handed over once, to its owner, within 24 hours; a forged, used, expired or someone else's link changes nothing", async () => {
    const { founder, stranger } = await setup();
    const now = new Date();
    const { token } = await readyExport(founder.id, now);
    expect(await refusalOf(takeDataExport(`${token}x`, founder.id, now))).toMatchObject({
      key: "dataExport.errors.linkInvalid",
      status: 404,
    });
    expect(await refusalOf(takeDataExport(token, stranger.id, now))).toMatchObject({ key: "dataExport.errors.linkInvalid" });
    expect(await refusalOf(takeDataExport(token, founder.id, new Date(now.getTime() + DATA_EXPORT_TTL_MS + 1)))).toMatchObject({
      key: "dataExport.errors.linkInvalid",
    });
    // Two downloads at once: one gets the file.
    const results = await Promise.allSettled([takeDataExport(token, founder.id, now), takeDataExport(token, founder.id, now)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const row = await db.dataExport.findFirstOrThrow({ where: { userId: founder.id } });
    expect(row.downloadedAt).not.toBeNull();
    // The file is removed by the next run of the job; a new copy may then be asked.
    await prepareDataExports(now);
    expect(fs.existsSync(`${exportsDir()}/${row.storageKey}`)).toBe(false);
    await requestDataExport(founder.id, now);
  });

  it("downloads through its route as a ZIP for its owner signed in, then answers the translated refusal", async () => {
    const { founder } = await setup();
    const cookie = await signIn(founder);
    const { token } = await readyExport(founder.id);
    const first = await callRoute(downloadLoader, { path: `/account/export/${token}`, params: { token }, cookie });
    expect(first.status).toBe(200);
    expect(first.headers.get("Content-Type")).toBe("application/zip");
    expect(Object.keys(unzipSync(new Uint8Array(await first.arrayBuffer())))).toContain("applications.json");
    const second = await callRoute(downloadLoader, { path: `/account/export/${token}`, params: { token }, cookie });
    expect(second.status).toBe(404);
    expect(await second.text()).toContain(catalogs.fr.dataExport.errors.linkInvalid.slice(0, 40));
  });
});
