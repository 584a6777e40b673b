// Founder writes racing each other (issue 11, points 1–3). Each test fires the
// competing operations in parallel, many times, the way the routes make them:
// read the application at the start of the request (getFounderApplication),
// then act on what was read. The rules must hold on what the database ends
// with — not on what each request saw when it started:
//
//   - an application past DRAFT is complete under the submission schema and
//     has its pitch deck, whatever autosave or file removal raced the submit;
//     and every write either landed or was refused (nothing silently lost);
//   - a draft never holds more than MAX_OTHER_ATTACHMENTS other files, and a
//     refused upload leaves no file behind;
//   - a stored file (shared by content hash) exists as long as an attachment
//     references it; a missing one downloads as a translated 404 page.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { MAX_OTHER_ATTACHMENTS } from "~/domain/constants.ts";
import { catalogs } from "~/i18n/catalogs.ts";
import {
  getFounderApplication,
  saveDraftFromForm,
  submitApplication,
  validateForSubmission,
  type SubmitResult,
} from "~/models/application.server.ts";
import { addAttachment, removeAttachment } from "~/models/attachment.server.ts";
import { UserError } from "~/domain/errors.ts";
import { applyTransition } from "~/models/lifecycle.server.ts";
import { action as loginAction } from "~/routes/login.tsx";
import { loader as fileLoader } from "~/routes/files.$id.tsx";
import { storageDir } from "~/storage/files.server.ts";
import { createTestUser, TEST_PASSWORD } from "../support/factories.ts";
import { createApplication, createIntakeSetup, pdfBuffer } from "../support/intake-factories.ts";
import { callRoute, cookieFrom } from "../support/remix.ts";

beforeAll(async () => {
  await dbReady;
});

// Each test: ROUNDS rounds of PARALLEL races at once (40 uploads at once for the cap). A round
// builds its own applications, so a failure names the round and nothing depends on another test.
const ROUNDS = 4;
const PARALLEL = 10;

// ---------------------------------------------------------------------------
// What the routes do, step by step

type Founder = { id: string; name: string; email: string };

async function load(applicationId: string, founder: Founder) {
  const application = await getFounderApplication(applicationId, founder.id);
  if (!application) throw new Error(`application ${applicationId} not found`);
  return application;
}

/** The Submit button: read, then submit at the version read. */
async function submit(applicationId: string, founder: Founder): Promise<SubmitResult | UserError> {
  const application = await load(applicationId, founder);
  return submitApplication(application, { kind: "user", id: founder.id, roles: ["FOUNDER"] }, application.version).catch(refusal);
}

/** An autosave of the project and team steps with every field cleared (the founder selected all and deleted). */
const BLANK_FORM = {
  projectName: "",
  tagline: "",
  problem: "",
  solution: "",
  market: "",
  traction: "",
  stage: "",
  "team.0.name": "",
  "team.0.email": "",
  "team.0.role": "",
};

async function autosaveBlank(applicationId: string, founder: Founder) {
  const application = await load(applicationId, founder);
  const form = new FormData();
  for (const [key, value] of Object.entries(BLANK_FORM)) form.append(key, value);
  return saveDraftFromForm(application, form).catch(refusal);
}

async function remove(applicationId: string, founder: Founder, attachmentId: string) {
  const application = await load(applicationId, founder);
  return removeAttachment(application, attachmentId).then(() => "removed" as const, refusal);
}

function uploadRequest(applicationId: string, field: "pitchDeck" | "otherFile", content: Buffer): Request {
  const body = new FormData();
  body.append(field, new File([Uint8Array.from(content)], field === "pitchDeck" ? "deck.pdf" : "annex.pdf", { type: "application/pdf" }));
  return new Request(`http://localhost/founder/applications/${applicationId}/edit/documents`, { method: "POST", body });
}

async function upload(applicationId: string, founder: Founder, field: "pitchDeck" | "otherFile", content: Buffer) {
  const application = await load(applicationId, founder);
  return addAttachment(application, uploadRequest(applicationId, field, content)).then(
    () => null,
    (error: unknown) => refusal(error).key,
  );
}

/**
 * An upload whose request body stops after the file (and a text field), until
 * `release()`: the file part has been read, the request is not finished.
 * `fileReceived` resolves once the server has read past the file and asks for more.
 */
