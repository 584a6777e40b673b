// Garbage posted to every form action (fast-check). Every route module under
// app/routes that exports an `action` is imported and, signed in as whoever the
// route is for (admin, founder, reviewer; nobody for the public ones) with real
// ids from a small fixture, sent random bodies: random and known field names,
// random strings, values of 200 KB, binary junk as a urlencoded body, and
// multipart forms with junk files. Every answer must be a Response under 500
// (a thrown non-Response error is what Remix turns into a 500); a 4xx says why
// (a JSON body with a message or errors) and leaves the key tables as they were.
//
// Three follow-ups, each over every action at once: bodies no form parser can
// read (multipart without a valid framing, a non-form Content-Type, a 200 KB
// part header); field names naming Object.prototype members or both a value
// and a parent; and array indexes in the billions.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { ActionFunction } from "@remix-run/node";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { APPLICATION_STATUSES, LOCALES, RECOMMENDATIONS, SECTORS } from "~/domain/constants.ts";
import { TRANSITIONS } from "~/domain/lifecycle.ts";
import { WIZARD_STEPS } from "~/schemas/wizard-steps.ts";
import { appTables, openOutsideReader, type OutsideReader } from "../support/database-faults.ts";
import { createDecisionCall, createReleasedCandidate } from "../support/enrollment-factories.ts";
import { createTestUser, TEST_PASSWORD } from "../support/factories.ts";
import { createApplication, createIntakeSetup, pdfBuffer } from "../support/intake-factories.ts";
import { assignReviewer, createReviewer, createReviewSetup, signIn } from "../support/review-factories.ts";

const ROUTES_DIR = path.resolve(import.meta.dirname, "../../app/routes");
const RUNS_PER_ROUTE = 40;
const HUGE = 200 * 1024;

// ---------------------------------------------------------------------------
// The routes

type Area = "admin" | "founder" | "offerFounder" | "reviewer" | "anonymous";

/**
 * Who posts to each action. Public routes are posted to anonymously; `account`
 * needs a signed-in user (a founder); the offer page needs the founder of an
 * application that holds an offer.
 *
 * Exempted from nothing, but `logout` and Apply (`calls.$slug_.apply`) are posted
 * to anonymously only: they read no field, so whatever the body says they end the
 * session, or start the founder's draft (no 4xx path); anonymously, they refuse.
 */
function areaOf(file: string): Area {
  // staff.: pages for admins and reviewers both; an admin reads and writes every one.
  if (file.startsWith("admin") || file.startsWith("staff.")) return "admin";
  if (file === "founder.applications.$id.offer.tsx") return "offerFounder";
  if (file.startsWith("founder") || file === "account.tsx") return "founder";
  if (file.startsWith("reviewer")) return "reviewer";
  return "anonymous";
}

type Fixture = Awaited<ReturnType<typeof buildFixture>>;

/** Route params with real ids (or, for one-time tokens that only exist hashed, a plausible random one). */
function paramsFor(file: string, fixture: Fixture, step: string): Record<string, string> {
  const segments = file.replace(/\.(tsx|ts)$/, "").split(".");
  const params: Record<string, string> = {};
  for (const segment of segments.filter((s) => s.startsWith("$"))) {
    const name = segment.slice(1).replace(/_$/, ""); // a trailing `_` only un-nests the route
    if (name === "step") params.step = step;
    else if (name === "template") params.template = "decision-accepted";
    else if (name === "locale") params.locale = "en";
    else if (name === "token") params.token = "k3Yq9vS0bHq4l1m2n3o4p5q6r7s8t9u0v1w2x3y4z5A";
    else if (file.startsWith("admin.applications")) params.id = fixture.reviewApplicationId;
    else if (file === "staff.discussions.$applicationId.tsx") params.applicationId = fixture.reviewApplicationId;
    else if (file.startsWith("admin.calls")) params.id = fixture.callId;
    else if (file.startsWith("admin.interview-days")) params.id = fixture.interviewDayId;
    else if (file.startsWith("admin.interview-panels")) params.id = fixture.interviewPanelId;
    else if (file === "reviewer.panels.$id.tsx") params.id = fixture.interviewPanelId;
    else if (file.startsWith("admin.reviewers")) params.id = fixture.otherReviewerId;
    else if (file === "founder.applications.$id.offer.tsx") params.id = fixture.offeredApplicationId;
    else if (file.startsWith("founder.applications.$id.check-ins")) {
      params.id = fixture.followedApplicationId;
      params.checkInId = fixture.checkInId;
    } else if (file === "admin.check-ins.$id.tsx") params.id = fixture.checkInId;
    else if (file === "admin.cohorts.$id_.follow-up.tsx") params.id = fixture.cohortId;
    else if (file.startsWith("founder")) params.id = fixture.draftApplicationId;
    else if (file.startsWith("reviewer.assignments")) params.id = fixture.assignmentId;
    else if (file === "calls.$slug_.apply.tsx") params.slug = fixture.callSlug;
    // Opening a notification reads no form: any body opens it, or (this one not being the user's) is refused.
    else if (file === "notifications.$id.tsx") params.id = "not-this-users-notification";
    else throw new Error(`No value for the param ${name} of ${file}: add one`);
  }
  return params;
}

