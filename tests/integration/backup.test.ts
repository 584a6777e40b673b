// `npm run backup` (app/ops/backup.server.ts): an online copy of the database
// (an SQLite file, or a pg_dump of PostgreSQL) and the uploads, taken while
// the app's Prisma client keeps writing, then restored into a fresh place and
// opened with the app's own client — the data is there, the files match their
// attachments, and every write is in the copy whole or not at all.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, db, dbReady } from "~/db/client.server.ts";
import { databaseFilePath, databaseLabel, databaseProvider } from "~/db/database-url.ts";
import { createBackup, MANIFEST_FILE_NAME, restoreBackup, RestoreRefused, sha256File, type BackupResult } from "~/ops/backup.server.ts";
import { storageDir } from "~/storage/files.server.ts";
import { createTestUser } from "../support/factories.ts";
import { attachPitchDeck, createApplication, createIntakeSetup } from "../support/intake-factories.ts";

const workDir = path.join(process.env.TREMPLIN_TEST_DIR!, `backup-${process.pid}-${Date.now()}`);
const backupsDir = path.join(workDir, "backups");
const PROBE = "BACKUP_PROBE";
const POSTGRES = databaseProvider() === "postgresql";
/** The database file a backup holds. */
const DATABASE_COPY = POSTGRES ? "tremplin.dump" : "tremplin.db";

/** Databases this file creates on the PostgreSQL server, dropped at the end. */
const postgresDatabases: Array<() => Promise<void>> = [];

/** A place to restore into that holds nothing yet: a database file to be, or an empty PostgreSQL database. */
async function emptyTarget(name: string): Promise<string> {
  if (!POSTGRES) return `file:${path.join(workDir, name, "tremplin.db")}`;
  const { freshDatabase } = await import("../support/postgres.ts");
  const database = await freshDatabase(`tremplin_backup_${name.replace(/\W/g, "_")}`);
  postgresDatabases.push(database.drop);
  return database.url;
}

type Seeded = {
  founderEmail: string;
  adminEmail: string;
  applicationIds: string[];
  attachments: Array<{ id: string; storageKey: string; sha256: string; size: number }>;
};
let seeded: Seeded;

/**
 * Writes through the app's client until stopped: each round is one
 * transaction of two probe audit events sharing a number, plus an update of an
 * application; every few rounds a new user and a freshly stored upload.
 */
function startWriter(applicationIds: string[]) {
  const state = { rounds: 0, stop: false, error: null as unknown };
  const done = (async () => {
    while (!state.stop) {
      const n = state.rounds + 1;
      await db.$transaction(async (tx) => {
        for (const half of ["a", "b"]) {
          await tx.auditEvent.create({
            data: { subjectType: "Backup", subjectId: String(n), type: PROBE, details: JSON.stringify({ n, half }) },
          });
        }
        await tx.application.update({ where: { id: applicationIds[n % applicationIds.length] }, data: { traction: `round ${n}` } });
      });
      if (n % 10 === 0) {
        await createTestUser({ roles: ["FOUNDER"], email: `writer-${n}-${process.pid}@example.test` });
        await attachPitchDeck(applicationIds[n % applicationIds.length]);
      }
      state.rounds = n;
    }
  })().catch((error) => {
    state.error = error;
  });
  return { state, stop: async () => ((state.stop = true), await done) };
}

