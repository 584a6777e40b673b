// Setup: the production build and a fresh bench database seeded at full size,
// then the rows the targets point at (call, draft, reviewer, application…).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { createPostgresDb } from "~/db/postgres.server.ts";
import { questionColumns, type QuestionDefinitionInput } from "~/domain/call-questions.ts";
import { benchEnv, config } from "./config.ts";
import { addFollowedProjects, FOLLOWED_PROJECTS, hasFollowedProjectsFixture } from "./follow-up-fixture.ts";
import { log, timed } from "./log.ts";

const BIN = path.join(config.root, "node_modules/.bin");

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  execFileSync(path.join(BIN, command), args, { cwd: config.root, stdio: ["ignore", "inherit", "inherit"], env });
}

export async function buildApp(): Promise<void> {
  if (config.skipBuild) {
    if (!fs.existsSync(path.join(config.root, "build/index.js"))) throw new Error("--no-build given but build/index.js is missing");
    log("build: skipped (--no-build)");
    return;
  }
  // The project's own build script: the Remix build, and the compiled server when the script makes one.
  await timed("build: npm run build", async () =>
    execFileSync("npm", ["run", "build"], {
      cwd: config.root,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, NODE_ENV: "production" },
    }),
  );
}

/** A fresh database (unless --reuse finds one), migrated and seeded with the large seed. */
export async function prepareDatabase(): Promise<{ reused: boolean; seedMs: number | null }> {
  const postgres = config.database === "PostgreSQL";
  const exists = postgres ? await isSeeded() : fs.existsSync(config.databaseFile);
  if (config.reuse && exists) {
    log(`database: reusing ${postgres ? "the PostgreSQL database" : path.relative(config.root, config.databaseFile)} (--reuse)`);
    run("prisma", ["migrate", "deploy"], benchEnv());
    await clearRateLimits(); // earlier runs' logins must not lock this one out
    return { reused: true, seedMs: null };
  }
  fs.rmSync(config.workDir, { recursive: true, force: true });
  fs.mkdirSync(config.workDir, { recursive: true });
  if (postgres) {
    // Emptied and migrated afresh: a fresh database, as a new SQLite file is.
    await timed("database: prisma migrate reset", async () =>
      run("prisma", ["migrate", "reset", "--force", "--skip-seed", "--skip-generate"], benchEnv()),
    );
  } else {
    await timed("database: prisma migrate deploy", async () => run("prisma", ["migrate", "deploy"], benchEnv()));
  }
  const started = performance.now();
  await timed(`database: seed ${config.applications} applications`, async () =>
    // The demo seed runs only in demo mode, and the bench knows its password.
    run("tsx", ["prisma/seed.ts"], {
      ...benchEnv(),
      TREMPLIN_DEMO: "on",
      DEMO_PASSWORD: config.password,
      DEMO_TOTP_SECRET: config.totpSecret,
      SEED_APPLICATIONS: String(config.applications),
    }),
  );
  return { reused: false, seedMs: Math.round(performance.now() - started) };
}

function openDb(): PrismaClient {
  if (config.database === "PostgreSQL") return createPostgresDb(config.databaseUrl, { maxWaitMs: 5_000 });
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: config.databaseFile }) });
}

/** Whether the PostgreSQL database holds a seeded call already (what --reuse needs). */
async function isSeeded(): Promise<boolean> {
  const db = openDb();
  try {
    return (await db.call.count()) > 0;
  } catch {
    return false;
  } finally {
    await db.$disconnect();
  }
}

async function clearRateLimits() {
  const db = openDb();
  try {
    await db.rateLimit.deleteMany();
  } finally {
    await db.$disconnect();
  }
}

export type Fixtures = Awaited<ReturnType<typeof loadFixtures>>;

/** Looks up, in the bench database, the rows each target needs. */
export async function loadFixtures() {
  const db = openDb();
  try {
    const call = await db.call.findFirstOrThrow({
      where: { status: "OPEN" },
      orderBy: { opensAt: "desc" },
      select: { id: true, slug: true },
    });
    const countBy = async (where: object) => db.application.count({ where: { callId: call.id, ...where } });
    const [applications, listed, committee] = await Promise.all([
      countBy({}),
      countBy({ status: { not: "DRAFT" } }),
      countBy({ status: "COMMITTEE" }),
    ]);

    // The showcase founder with a draft on the open call (founder2), or any founder with one.
    const drafts = await db.application.findMany({
      where: { callId: call.id, status: "DRAFT" },
      select: { id: true, founder: { select: { email: true } } },
      orderBy: { createdAt: "asc" },
    });
    const draft = drafts.find((d) => d.founder.email.startsWith("founder2@")) ?? drafts[0];
    if (!draft) throw new Error("the seed has no draft application on the open call");

    const admin = await db.user.findFirstOrThrow({
      where: { active: true, roles: { some: { role: "ADMIN" } } },
      orderBy: { createdAt: "asc" },
      select: { email: true },
    });

    // The busiest reviewer: the worst case for the queue page.
    const [busiest] = await db.reviewAssignment.groupBy({
      by: ["reviewerId"],
      _count: { _all: true },
      orderBy: { _count: { reviewerId: "desc" } },
      take: 1,
    });
    if (!busiest) throw new Error("the seed has no review assignments");
    const reviewer = await db.user.findUniqueOrThrow({ where: { id: busiest.reviewerId }, select: { email: true } });
    const assignment = await db.reviewAssignment.findFirstOrThrow({
      where: { reviewerId: busiest.reviewerId, application: { callId: call.id } },
      orderBy: [{ status: "asc" }, { createdAt: "asc" }],
      select: { id: true },
    });

    // An application deep in the pipeline: reviews, scores and an audit trail to show.
    const reviewed = await db.application.findFirstOrThrow({
      where: { callId: call.id, status: "COMMITTEE", reviewCount: { gte: 3 } },
      orderBy: { submittedAt: "asc" },
      select: { id: true },
    });

    // A search word found in some project names but not in most.
    const names = await db.application.findMany({
      where: { callId: call.id, status: { not: "DRAFT" } },
      select: { projectName: true },
      take: 2000,
    });
    const searchTerm = pickSearchTerm(names.map((n) => n.projectName));

    const wideDraftId = await ensureWideQuestionnaire(db, draft.founder.email, call.id);
    // Issue 17: the outcomes dashboard at the size of a network that has followed twenty thousand projects.
    if (!(await hasFollowedProjectsFixture(db)))
      await timed(`database: ${FOLLOWED_PROJECTS} followed projects`, async () => addFollowedProjects(db));
    const followedProjects = await db.followUpSummary.count();

    const pageSize = 50; // ADMIN_PAGE_SIZE in app/models/admin-application.server.ts
    const pageCount = Math.max(1, Math.ceil(listed / pageSize));
    return {
      call,
      counts: { applications, listed, committee },
      admin: { email: admin.email },
      founder: { email: draft.founder.email, draftId: draft.id, wideDraftId },
      reviewer: { email: reviewer.email, assignments: busiest._count._all, assignmentId: assignment.id },
      reviewedApplicationId: reviewed.id,
      followedProjects,
      searchTerm,
      deepPage: Math.max(1, Math.floor(pageCount * 0.9)),
      pageCount,
    };
  } finally {
    await db.$disconnect();
  }
}