function urlPath(file: string, params: Record<string, string>): string {
  const parts = file
    .replace(/\.(tsx|ts)$/, "")
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => s.replace(/(.)_$/, "$1"))
    .map((s) => (s.startsWith("$") ? params[s.slice(1)] : s.replace(/\[|\]/g, "")));
  return `/${parts.join("/")}`;
}

const actionFiles = fs
  .readdirSync(ROUTES_DIR)
  .filter((file) => /\.(tsx|ts)$/.test(file))
  .sort()
  .filter((file) => /export (async function|const|function) action\b/.test(fs.readFileSync(path.join(ROUTES_DIR, file), "utf8")));

type ActionRoute = { file: string; area: Area; action: ActionFunction };
let routes: ActionRoute[];

// ---------------------------------------------------------------------------
// The fixture: one of each thing an action can name, and a session per area

async function buildFixture() {
  const intake = await createIntakeSetup();
  const { application: draft } = await createApplication({
    founder: intake.founder,
    call: intake.call,
    site: intake.site,
    alternateSite: intake.alternateSite,
  });
  fixtureDrafts.add(draft.id);
  const review = await createReviewSetup({ applications: 1, reviewers: 1 });
  const [reviewer] = review.reviewers;
  const reviewApplication = review.applications[0].application;
  const assignment = await assignReviewer(reviewApplication.id, reviewer.id);
  const otherReviewer = await createReviewer();
  // Pitch day (issue 19): an interview day of the review call with a morning panel the reviewer sits on.
  await db.call.update({ where: { id: review.call.id }, data: { hasInterview: true } });
  const interviewDay = await db.interviewDay.create({
    data: {
      callId: review.call.id,
      siteId: intake.site.id,
      date: "2031-05-06",
      startTime: "09:00",
      endTime: "09:30",
      slotMinutes: 30,
      slots: { create: [{ startsAt: new Date("2031-05-06T08:00:00Z"), endsAt: new Date("2031-05-06T08:30:00Z") }] },
    },
  });
  const interviewPanel = await db.interviewPanel.create({
    data: { dayId: interviewDay.id, halfDay: "AM", jurors: { create: [{ reviewerId: reviewer.id, date: "2031-05-06", halfDay: "AM" }] } },
  });
  const decision = await createDecisionCall({ cohorts: [{ site: intake.site, capacity: 2 }] });
  const offered = await createReleasedCandidate({
    call: decision.call,
    site: intake.site,
    status: "ACCEPTED",
    cohort: decision.cohorts[0],
  });
  // A project of the founder's in incubation (issue 17), with a check-in due since yesterday.
  const { application: followed } = await createApplication({
    founder: intake.founder,
    call: decision.call,
    site: intake.site,
    status: "INCUBATING",
  });
  await db.application.update({ where: { id: followed.id }, data: { enrolledCohortId: decision.cohorts[0].id } });
  const checkIn = await db.checkIn.create({
    data: { applicationId: followed.id, monthsAfter: 6, dueAt: new Date(Date.now() - 24 * 60 * 60 * 1000), openedAt: new Date() },
  });
  const outbox = await db.outboxEmail.create({
    data: {
      to: "someone@example.test",
      template: "screening-passed",
      locale: "fr",
      payload: "{}",
      dedupeKey: `fuzz-${Date.now()}-${Math.random()}`,
      messageId: `<fuzz-${Date.now()}-${Math.random()}@tremplin.ma>`,
      status: "DEAD",
    },
  });
  const cookies: Record<Area, string | null> = {
    admin: await signIn(review.admin),
    founder: await signIn(intake.founder),
    offerFounder: await signIn(offered.founder),
    reviewer: await signIn(reviewer),
    anonymous: null,
  };
  return {
    cookies,
    callId: intake.call.id,
    callSlug: intake.call.slug,
    draftApplicationId: draft.id,
    interviewDayId: interviewDay.id,
    interviewPanelId: interviewPanel.id,
    reviewApplicationId: reviewApplication.id,
    reviewApplicationVersion: reviewApplication.version,
    offeredApplicationId: offered.application.id,
    followedApplicationId: followed.id,
    checkInId: checkIn.id,
    cohortId: decision.cohorts[0].id,
    assignmentId: assignment.id,
    otherReviewerId: otherReviewer.id,
    /** Real ids and values a field may carry, so bodies get past the first checks now and then. */
    values: [
      intake.call.id,
      intake.site.id,
      intake.alternateSite.id,
      intake.soonSite.id,
      draft.id,
      reviewApplication.id,
      `${reviewApplication.id}:${reviewApplication.version}`,
      offered.application.id,
      assignment.id,
      reviewer.id,
      otherReviewer.id,
      decision.cohorts[0].id,
      outbox.id,
      ...review.criteria.map((c) => c.id),
      String(reviewApplication.version),
      String(draft.version),
    ],
    criterionIds: review.criteria.map((c) => c.id),
  };
}