function heldUpload(applicationId: string, founder: Founder, content: Buffer) {
  const boundary = `----race${Math.random().toString(36).slice(2)}`;
  const head = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="otherFile"; filename="annex.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nsame bytes`),
  ]);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let received!: () => void;
  const fileReceived = new Promise<void>((resolve) => (received = resolve));
  let step = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        step += 1;
        if (step === 1) return controller.enqueue(Uint8Array.from(head));
        // Asked for more: the file part is read. Give the server a moment to finish storing it.
        setTimeout(received, 50);
        await released;
        controller.enqueue(Uint8Array.from(Buffer.from(`\r\n--${boundary}--\r\n`)));
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  const request = new Request(`http://localhost/founder/applications/${applicationId}/edit/documents`, {
    method: "POST",
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
    body,
    duplex: "half",
  } as RequestInit);
  const result = load(applicationId, founder).then((application) =>
    addAttachment(application, request).then(
      () => null,
      (error: unknown) => refusal(error).key,
    ),
  );
  return { result, fileReceived, release };
}

/** Only the refusals a founder can be shown (translated keys) are expected; anything else fails the test. */
function refusal(error: unknown): UserError {
  if (error instanceof UserError) return error;
  throw error;
}

// ---------------------------------------------------------------------------
// What must hold afterwards

const keyOf = (content: Buffer) => {
  const sha256 = createHash("sha256").update(content).digest("hex");
  return `${sha256.slice(0, 2)}/${sha256}`;
};
const isStored = (storageKey: string) => fs.existsSync(path.join(storageDir(), storageKey));
const tempFiles = () => {
  const dir = path.join(storageDir(), "tmp");
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

async function stored(applicationId: string) {
  return db.application.findUniqueOrThrow({
    where: { id: applicationId },
    include: { teamMembers: { orderBy: { position: "asc" } }, attachments: true },
  });
}

/** Point 1's invariant: past DRAFT means complete, pitch deck included. */
async function expectCompleteUnlessDraft(applicationId: string, context: string) {
  const application = await stored(applicationId);
  if (application.status === "DRAFT") return application;
  expect(
    validateForSubmission(application),
    `${context}: ${application.status} application ${applicationId} breaks the submission rule`,
  ).toEqual({});
  return application;
}

/** Every attachment's file is in storage. */
async function expectNoDanglingAttachments(context: string) {
  const attachments = await db.attachment.findMany({ select: { id: true, storageKey: true } });
  const dangling = attachments.filter((a) => !isStored(a.storageKey));
  expect(dangling, `${context}: attachments whose stored file is gone`).toEqual([]);
}

async function draftsWithDeck(count: number) {
  const setup = await createIntakeSetup();
  const drafts = [];
  for (let i = 0; i < count; i++) {
    // One founder per application, as the unique (founder, call) requires.
    const founder = i === 0 ? setup.founder : await createTestUser({ roles: ["FOUNDER"] });
    drafts.push({ founder, ...(await createApplication({ ...setup, founder })) });
  }
  return { setup, drafts };
}

/** Shuffles the order the operations start in, so each side sometimes gets ahead. */
const interleave = <T>(round: number, index: number, a: () => Promise<T>, b: () => Promise<T>) =>
  (round + index) % 2 === 0 ? [a(), b()] : [b(), a()];

// ---------------------------------------------------------------------------

describe("submitting while the founder's other requests still run", () => {
  it(
    "an autosave that clears the fields either lands before the submit (which then refuses) or is refused: never a submitted application without fields or team",
    { timeout: 180_000 },
    async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { drafts } = await draftsWithDeck(PARALLEL);
        const outcomes = await Promise.all(
          drafts.map(async ({ application, founder }, index) => {
            let submitted: SubmitResult | UserError | undefined;
            let saved: Awaited<ReturnType<typeof autosaveBlank>> | undefined;
            await Promise.all(
              interleave(
                round,
                index,
                async () => void (submitted = await submit(application.id, founder)),
                async () => void (saved = await autosaveBlank(application.id, founder)),
              ),
            );
            return { id: application.id, submitted: submitted!, saved: saved! };
          }),
        );
        for (const { id, submitted, saved } of outcomes) {
          const context = `round ${round}`;
          const application = await expectCompleteUnlessDraft(id, context);
          const submitSucceeded = !(submitted instanceof UserError) && submitted.ok;
          expect(application.status, `${context}: the submit said ${JSON.stringify(submitted)}`).toBe(
            submitSucceeded ? "SUBMITTED" : "DRAFT",
          );
          // The autosave's data: saved as the founder was told, or refused with a translated key and nothing changed.
          if (saved instanceof UserError) {
            expect(saved.key).toMatch(/^(lifecycle|errors)\./);
            expect(application.projectName).not.toBe("");
          } else if ("projectName" in saved) {
            // Reported as refused field by field (the application was submitted first): the stored values stay.
            expect(application.status).toBe("SUBMITTED");
            expect(application.projectName).not.toBe("");
          } else {
            expect(application.status, `${context}: a blank autosave reported saved on a submitted application`).toBe("DRAFT");
            expect(application.projectName).toBe("");
            // The lead's own row stays theirs (issue 16): the blank list is refused on its field, kept as it
            // was (the lead and the co-founder the draft was made with), and the rest saved.
            expect(saved).toEqual({ team: "teams.errors.memberRowRequired" });
            expect(application.teamMembers.map((member) => member.role)).toEqual(["CEO", "CTO"]);
          }
        }
      }
    },
  );

  it(
    "removing the pitch deck either lands before the submit (which then refuses) or is refused: never a submitted application without its deck",
    { timeout: 180_000 },
    async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { drafts } = await draftsWithDeck(PARALLEL);
        const outcomes = await Promise.all(
          drafts.map(async ({ application, founder, pitchDeck }, index) => {
            let submitted: SubmitResult | UserError | undefined;
            let removed: "removed" | UserError | undefined;
            await Promise.all(
              interleave(
                round,
                index,
                async () => void (submitted = await submit(application.id, founder)),
                async () => void (removed = await remove(application.id, founder, pitchDeck.id)),
              ),
            );
            return { id: application.id, submitted: submitted!, removed: removed! };
          }),
        );
        for (const { id, submitted, removed } of outcomes) {
          const context = `round ${round}`;
          const application = await expectCompleteUnlessDraft(id, context);
          const decks = application.attachments.filter((a) => a.kind === "PITCH_DECK");
          if (removed === "removed") {
            expect(decks, `${context}: removal reported done`).toEqual([]);
            expect(application.status, `${context}: submitted without its deck (submit said ${JSON.stringify(submitted)})`).toBe("DRAFT");
          } else {
            expect(removed.key).toBe("errors.pitchDeckRequired");
            expect(decks).toHaveLength(1);
            expect(application.status).toBe("SUBMITTED");
          }
        }
        await expectNoDanglingAttachments(`round ${round}`);
      }
    },
  );
});