/** Waits (without blocking the writer) until `predicate` holds. */
async function until(predicate: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

beforeAll(async () => {
  await dbReady;
  const { site, alternateSite, call, founder } = await createIntakeSetup();
  const admin = await createTestUser({ roles: ["ADMIN"] });
  const applicationIds: string[] = [];
  const attachments: Seeded["attachments"] = [];
  for (const status of ["DRAFT", "SUBMITTED", "REVIEW"] as const) {
    const owner = status === "DRAFT" ? founder : await createTestUser({ roles: ["FOUNDER"] });
    const { application, pitchDeck } = await createApplication({ founder: owner, call, site, alternateSite, status });
    applicationIds.push(application.id);
    attachments.push({ id: pitchDeck.id, storageKey: pitchDeck.storageKey, sha256: pitchDeck.sha256, size: pitchDeck.size });
  }
  seeded = { founderEmail: founder.email, adminEmail: admin.email, applicationIds, attachments };
});

afterAll(async () => {
  fs.rmSync(workDir, { recursive: true, force: true });
  for (const drop of postgresDatabases) await drop();
});

describe("npm run backup", () => {
  let backup: BackupResult;
  let writesBefore: number;
  let writesAfter: number;

  beforeAll(async () => {
    const writer = startWriter(seeded.applicationIds);
    try {
      await until(() => writer.state.rounds >= 25);
      writesBefore = writer.state.rounds;
      backup = await createBackup({ outDir: backupsDir });
      writesAfter = writer.state.rounds;
      // And the writer keeps going after the snapshot: none of that may show up in the copy.
      await until(() => writer.state.rounds >= writesAfter + 10);
    } finally {
      await writer.stop();
    }
    expect(writer.state.error).toBeNull();
    // The app really was writing while the backup ran.
    expect(writesAfter).toBeGreaterThan(writesBefore);
  });

  it("writes the database copy, the files and a manifest into a timestamped folder", async () => {
    expect(path.dirname(backup.dir)).toBe(backupsDir);
    expect(path.basename(backup.dir)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z$/);
    const manifest = JSON.parse(fs.readFileSync(path.join(backup.dir, MANIFEST_FILE_NAME), "utf8"));
    expect(manifest).toEqual(backup.manifest);
    const copy = path.join(backup.dir, DATABASE_COPY);
    expect(manifest.database.sha256).toBe(await sha256File(copy));
    expect(manifest.database.bytes).toBe(fs.statSync(copy).size);
    if (POSTGRES) {
      expect(manifest.database).toMatchObject({
        provider: "postgresql",
        format: "pg_dump custom",
        serverVersion: expect.stringMatching(/^\d+/),
      });
      // A pg_dump custom-format archive starts with PGDMP.
      expect(fs.readFileSync(copy).subarray(0, 5).toString()).toBe("PGDMP");
      expect(manifest.source.databaseFile).toBe(databaseLabel(process.env.DATABASE_URL!));
    } else {
      expect(manifest.database.integrityCheck).toBe("ok");
      expect(manifest.source.databaseFile).toBe(databaseFilePath());
    }
    for (const attachment of seeded.attachments) {
      expect(fs.readFileSync(path.join(backup.dir, "storage", attachment.storageKey)).length).toBe(attachment.size);
    }
    expect(manifest.storage.files).toBeGreaterThanOrEqual(seeded.attachments.length);
    expect(manifest.storage.missingStorageKeys).toEqual([]);
    // No partial upload (STORAGE_DIR/tmp) and no SQLite side files in the backup.
    expect(fs.existsSync(path.join(backup.dir, "storage", "tmp"))).toBe(false);
    expect(fs.readdirSync(backup.dir).sort()).toEqual(["manifest.json", "storage", DATABASE_COPY].sort());
  });

  it("restores into a fresh place, where the app's client finds the data and the files", async () => {
    const restoredStorage = path.join(workDir, "restored", "storage");
    const databaseUrl = await emptyTarget("restored");
    await restoreBackup(backup.dir, { databaseUrl, storageDir: restoredStorage });

    const restored = createDb(databaseUrl);
    try {
      await restored.ready;
      // SQLite checks the file it was given; pg_restore ran in one transaction that stops at the first error.
      if (!POSTGRES) expect(await restored.db.$queryRawUnsafe("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);

      expect(await restored.db.user.findUnique({ where: { email: seeded.founderEmail }, select: { email: true } })).toEqual({
        email: seeded.founderEmail,
      });
      expect(await restored.db.user.findUnique({ where: { email: seeded.adminEmail }, include: { roles: true } })).toMatchObject({
        roles: [expect.objectContaining({ role: "ADMIN" })],
      });
      const applications = await restored.db.application.findMany({
        where: { id: { in: seeded.applicationIds } },
        include: { teamMembers: true },
      });
      expect(applications.map((a) => a.status).sort()).toEqual(["DRAFT", "REVIEW", "SUBMITTED"]);
      expect(applications.every((a) => a.teamMembers.length === 2)).toBe(true);

      // Every attachment in the copy — the seeded ones and those stored while the backup ran — has its file, byte for byte.
      const seededAttachment = seeded.attachments[0];
      const found = await restored.db.attachment.findFirst({ where: { storageKey: seededAttachment.storageKey } });
      expect(found?.id).toBe(seededAttachment.id);
      const attachments = await restored.db.attachment.findMany();
      expect(attachments.length).toBeGreaterThanOrEqual(seeded.attachments.length);
      for (const attachment of attachments) {
        const bytes = fs.readFileSync(path.join(restoredStorage, attachment.storageKey));
        expect(createHash("sha256").update(bytes).digest("hex")).toBe(attachment.sha256);
      }

      // One snapshot: the probe transactions in the copy are exactly the first k, each with both halves.
      const probes = await restored.db.auditEvent.findMany({ where: { type: PROBE }, select: { subjectId: true } });
      const perRound = new Map<number, number>();
      for (const probe of probes) perRound.set(Number(probe.subjectId), (perRound.get(Number(probe.subjectId)) ?? 0) + 1);
      const rounds = [...perRound.keys()].sort((a, b) => a - b);
      expect([...perRound.values()].every((count) => count === 2)).toBe(true);
      expect(rounds).toEqual(Array.from({ length: rounds.length }, (_, i) => i + 1));
      expect(rounds.length).toBeGreaterThanOrEqual(writesBefore);
      expect(rounds.length).toBeLessThanOrEqual(writesAfter + 1);
      // The live database went on past the snapshot.
      expect(await db.auditEvent.count({ where: { type: PROBE } })).toBeGreaterThan(probes.length);
    } finally {
      await restored.db.$disconnect();
    }
  });

  it("refuses to overwrite an existing database unless forced", async () => {
    const storage = path.join(workDir, "occupied", "storage");
    if (POSTGRES) {
      // A database with a table of its own: left as it is, unless forced, then replaced by the backup's.
      const databaseUrl = await emptyTarget("occupied");
      const other = createDb(databaseUrl);
      try {
        await other.db.$executeRawUnsafe(`CREATE TABLE "Application" ("id" TEXT PRIMARY KEY, "note" TEXT)`);
        await other.db.$executeRawUnsafe(`INSERT INTO "Application" VALUES ('old', 'not this backup')`);
        await expect(restoreBackup(backup.dir, { databaseUrl, storageDir: storage })).rejects.toBeInstanceOf(RestoreRefused);
        expect(await other.db.$queryRawUnsafe(`SELECT "id", "note" FROM "Application"`)).toEqual([{ id: "old", note: "not this backup" }]);
        await restoreBackup(backup.dir, { databaseUrl, storageDir: storage, force: true });
        const ids = (await other.db.application.findMany({ select: { id: true } })).map((a) => a.id);
        expect(ids).toEqual(expect.arrayContaining(seeded.applicationIds));
        expect(ids).not.toContain("old");
      } finally {
        await other.db.$disconnect();
      }
      return;
    }
    const target = path.join(workDir, "occupied", "tremplin.db");
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, "not a database");
    const options = { databaseUrl: `file:${target}`, storageDir: storage };
    await expect(restoreBackup(backup.dir, options)).rejects.toBeInstanceOf(RestoreRefused);
    expect(fs.readFileSync(target, "utf8")).toBe("not a database");

    fs.writeFileSync(`${target}-wal`, "stale WAL of the old database");
    await restoreBackup(backup.dir, { ...options, force: true });
    expect(fs.existsSync(`${target}-wal`)).toBe(false);
    expect(await sha256File(target)).toBe(backup.manifest.database.sha256);
  });

  it("refuses a backup of one kind of database restored into the other", async () => {
    const otherKind = POSTGRES ? `file:${path.join(workDir, "other-kind", "tremplin.db")}` : "postgres://nobody@127.0.0.1:1/none";
    await expect(restoreBackup(backup.dir, { databaseUrl: otherKind, storageDir: path.join(workDir, "other-kind", "s") })).rejects.toThrow(
      POSTGRES
        ? /backup of a PostgreSQL database: DATABASE_URL must name a PostgreSQL database/
        : /backup of an SQLite database: DATABASE_URL must name an SQLite file/,
    );
  });

  it("refuses a backup whose database no longer matches its manifest", async () => {
    const tampered = path.join(workDir, "tampered");
    fs.cpSync(backup.dir, tampered, { recursive: true });
    fs.appendFileSync(path.join(tampered, DATABASE_COPY), "x");
    await expect(
      restoreBackup(tampered, { databaseUrl: await emptyTarget("tampered"), storageDir: path.join(workDir, "t", "s") }),
    ).rejects.toThrow(/does not match its manifest/);
  });

  it("reports a file a message references but storage lacks, like an application's", async () => {
    const founder = await createTestUser({ roles: ["FOUNDER"] });
    const message = await db.message.create({
      data: { applicationId: seeded.applicationIds[1], authorId: founder.id, fromStaff: false, body: "Voici notre budget." },
    });
    const missing = "f".repeat(64);
    const file = await db.messageAttachment.create({
      data: { messageId: message.id, fileName: "budget.pdf", mimeType: "application/pdf", size: 10, sha256: missing, storageKey: missing },
    });
    try {
      const next = await createBackup({ outDir: path.join(workDir, "message-files") });
      expect(next.manifest.storage.missingStorageKeys).toEqual([missing]);
    } finally {
      await db.messageAttachment.delete({ where: { id: file.id } });
      await db.message.delete({ where: { id: message.id } });
    }
  });

  it("copies only new files into the next backup, linking the ones it already has", async () => {
    const { pitchDeck } = await createApplication({ ...(await createIntakeSetup()), status: "DRAFT" });
    const live = fs
      .readdirSync(storageDir(), { recursive: true, encoding: "utf8" })
      .filter((entry) => /^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(entry.split(path.sep).join("/")));
    const next = await createBackup({ outDir: backupsDir, now: new Date(Date.now() + 1000) });
    expect(next.dir).not.toBe(backup.dir);
    expect(next.manifest.storage.files).toBe(live.length);
    // Everything the first backup had is linked from it; only what was uploaded since is copied.
    expect(next.manifest.storage.linked).toBe(backup.manifest.storage.files);
    expect(next.manifest.storage.copied).toBe(live.length - backup.manifest.storage.files);
    const fresh = path.join(next.dir, "storage", pitchDeck.storageKey);
    expect(fs.readFileSync(fresh).equals(fs.readFileSync(path.join(storageDir(), pitchDeck.storageKey)))).toBe(true);
    expect(fs.statSync(fresh).nlink).toBe(1);
    const shared = path.join(next.dir, "storage", seeded.attachments[0].storageKey);
    expect(fs.statSync(shared).ino).toBe(fs.statSync(path.join(backup.dir, "storage", seeded.attachments[0].storageKey)).ino);
  });
});