// ---------------------------------------------------------------------------
// Bodies

const KNOWN_FIELDS = [
  "intent",
  "version",
  "applicationId",
  "transition",
  "reason",
  "override",
  "interviewAt",
  "interviewPlace",
  "selected",
  "call",
  "decision",
  "complete",
  "sectorFit",
  "siteFit",
  "cohortId",
  "criterionId",
  "reviewerId",
  "assignmentId",
  "attachmentId",
  "answer",
  "email",
  "password",
  "currentPassword",
  "newPassword",
  "name",
  "locale",
  "redirectTo",
  "consent",
  "goto",
  "id",
  "siteId",
  "status",
  "title",
  "description",
  "opensAt",
  "closesAt",
  "reviewersPerApplication",
  "blindReview",
  "hasInterview",
  "interviewWeightPercent",
  "offerResponseDays",
  "key",
  "weightPercent",
  "position",
  "label.fr",
  "label.en",
  "label.ar",
  "anchors.fr.0",
  "anchors.ar.4",
  "startsAt",
  "capacity",
  "quotas.NEW_TECH",
  "quotas.GREEN_TECH",
  "privateComment",
  "founderFeedback",
  "recommendation",
  "projectName",
  "tagline",
  "problem",
  "solution",
  "market",
  "traction",
  "stage",
  "sector",
  "preferredSiteId",
  "alternateSiteId",
  "team.0.name",
  "team.0.email",
  "team.0.role",
  "team.5.email",
  "sectors",
  "siteIds",
  "maxLoad",
  "confirm",
  // Announcements (issue 18).
  "audience",
  "callId",
  "statuses",
  "subject",
  "body",
  "subjectEn",
  "bodyAr",
  "previewCount",
  "previewKey",
];
// prettier-ignore
const INTENTS = [
  "profile", "password", "addReviewer", "removeAssignment", "assign", "assignInterview", "settings", "criterion", "deleteCriterion",
  "cohort", "open", "close", "archive", "confirm", "release", "deactivate", "activate", "deleteAttachment", "submit", "draft",
  "conflict", "probe", "overrideConflict", "preview", "send", "",
];
const ODD_KEYS = [
  "team.7.name",
  "team.-1.email",
  "team.x.role",
  "team",
  "a..b",
  ".",
  "..",
  "scores.",
  "scores.nope",
  "label.fr.0",
  "anchors.fr.9",
  "quotas.NOPE",
  "0",
  "[]",
];
// prettier-ignore
const ODD_VALUES = [
  "", " ", "\t\n", "0", "-1", "1.5", "1e309", "NaN", "Infinity", "0x10", "9007199254740993", "null", "undefined", "true", "[]", "{}", "on", "off",
  "2026-02-30", "2026-13-01T25:61", "9999-12-31T23:59", "0000-01-01", "not-an-email", "a@b", "A@EXAMPLE.TEST", "/", "//evil.example", "/\\evil",
  "/ب", "/a\nb", "/a\r\nSet-Cookie: x=1", "javascript:alert(1)", "<script>alert(1)</script>", "' OR 1=1 --", "\u0000", "\uFFFF", "\uD800",
  "🇲🇦".repeat(50), "ا".repeat(3000), ...APPLICATION_STATUSES, ...SECTORS, ...LOCALES, ...RECOMMENDATIONS, ...Object.keys(TRANSITIONS),
  "PROTOTYPE", "ACCEPT", "WAITLIST", "REJECT", "NONE", "eligible", "ineligible", "accept", "decline", "OPEN", "OPENING_SOON",
];