describe("the version a submit is made at", () => {
  it("refuses as stale a submit from a page older than a save that landed since, submitting nothing", async () => {
    const { drafts } = await draftsWithDeck(1);
    const [{ application, founder }] = drafts;
    const shown = await load(application.id, founder);
    const form = new FormData();
    form.append("tagline", "A sharper tagline typed in another tab");
    expect(await saveDraftFromForm(await load(application.id, founder), form)).toEqual({});

    const result = await submitApplication(shown, { kind: "user", id: founder.id, roles: ["FOUNDER"] }, shown.version).catch(refusal);
    expect(result).toBeInstanceOf(UserError);
    expect((result as UserError).key).toBe("lifecycle.stale");
    const after = await stored(application.id);
    expect(after).toMatchObject({ status: "DRAFT", version: shown.version + 1, tagline: "A sharper tagline typed in another tab" });
    expect(await db.outboxEmail.count({ where: { to: founder.email } })).toBe(0);
    // Submitting again from the page as it is now works.
    expect(await submit(application.id, founder)).toEqual({ ok: true });
  });

  it("holds the submission rule in the transition itself, whoever applies it", async () => {
    const { drafts } = await draftsWithDeck(1);
    const [{ application, founder, pitchDeck }] = drafts;
    await db.attachment.delete({ where: { id: pitchDeck.id } });
    const error = await applyTransition({
      applicationId: application.id,
      name: "submit",
      actor: { kind: "user", id: founder.id, roles: ["FOUNDER"] },
      expectedVersion: 1,
    }).catch(refusal);
    expect(error).toBeInstanceOf(UserError);
    expect([(error as UserError).key, (error as UserError).status]).toEqual(["lifecycle.incomplete", 400]);
    expect(await stored(application.id)).toMatchObject({ status: "DRAFT", version: 1 });
  });
});

describe("the cap on other files", () => {
  it(
    `keeps ${MAX_OTHER_ATTACHMENTS} other files when 40 uploads to one draft run at once, and stores nothing for the refused ones`,
    { timeout: 180_000 },
    async () => {
      for (let round = 0; round < 3; round++) {
        const { drafts } = await draftsWithDeck(1);
        const [{ application, founder }] = drafts;
        const contents = Array.from({ length: 40 }, () => pdfBuffer());
        const results = await Promise.all(contents.map((content) => upload(application.id, founder, "otherFile", content)));

        const others = (await stored(application.id)).attachments.filter((a) => a.kind === "OTHER");
        expect(others, `round ${round}: other files attached`).toHaveLength(MAX_OTHER_ATTACHMENTS);
        expect(results.filter((r) => r === null)).toHaveLength(MAX_OTHER_ATTACHMENTS);
        expect(results.filter((r) => r !== null)).toEqual(Array(40 - MAX_OTHER_ATTACHMENTS).fill("errors.tooManyFiles"));
        // Each upload had its own content: exactly the attached ones are stored, nothing waits in tmp.
        const kept = new Set(others.map((a) => a.storageKey));
        expect(
          contents
            .map(keyOf)
            .filter((key) => isStored(key))
            .sort(),
        ).toEqual([...kept].sort());
        expect(tempFiles()).toEqual([]);
      }
    },
  );
});