/** The word (5+ letters) that appears in closest to 2% of the names. */
function pickSearchTerm(names: string[]): string {
  const counts = new Map<string, number>();
  for (const name of names) {
    for (const word of new Set(name.toLowerCase().match(/\p{L}{5,}/gu) ?? [])) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const goal = names.length * 0.02;
  const ranked = [...counts].sort((a, b) => Math.abs(a[1] - goal) - Math.abs(b[1] - goal) || a[0].localeCompare(b[0]));
  return ranked[0]?.[0] ?? "projet";
}

/** How many questions the autosave of a long questionnaire answers (issue 15: 30). */
export const WIDE_QUESTION_COUNT = 30;
const WIDE_CALL_SLUG = "banc-questionnaire-30";

/** The 30 questions of the wide call: texts, choices, numbers and yes/no, as a long questionnaire mixes them. */
export function wideQuestions(): QuestionDefinitionInput[] {
  const label = (n: number) => ({ fr: `Question ${n}`, en: `Question ${n}`, ar: `السؤال ${n}` });
  const choices = ["a", "b", "c", "d"].map((value) => ({ value, label: { fr: `Réponse ${value}` } }));
  const base = { step: "questions", required: true, identifying: false } as const;
  return Array.from({ length: WIDE_QUESTION_COUNT }, (_, n): QuestionDefinitionInput => {
    const common = { ...base, key: `q${n + 1}`, label: label(n + 1) };
    switch (n % 6) {
      case 0:
        return { ...common, type: "SHORT_TEXT", maxLength: 200 };
      case 1:
        return { ...common, type: "LONG_TEXT", maxLength: 2000 };
      case 2:
        return { ...common, type: "SINGLE_CHOICE", choices };
      case 3:
        return { ...common, type: "MULTIPLE_CHOICE", choices, minPicks: 1, maxPicks: 3 };
      case 4:
        return { ...common, type: "NUMBER", integer: true, min: 0, max: 1_000_000 };
      default:
        return { ...common, type: "YES_NO" };
    }
  });
}

/** An answer to each wide question, as the wizard's form posts it. */
export function wideAnswersForm(): Record<string, string> {
  const values: Record<string, string> = {};
  for (const question of wideQuestions()) {
    values[`answers.${question.key}`] = {
      SHORT_TEXT: "Une réponse courte au banc d'essai.",
      LONG_TEXT: "Une réponse plus longue, comme en écrivent les porteurs de projets pour expliquer leur marché et leur équipe.",
      SINGLE_CHOICE: "b",
      MULTIPLE_CHOICE: "c",
      NUMBER: "125000",
      YES_NO: "yes",
    }[question.type as "SHORT_TEXT"];
  }
  return values;
}

/**
 * A second open call asking WIDE_QUESTION_COUNT questions, with a draft of the bench's founder on it, made
 * once per database (opened before the demo call, which stays the one every other target reads).
 */
async function ensureWideQuestionnaire(db: PrismaClient, founderEmail: string, demoCallId: string): Promise<string> {
  const founder = await db.user.findUniqueOrThrow({ where: { email: founderEmail }, select: { id: true } });
  let call = await db.call.findUnique({ where: { slug: WIDE_CALL_SLUG }, select: { id: true } });
  if (!call) {
    const demo = await db.call.findUniqueOrThrow({ where: { id: demoCallId }, select: { opensAt: true, closesAt: true } });
    call = await db.call.create({
      data: {
        slug: WIDE_CALL_SLUG,
        title: "Banc d'essai — questionnaire de 30 questions",
        description: "Un appel dont le formulaire pose trente questions, pour mesurer l'enregistrement automatique.",
        opensAt: new Date(demo.opensAt.getTime() - 10 * 24 * 60 * 60 * 1000),
        closesAt: demo.closesAt,
        status: "OPEN",
        questions: { create: wideQuestions().map((question, position) => ({ ...questionColumns(question), position })) },
      },
      select: { id: true },
    });
  }
  const draft = await db.application.upsert({
    where: { founderId_callId: { founderId: founder.id, callId: call.id } },
    create: { founderId: founder.id, callId: call.id },
    update: {},
    select: { id: true },
  });
  return draft.id;
}