/** The 200 KB values, built once: each post reuses them (and their urlencoded form, see `urlencode`). */
const HUGE_VALUES = ["x", "é", "\u0000", "😀", "<", "9", "ا "].map((c) => c.repeat(Math.ceil(HUGE / c.length)));
const hugeArb = fc.constantFrom(...HUGE_VALUES);
/**
 * Built once, shared by every route's bodies (an arbitrary is only a recipe): building a string
 * arbitrary over every code point costs fast-check tens of milliseconds, and the bodies of each
 * of the ~30 routes would otherwise build four.
 */
const binaryValueArb = fc.string({ unit: "binary", maxLength: 40 });
const binaryKeyArb = fc.string({ unit: "binary", maxLength: 20 });
const shortStringArb = fc.string({ maxLength: 10 });

function valueArb(fixture: Fixture): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: binaryValueArb },
    { weight: 3, arbitrary: fc.constantFrom(...ODD_VALUES) },
    { weight: 3, arbitrary: fc.constantFrom(...fixture.values) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: hugeArb },
  );
}

function keyArb(fixture: Fixture): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...KNOWN_FIELDS, ...fixture.criterionIds.map((id) => `scores.${id}`)) },
    { weight: 2, arbitrary: binaryKeyArb },
    { weight: 1, arbitrary: fc.constantFrom(...ODD_KEYS) },
    { weight: 1, arbitrary: hugeArb },
  );
}

type FilePart = { field: string; fileName: string; bytes: Uint8Array };
type Body =
  | { kind: "urlencoded"; fields: Array<[string, string]> }
  | { kind: "raw"; bytes: Uint8Array }
  | { kind: "multipart"; fields: Array<[string, string]>; files: FilePart[] };

function fieldsArb(fixture: Fixture): fc.Arbitrary<Array<[string, string]>> {
  const intent = fc.option(fc.tuple(fc.constant("intent"), fc.oneof(fc.constantFrom(...INTENTS), shortStringArb)), {
    nil: undefined,
  });
  return fc
    .tuple(intent, fc.array(fc.tuple(keyArb(fixture), valueArb(fixture)), { maxLength: 12 }))
    .map(([first, rest]) => (first ? [first as [string, string], ...rest] : rest));
}

const fileArb: fc.Arbitrary<FilePart> = fc.record({
  field: fc.oneof(fc.constantFrom("pitchDeck", "otherFile", "file", "email"), fc.string({ maxLength: 10 })),
  fileName: fc.oneof(
    fc.constantFrom("deck.pdf", "a;b=c.pdf", "../../etc/passwd", "", "ملف.pdf", "x".repeat(5000)),
    fc.string({ unit: "binary", maxLength: 30 }),
  ),
  bytes: fc.oneof(
    fc.uint8Array({ maxLength: 2048 }),
    fc.uint8Array({ maxLength: 512 }).map((junk) => Buffer.concat([Buffer.from("%PDF-1.4\n"), junk]) as Uint8Array),
    fc.constant(new Uint8Array(0)),
    fc.constant(Uint8Array.from(pdfBuffer())),
    fc.integer({ min: 0, max: 255 }).map((b) => new Uint8Array(HUGE).fill(b)),
  ),
});

function bodyArb(fixture: Fixture): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 4, arbitrary: fieldsArb(fixture).map((fields) => ({ kind: "urlencoded" as const, fields })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((bytes) => ({ kind: "raw" as const, bytes })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fieldsArb(fixture), fc.array(fileArb, { maxLength: 2 }))
        .map(([fields, files]) => ({ kind: "multipart" as const, fields, files })),
    },
  );
}