describe("stored files shared by content", () => {
  it("an upload of the same bytes as a file being removed elsewhere keeps its file", { timeout: 180_000 }, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { drafts } = await draftsWithDeck(2 * PARALLEL);
      // Pairs: A holds a file and removes it while B is uploading the same bytes.
      const pairs = [];
      for (let i = 0; i < PARALLEL; i++) {
        const [a, b] = [drafts[2 * i], drafts[2 * i + 1]];
        const content = pdfBuffer();
        expect(await upload(a.application.id, a.founder, "otherFile", content)).toBeNull();
        const held = await db.attachment.findFirstOrThrow({ where: { applicationId: a.application.id, kind: "OTHER" } });
        pairs.push({ a, b, content, held });
      }
      const results = await Promise.all(
        pairs.map(async ({ a, b, content, held }, index) => {
          // Even pairs: the removal runs while B's file has fully arrived but its request is still open
          // (the moment an upload is most exposed); odd pairs: both start together.
          const uploading = heldUpload(b.application.id, b.founder, content);
          if ((round + index) % 2 === 0) await uploading.fileReceived;
          const removed = remove(a.application.id, a.founder, held.id);
          if ((round + index) % 2 === 0) await removed;
          uploading.release();
          return Promise.all([removed, uploading.result]);
        }),
      );
      expect(results.flat()).toEqual(Array(PARALLEL).fill(["removed", null]).flat());
      await expectNoDanglingAttachments(`round ${round}`);
      for (const { b, content } of pairs) {
        const attached = await db.attachment.findMany({ where: { applicationId: b.application.id, kind: "OTHER" } });
        expect(attached.map((a) => a.storageKey)).toEqual([keyOf(content)]);
        expect(isStored(keyOf(content))).toBe(true);
      }
      expect(tempFiles()).toEqual([]);
    }
  });

  it("a refused upload of the same bytes as another application's upload keeps the other's file", { timeout: 180_000 }, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { drafts } = await draftsWithDeck(2 * PARALLEL);
      const pairs = [];
      for (let i = 0; i < PARALLEL; i++) {
        const [full, b] = [drafts[2 * i], drafts[2 * i + 1]];
        // A is at the cap: its upload will be refused.
        for (let n = 0; n < MAX_OTHER_ATTACHMENTS; n++)
          expect(await upload(full.application.id, full.founder, "otherFile", pdfBuffer())).toBeNull();
        pairs.push({ full, b, content: pdfBuffer() });
      }
      const results = await Promise.all(
        pairs.map(({ full, b, content }, index) =>
          Promise.all(
            interleave<unknown>(
              round,
              index,
              () => upload(full.application.id, full.founder, "otherFile", content),
              () => upload(b.application.id, b.founder, "otherFile", content),
            ),
          ),
        ),
      );
      for (const [index, pair] of results.entries()) {
        const [refused, accepted] = (round + index) % 2 === 0 ? pair : [pair[1], pair[0]];
        expect([refused, accepted]).toEqual(["errors.tooManyFiles", null]);
      }
      await expectNoDanglingAttachments(`round ${round}`);
      for (const { content } of pairs) expect(isStored(keyOf(content))).toBe(true);
    }
  });
});

describe("downloading a file missing from storage", () => {
  let logins = 0;
  async function signIn(user: { email: string }) {
    logins += 1;
    const response = await callRoute(loginAction, {
      path: "/login",
      form: { email: user.email, password: TEST_PASSWORD },
      ip: `198.51.100.${100 + logins}`,
    });
    expect(response.status).toBe(302);
    return cookieFrom(response)!;
  }

  it.each(["fr", "en", "ar"] as const)("answers the translated 404 page (%s), never a 500 or a cut connection", async (locale) => {
    const setup = await createIntakeSetup({ founderLocale: locale });
    const { pitchDeck } = await createApplication(setup);
    fs.rmSync(path.join(storageDir(), pitchDeck.storageKey));
    const cookie = await signIn(setup.founder);

    const response = await callRoute(fileLoader, { path: `/files/${pitchDeck.id}`, cookie, params: { id: pitchDeck.id } });
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain(`lang="${locale}"`);
    expect(page).toContain(catalogs[locale].errors.title404);
    expect(page).toContain(catalogs[locale].errors.text404);
  });
});