function describeBody(body: Body): string {
  const cut = (s: string) => (s.length > 60 ? `${JSON.stringify(s.slice(0, 60))}…(${s.length} chars)` : JSON.stringify(s));
  if (body.kind === "raw") return `raw urlencoded, ${body.bytes.length} bytes`;
  const fields = body.fields.map(([k, v]) => `${cut(k)}=${cut(v)}`).join(" & ");
  if (body.kind === "urlencoded") return `urlencoded: ${fields}`;
  return `multipart: ${fields}; files: ${body.files.map((f) => `${cut(f.field)}/${cut(f.fileName)} (${f.bytes.length} bytes)`).join(", ")}`;
}

// ---------------------------------------------------------------------------
// Posting

let ipCounter = 0;

/** Long strings' urlencoded forms: the 200 KB values recur in many bodies, and encoding one takes milliseconds. */
const encodedLongStrings = new Map<string, string>();

/** A name or value as URLSearchParams serializes it (application/x-www-form-urlencoded). */
function urlencode(text: string): string {
  const cached = encodedLongStrings.get(text);
  if (cached !== undefined) return cached;
  const encoded = new URLSearchParams([[text, ""]]).toString().slice(0, -1);
  if (text.length > 1024) encodedLongStrings.set(text, encoded);
  return encoded;
}

function buildRequest(
  url: string,
  cookie: string | null,
  body: Body | { kind: "custom"; contentType: string | null; bytes: Uint8Array },
): Request {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie);
  let payload: BodyInit;
  switch (body.kind) {
    case "urlencoded":
      // The body `new URLSearchParams(body.fields)` would give, with its Content-Type.
      headers.set("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8");
      payload = body.fields.map(([key, value]) => `${urlencode(key)}=${urlencode(value)}`).join("&");
      break;
    case "raw":
      headers.set("Content-Type", "application/x-www-form-urlencoded");
      payload = Buffer.from(body.bytes);
      break;
    case "multipart": {
      const form = new FormData();
      for (const [key, value] of body.fields) form.append(key, value);
      for (const file of body.files) form.append(file.field, new Blob([Buffer.from(file.bytes)]), file.fileName);
      payload = form;
      break;
    }
    case "custom":
      if (body.contentType) headers.set("Content-Type", body.contentType);
      payload = Buffer.from(body.bytes);
      break;
  }
  return new Request(url, { method: "POST", headers, body: payload });
}

type Outcome = { response: Response; body: unknown; ms: number } | { thrown: unknown; ms: number };

/** Runs an action as Remix would; a thrown Response is the answer, anything else thrown is a 500. */
async function post(route: ActionRoute, fixture: Fixture, body: Parameters<typeof buildRequest>[2], step = "project"): Promise<Outcome> {
  const params = paramsFor(route.file, fixture, step);
  const cookie = route.file === "logout.tsx" ? null : fixture.cookies[route.area];
  const request = buildRequest(`http://localhost${urlPath(route.file, params)}`, cookie, body);
  ipCounter += 1;
  const context = { clientIp: `198.51.${(ipCounter >> 8) & 255}.${ipCounter & 255}`, cspNonce: "test-nonce" };
  const started = Date.now();
  let response: Response;
  try {
    const result = await route.action({ request, params, context });
    response = result instanceof Response ? result : Response.json(result);
  } catch (thrown) {
    if (!(thrown instanceof Response)) return { thrown, ms: Date.now() - started };
    response = thrown;
  }
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: judged below.
  }
  return { response, body: parsed, ms: Date.now() - started };
}

/** A 4xx body that tells the user what went wrong. */
function saysWhy(body: unknown): boolean {
  if (!body || typeof body !== "object") return false;
  const b = body as Record<string, unknown>;
  const text = (v: unknown) => typeof v === "string" && v.length > 0;
  return (
    text(b.message) ||
    text(b.error) ||
    text(b.formError) ||
    (typeof b.errors === "object" && b.errors !== null && Object.keys(b.errors).length > 0) ||
    // The invitation and password-reset pages show "this link is invalid or expired" for it.
    b.invalidLink === true
  );
}

// ---------------------------------------------------------------------------
// What "changes nothing" compares: a hash of every row of every table an action can write, read
// through a second connection to the test's database, which sees each commit
// (tests/support/database-faults.ts: openOutsideReader).

/**
 * Tables a refused request may write without having changed anything: the session it came with
 * (its expiry rolls forward) and the rate-limit counters (a refused attempt counts toward a limit).
 */
const BOOKKEEPING_TABLES = new Set(["_prisma_migrations", "Session", "RateLimit"]);

let reader: OutsideReader | null = null;
/** The tables `snapshot` hashes (the schema does not change during the file). */
let hashedTables: string[] | null = null;

/**
 * The founder drafts of the fixtures. A draft save that refuses some fields still keeps the valid
 * ones (nothing typed is lost) and answers 400: those routes may change the draft's own row and team (and
 * who last changed its steps).
 */
const fixtureDrafts = new Set<string>();
const DRAFT_ROWS = ["Application (fixture drafts)", "TeamMember (fixture drafts)", "DraftStepChange (fixture drafts)"];
const DRAFT_SAVING_ROUTES = new Set(["founder.applications.$id.autosave.tsx", "founder.applications.$id.edit.$step.tsx"]);
/** Where a table's rows belong to a fixture draft: those are hashed apart, under DRAFT_ROWS. */
const DRAFT_COLUMN: Record<string, string> = { Application: "id", TeamMember: "applicationId", DraftStepChange: "applicationId" };

/**
 * The last snapshot and the reader's commit mark it was taken at. The mark moves whenever a
 * connection commits a write: while it has not moved (and the fixture drafts are the same),
 * nothing was written and the last hashes still hold, so a run's "before" is often the previous
 * run's "after" without reading every table again.
 */
let lastSnapshot: { version: string; drafts: string; hashes: Record<string, string> } | null = null;

/** One hash per table (the fixture drafts' rows apart): its rows in a stable order, every column's value. */
async function snapshot(): Promise<Record<string, string>> {
  reader ??= await openOutsideReader();
  const connection = reader;
  const version = await connection.commitMark();
  const currentDrafts = JSON.stringify([...fixtureDrafts]);
  if (lastSnapshot && lastSnapshot.version === version && lastSnapshot.drafts === currentDrafts) return { ...lastSnapshot.hashes };
  hashedTables ??= (await appTables()).filter((name) => !BOOKKEEPING_TABLES.has(name));
  const hashes: Record<string, string> = {};
  const drafts = [...fixtureDrafts];
  for (const table of hashedTables) {
    const column = DRAFT_COLUMN[table];
    const parts: Array<[key: string, rows: () => Promise<unknown[][]>]> = column
      ? [
          [table, () => connection.tableRows(table, { column, values: drafts, among: false })],
          [`${table} (fixture drafts)`, () => connection.tableRows(table, { column, values: drafts, among: true })],
        ]
      : [[table, () => connection.tableRows(table)]];
    for (const [key, rows] of parts) {
      const hash = crypto.createHash("sha256");
      for (const row of await rows()) {
        hash.update(
          JSON.stringify(row, (_key, value: unknown) =>
            typeof value === "bigint" ? `${value}n` : Buffer.isBuffer(value) ? value.toString("hex") : value,
          ),
        );
        hash.update("\n");
      }
      hashes[key] = hash.digest("hex");
    }
  }
  lastSnapshot = { version, drafts: currentDrafts, hashes: { ...hashes } };
  return hashes;
}

/** The tables whose rows differ between two snapshots. */
function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((table) => before[table] !== after[table]).sort();
}

/** What is wrong with one answer, or null; `crashesOnly` looks at 500s alone. */
async function judge(outcome: Outcome, before: Record<string, string>, crashesOnly = false, file?: string): Promise<string | null> {
  if ("thrown" in outcome)
    return `threw ${outcome.thrown instanceof Error ? `${outcome.thrown.constructor.name}: ${outcome.thrown.message}` : String(outcome.thrown)} (a 500)`;
  const { status } = outcome.response;
  if (status >= 500) return `answered ${status}`;
  if (status >= 400 && !crashesOnly) {
    if (!saysWhy(outcome.body)) return `answered ${status} without a message: ${JSON.stringify(outcome.body).slice(0, 200)}`;
    const changed = changedTables(before, await snapshot()).filter(
      (key) => !(file && DRAFT_SAVING_ROUTES.has(file) && DRAFT_ROWS.includes(key)),
    );
    if (changed.length > 0) return `answered ${status} but changed rows of ${changed.join(", ")}`;
  }
  return null;
}

// ---------------------------------------------------------------------------

afterAll(async () => {
  await reader?.close();
  reader = null;
});

beforeAll(async () => {
  await dbReady;
  routes = await Promise.all(
    actionFiles.map(async (file) => ({
      file,
      area: areaOf(file),
      action: ((await import(path.join(ROUTES_DIR, file))) as { action: ActionFunction }).action,
    })),
  );
});

describe("random and oversized bodies posted to every form action", () => {
  it("finds the actions", () => {
    expect(actionFiles.length).toBeGreaterThanOrEqual(20);
    expect(actionFiles).toContain("login.tsx");
  });

  it('judges "changes nothing" by the rows\' content, not their count', async () => {
    const user = await createTestUser({ roles: ["FOUNDER"] });
    const before = await snapshot();
    expect(Object.keys(before)).toEqual(expect.arrayContaining(["Application", "AuditEvent", "OutboxEmail", "Review", "User"]));
    // Same number of rows, one value changed: seen.
    await db.user.update({ where: { id: user.id }, data: { name: `${user.name} (renamed)` } });
    expect(changedTables(before, await snapshot())).toEqual(["User"]);
    // A fixture draft's rows are hashed apart (a draft save keeps its valid fields even when it answers 400).
    const fixture = await buildFixture();
    const withDraft = await snapshot();
    await db.application.update({ where: { id: fixture.draftApplicationId }, data: { tagline: "Changed by a partial save" } });
    expect(changedTables(withDraft, await snapshot())).toEqual(["Application (fixture drafts)"]);
    // A session's renewal is bookkeeping, not a change.
    const renewed = await snapshot();
    await db.session.create({
      data: { id: `fuzz-session-${process.pid}-${Date.now()}`, userId: user.id, expiresAt: new Date(Date.now() + 60_000) },
    });
    expect(changedTables(renewed, await snapshot())).toEqual([]);
  });

  for (const file of actionFiles) {
    // Every one of the RUNS_PER_ROUTE bodies is posted: no time limit that would end the check early and pass.
    it(`${file}: never a 500, a 4xx says why and changes nothing`, { timeout: 180_000 }, async () => {
      const route = routes.find((r) => r.file === file)!;
      const fixture = await buildFixture();
      await fc.assert(
        fc.asyncProperty(bodyArb(fixture), fc.constantFrom(...WIZARD_STEPS, "nope"), async (body, step) => {
          const before = await snapshot();
          const outcome = await post(route, fixture, body, step);
          const problem = await judge(outcome, before, false, file);
          if (problem)
            throw new Error(`${file} ${problem}\n  body: ${describeBody(body)}${file.includes("$step") ? `\n  step: ${step}` : ""}`);
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    });
  }
});

describe("bodies no form parser can read", () => {
  it("answer 4xx with a message, never 500", { timeout: 60_000 }, async () => {
    const fixture = await buildFixture();
    const junk = Uint8Array.from(Buffer.from('\x00\xff--not-the-boundary\r\nContent-Disposition: form-data; name="x"\r\n\r\n\xfe\x01'));
    const bodies = [
      { kind: "custom" as const, contentType: "multipart/form-data; boundary=----fuzz", bytes: junk },
      { kind: "custom" as const, contentType: "multipart/form-data", bytes: junk },
      { kind: "custom" as const, contentType: "text/plain", bytes: Uint8Array.from(Buffer.from("intent=submit")) },
      { kind: "custom" as const, contentType: null, bytes: junk },
    ];
    const problems: string[] = [];
    for (const route of routes) {
      for (const body of bodies) {
        const before = await snapshot();
        const problem = await judge(await post(route, fixture, body), before, false, route.file);
        if (problem) problems.push(`${route.file} [${body.contentType ?? "no Content-Type"}] ${problem}`);
      }
      // Well-formed, but with a part header (the field name) of 200 KB.
      const before = await snapshot();
      const problem = await judge(
        await post(route, fixture, { kind: "multipart", fields: [["x".repeat(HUGE), ""]], files: [] }),
        before,
        false,
        route.file,
      );
      if (problem) problems.push(`${route.file} [multipart, 200 KB field name] ${problem}`);
    }
    expect(problems).toEqual([]);
  });
});

describe("field names that formDataToObject and the actions mishandle", () => {
  it("pollute nothing and crash nothing", { timeout: 60_000 }, async () => {
    const fixture = await buildFixture();
    const problems: string[] = [];
    const PROBE = "tremplinFuzzPolluted";
    // A canary rather than real pollution: a non-enumerable setter on the prototypes records an
    // assignment without storing it. (Real pollution makes every later Prisma query of this
    // process fail — its argument walk meets the inherited key — and leaves its transaction
    // lock held, so nothing after it would run.)
    const polluted: string[] = [];
    for (const [name, proto] of [
      ["Object", Object.prototype],
      ["Array", Array.prototype],
    ] as const) {
      Object.defineProperty(proto, PROBE, {
        configurable: true,
        enumerable: false,
        get: () => undefined,
        set: () => void polluted.push(`${name}.prototype`),
      });
    }
    const probeFields: Array<Array<[string, string]>> = [
      [[`__proto__.${PROBE}`, "yes"]],
      [[`constructor.prototype.${PROBE}`, "yes"]],
      [[`team.__proto__.${PROBE}`, "yes"]],
      ...["constructor", "toString", "__proto__", "valueOf", "hasOwnProperty"].map(
        (intent) => [["intent", intent]] as Array<[string, string]>,
      ),
      [
        ["__proto__", "x"],
        ["constructor", "x"],
        ["prototype", "x"],
      ],
      [
        ["team", "x"],
        ["team.0.name", "y"],
      ],
      [
        ["email", "a@example.test"],
        ["email.b", "c"],
      ],
    ];
    try {
      for (const route of routes) {
        for (const fields of probeFields) {
          const before = await snapshot();
          polluted.length = 0;
          const outcome = await post(route, fixture, { kind: "urlencoded", fields });
          if (polluted.length > 0)
            problems.push(`${route.file} ${JSON.stringify(fields)}: assigned ${PROBE} on ${[...new Set(polluted)].join(", ")}`);
          const problem = await judge(outcome, before, true);
          if (problem) problems.push(`${route.file} ${JSON.stringify(fields)}: ${problem}`);
        }
      }
    } finally {
      delete (Object.prototype as Record<string, unknown>)[PROBE];
      delete (Array.prototype as unknown as Record<string, unknown>)[PROBE];
    }
    expect(problems).toEqual([]);
  });
});

describe("redirect targets that are no valid header value", () => {
  it("fall back to a safe page instead of failing", { timeout: 60_000 }, async () => {
    const fixture = await buildFixture();
    const user = await createTestUser({ roles: ["FOUNDER"] });
    const problems: string[] = [];
    for (const redirectTo of ["/ب", "/a\nb"]) {
      const forms: Record<string, Array<[string, string]>> = {
        "locale.tsx": [
          ["locale", "ar"],
          ["redirectTo", redirectTo],
        ],
        "login.tsx": [
          ["email", user.email],
          ["password", TEST_PASSWORD],
          ["redirectTo", redirectTo],
        ],
        "signup.tsx": [
          ["name", "Nadia Alaoui"],
          ["email", `nadia-${ipCounter}-${process.pid}@example.test`],
          ["password", "a-long-password-2026"],
          ["redirectTo", redirectTo],
        ],
      };
      for (const [file, fields] of Object.entries(forms)) {
        const route = routes.find((r) => r.file === file)!;
        const outcome = await post(route, fixture, { kind: "urlencoded", fields });
        const problem = await judge(outcome, await snapshot(), true);
        if (problem) problems.push(`${file} redirectTo=${JSON.stringify(redirectTo)}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("array indexes in the billions", () => {
  it("are refused quickly", { timeout: 60_000 }, async () => {
    const fixture = await buildFixture();
    const slow: string[] = [];
    for (const file of ["founder.applications.$id.autosave.tsx", "founder.applications.$id.edit.$step.tsx"]) {
      const route = routes.find((r) => r.file === file)!;
      const outcome = await post(route, fixture, { kind: "urlencoded", fields: [["team.100000000.name", "Ghost"]] }, "team");
      expect("thrown" in outcome ? outcome.thrown : null).toBeNull();
      if (outcome.ms > 1000) slow.push(`${file}: ${outcome.ms} ms for one post of team.100000000.name`);
    }
    expect(slow).toEqual([]);
  });
});
