// Online backups (`npm run backup`) and their restore.
//
// On SQLite the database is copied with SQLite's online backup API through
// better-sqlite3: it reads one consistent snapshot (WAL mode lets the app keep
// writing meanwhile) and writes a standalone database file. On PostgreSQL it is
// `pg_dump -Fc` of one snapshot (app/ops/backup-postgres.server.ts), restored
// with `pg_restore` into an empty database. Uploaded files are
// content-addressed (`<2 hex>/<sha256>`) and never change once written, so a
// backup only needs the files it does not have yet: those already in the
// previous backup are hard-linked from it (copied when linking fails), the
// rest are copied.
//
// Order matters because an attachment row is written after its file is stored
// and a file is deleted only once no row references it: storage is copied once
// before the database snapshot (the bulk of the work) and once after (the few
// files uploaded meanwhile). Every storage key the snapshot references is then
// checked; a file deleted between the snapshot and the second pass is listed in
// the manifest under `missingStorageKeys`.
import { createHash } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { databaseUrl, storageDir as configuredStorageDir } from "../config/env.server.ts";
import { databaseFilePath, databaseLabel, databaseProvider } from "../db/database-url.ts";
import { Database } from "../db/sqlite.server.ts";
import { dumpPostgres, postgresTables, restorePostgres } from "./backup-postgres.server.ts";

/** The default of STORAGE_DIR, as in app/config/env.server.ts (not imported: a backup must not need SESSION_SECRET). */
export const DEFAULT_BACKUP_ROOT = "var/backups";
export const DATABASE_FILE_NAME = "tremplin.db";
export const POSTGRES_DUMP_FILE_NAME = "tremplin.dump";
export const STORAGE_FOLDER_NAME = "storage";
export const MANIFEST_FILE_NAME = "manifest.json";
/** Partial uploads live here (app/storage/files.server.ts) and are never part of a backup. */
const STORAGE_TEMP_FOLDER = "tmp";
/** The largest step better-sqlite3 accepts: in practice "the whole database". */
const ALL_PAGES = 0x7fffffff;

export type BackupManifest = {
  format: 1;
  app: "tremplin";
  createdAt: string;
  /** The database file, or on PostgreSQL its URL without the password. */
  source: { databaseFile: string; storageDir: string };
  database:
    | { provider?: "sqlite"; file: string; bytes: number; sha256: string; pages: number; integrityCheck: string }
    | { provider: "postgresql"; file: string; bytes: number; sha256: string; format: "pg_dump custom"; serverVersion: string };
  storage: { folder: string; files: number; bytes: number; copied: number; linked: number; missingStorageKeys: string[] };
  durationMs: number;
};

export type BackupOptions = {
  /** A `file:` or `postgres://` URL; DATABASE_URL (or the default) when omitted. */
  databaseUrl?: string;
  /** STORAGE_DIR (or the default) when omitted. */
  storageDir?: string;
  /** The folder holding the timestamped backups; `var/backups` by default. */
  outDir?: string;
  now?: Date;
  log?: (line: string) => void;
};

export type BackupResult = { dir: string; manifest: BackupManifest };

/** `2026-03-01T09:00:00.000Z` → `2026-03-01T09-00-00.000Z`: ISO 8601, with no colon so the name is valid on every file system. */
function backupFolderName(date: Date): string {
  return date.toISOString().replace(/:/g, "-");
}

/** Makes a consistent online copy of the database and the uploaded files into `<outDir>/<timestamp>/`. */
export async function createBackup(options: BackupOptions = {}): Promise<BackupResult> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const url = options.databaseUrl ?? databaseUrl();
  const postgres = databaseProvider(url) === "postgresql";
  const databaseFile = postgres ? null : databaseFilePath(url);
  if (databaseFile === ":memory:") throw new Error("DATABASE_URL names an in-memory database: there is nothing to back up");
  if (databaseFile && !fs.existsSync(databaseFile)) throw new Error(`No database at ${databaseFile} (check DATABASE_URL)`);
  const storageDir = options.storageDir ? path.resolve(options.storageDir) : configuredStorageDir();
  const root = path.resolve(options.outDir ?? DEFAULT_BACKUP_ROOT);
  const now = options.now ?? new Date();

  await fsp.mkdir(root, { recursive: true });
  const previous = await latestBackup(root);
  const dir = path.join(root, backupFolderName(now));
  // Not recursive: two backups in the same millisecond must not share a folder.
  await fsp.mkdir(dir);
  const storageTarget = path.join(dir, STORAGE_FOLDER_NAME);
  await fsp.mkdir(storageTarget);
  const previousStorage = previous ? path.join(previous, STORAGE_FOLDER_NAME) : null;

  const source = databaseLabel(url);
  log(`Backing up ${source} and ${storageDir} into ${dir}`);
  const firstPass = await copyStorage(storageDir, storageTarget, previousStorage);

  const snapshot = databaseFile ? await copySqlite(databaseFile, dir) : await dumpPostgresInto(url, dir);

  const secondPass = await copyStorage(storageDir, storageTarget, previousStorage);
  const missingStorageKeys = snapshot.referencedKeys.filter((key) => !fs.existsSync(path.join(storageTarget, key))).sort();
  const stored = await summarize(storageTarget);

  const manifest: BackupManifest = {
    format: 1,
    app: "tremplin",
    createdAt: now.toISOString(),
    source: { databaseFile: source, storageDir },
    database: snapshot.database,
    storage: {
      folder: STORAGE_FOLDER_NAME,
      files: stored.files,
      bytes: stored.bytes,
      copied: firstPass.copied + secondPass.copied,
      linked: firstPass.linked + secondPass.linked,
      missingStorageKeys,
    },
    durationMs: Date.now() - started,
  };
  await fsp.writeFile(path.join(dir, MANIFEST_FILE_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, manifest };
}

type DatabaseSnapshot = { database: BackupManifest["database"]; referencedKeys: string[] };

/** SQLite: one consistent copy of the database file into `dir`, checked, with the storage keys it references. */
async function copySqlite(databaseFile: string, dir: string): Promise<DatabaseSnapshot> {
  const dbCopy = path.join(dir, DATABASE_FILE_NAME);
  const source = new Database(databaseFile, { fileMustExist: true, timeout: 5000 });
  let pages: number;
  try {
    // Every remaining page in one step: one read transaction, so one snapshot even while others write
    // (with the default 100 pages a step, a write by another connection restarts the copy).
    const progress = await source.backup(dbCopy, { progress: () => ALL_PAGES });
    pages = progress.totalPages;
  } finally {
    source.close();
  }

  const copy = new Database(dbCopy, { fileMustExist: true });
  let integrityCheck: string;
  let referencedKeys: string[];
  try {
    // The copy is a database of its own: no WAL left beside it.
    copy.pragma("journal_mode = DELETE");
    integrityCheck = String(copy.pragma("integrity_check", { simple: true }));
    referencedKeys = copy
      // An application's files and those sent with messages share the content-addressed storage.
      .prepare('SELECT "storageKey" FROM "Attachment" UNION SELECT "storageKey" FROM "MessageAttachment"')
      .pluck()
      .all() as string[];
  } finally {
    copy.close();
  }
  if (integrityCheck !== "ok") throw new Error(`The database copy failed its integrity check: ${integrityCheck}`);
  const file = { file: DATABASE_FILE_NAME, bytes: (await fsp.stat(dbCopy)).size, sha256: await sha256File(dbCopy) };
  return { database: { ...file, pages, integrityCheck }, referencedKeys };
}

/** PostgreSQL: a dump of one snapshot into `dir`, with the storage keys referenced in that same snapshot. */
async function dumpPostgresInto(url: string, dir: string): Promise<DatabaseSnapshot> {
  const dump = path.join(dir, POSTGRES_DUMP_FILE_NAME);
  const { referencedKeys, serverVersion } = await dumpPostgres(url, dump);
  const file = { file: POSTGRES_DUMP_FILE_NAME, bytes: (await fsp.stat(dump)).size, sha256: await sha256File(dump) };
  return { database: { provider: "postgresql", ...file, format: "pg_dump custom", serverVersion }, referencedKeys };
}

export type RestoreOptions = {
  /** Where to restore the database: a `file:` URL, or a `postgres://` one for a PostgreSQL backup. */
  databaseUrl: string;
  /** Where to restore the uploaded files. */
  storageDir: string;
  /** Overwrite an existing database file (its -wal and -shm files are removed), or replace the tables of a PostgreSQL database. */
  force?: boolean;
};

export class RestoreRefused extends Error {}

/**
 * Copies a backup back: the database file to `databaseUrl`, the files into
 * `storageDir` (adding the ones missing there). Run it with the app stopped.
 * Refuses to overwrite an existing database unless `force`, and refuses a
 * backup whose database does not match its manifest.
 */
export async function restoreBackup(dir: string, options: RestoreOptions): Promise<{ databaseFile: string; files: number }> {
  const backupDir = path.resolve(dir);
  const manifest = JSON.parse(await fsp.readFile(path.join(backupDir, MANIFEST_FILE_NAME), "utf8")) as BackupManifest;
  const source = path.join(backupDir, manifest.database?.file ?? DATABASE_FILE_NAME);
  const digest = await sha256File(source);
  if (digest !== manifest.database.sha256) {
    throw new RestoreRefused(`${source} does not match its manifest (sha256 ${digest}, expected ${manifest.database.sha256})`);
  }
  const fromPostgres = manifest.database.provider === "postgresql";
  const intoPostgres = databaseProvider(options.databaseUrl) === "postgresql";
  if (fromPostgres !== intoPostgres) {
    throw new RestoreRefused(
      `This is a backup of ${fromPostgres ? "a PostgreSQL" : "an SQLite"} database: DATABASE_URL must name ${fromPostgres ? "a PostgreSQL database" : "an SQLite file"}`,
    );
  }
  const databaseTarget = fromPostgres
    ? await restorePostgresDump(source, options.databaseUrl, options.force ?? false)
    : await restoreSqliteFile(source, options.databaseUrl, options.force ?? false);

  const storageSource = path.join(backupDir, manifest.storage?.folder ?? STORAGE_FOLDER_NAME);
  const storageTarget = path.resolve(options.storageDir);
  await fsp.mkdir(storageTarget, { recursive: true });
  const restored = fs.existsSync(storageSource) ? await copyStorage(storageSource, storageTarget, null) : { copied: 0, linked: 0 };
  return { databaseFile: databaseTarget, files: restored.copied };
}

/** Restores a PostgreSQL dump into the database at `url`: one without tables, unless `force`. Returns the URL, redacted. */
async function restorePostgresDump(dump: string, url: string, force: boolean): Promise<string> {
  const tables = await postgresTables(url);
  if (tables.length > 0 && !force) {
    throw new RestoreRefused(
      `${databaseLabel(url)} already has tables (${tables.slice(0, 3).join(", ")}…): stop the app and pass force to replace them`,
    );
  }
  await restorePostgres(dump, url, { replace: tables.length > 0 });
  return databaseLabel(url);
}

/** Copies an SQLite backup over the file `url` names: one that does not exist yet, unless `force`. Returns the file. */
async function restoreSqliteFile(source: string, url: string, force: boolean): Promise<string> {
  const target = databaseFilePath(url);
  if (target === ":memory:") throw new RestoreRefused("Cannot restore into an in-memory database");
  const sidecars = [`${target}-wal`, `${target}-shm`, `${target}-journal`];
  const existing = [target, ...sidecars].filter((file) => fs.existsSync(file));
  if (existing.length > 0 && !force) {
    throw new RestoreRefused(`${existing[0]} already exists: stop the app and pass force to overwrite it`);
  }

  await fsp.mkdir(path.dirname(target), { recursive: true });
  // Copy beside the target, then rename: the target is either the old file or the whole backup.
  const temp = `${target}.restore-${process.pid}`;
  await fsp.copyFile(source, temp);
  // A WAL left by the old database would be replayed into the restored one.
  for (const file of sidecars) await fsp.rm(file, { force: true });
  await fsp.rename(temp, target);
  return target;
}

/** The steps to restore `dir`, for the CLI output (and the README). */
export function restoreInstructions(dir: string): string[] {
  const relative = path.relative(process.cwd(), dir);
  const shown = !relative || relative.startsWith("..") || path.isAbsolute(relative) ? path.resolve(dir) : relative;
  return [
    "To restore this backup:",
    "  1. Stop the app and the worker (npm start, npm run worker).",
    `  2. npm run backup -- --restore ${shown}`,
    "     restores into DATABASE_URL and STORAGE_DIR; add --force to replace an existing database",
    "     (by hand: copy tremplin.db over the database file, delete its -wal and -shm files,",
    "     or on PostgreSQL pg_restore --no-owner --single-transaction -d <database> tremplin.dump;",
    "     and copy storage/ into STORAGE_DIR).",
    "  3. Start the app again: npm start (pending migrations run on start).",
  ];
}

// ---------------------------------------------------------------------------

/** The most recent earlier backup under `root` (folder names sort by time), to link unchanged files from. */
async function latestBackup(root: string): Promise<string | null> {
  const entries = await fsp.readdir(root, { withFileTypes: true });
  const dirs = entries
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, entry.name, MANIFEST_FILE_NAME)))
    .map((entry) => entry.name)
    .sort();
  return dirs.length > 0 ? path.join(root, dirs[dirs.length - 1]) : null;
}

/** Every file under `dir` (relative paths), skipping the temp folder of partial uploads. */
async function listFiles(dir: string): Promise<string[]> {
  if (!fs.existsSync(dir)) return [];
  const entries = await fsp.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .filter((relative) => relative.split(path.sep)[0] !== STORAGE_TEMP_FOLDER);
}

/**
 * Adds to `target` the files of `source` it lacks (or holds with another size,
 * i.e. cut short): hard-linked from `previous` when that holds the same file,
 * else copied through a temp name so a half-copied file never looks complete.
 * A file deleted from `source` while this runs is skipped.
 */
async function copyStorage(source: string, target: string, previous: string | null): Promise<{ copied: number; linked: number }> {
  let copied = 0;
  let linked = 0;
  for (const relative of await listFiles(source)) {
    const from = path.join(source, relative);
    const to = path.join(target, relative);
    const size = await fileSize(from);
    if (size === null) continue;
    if ((await fileSize(to)) === size) continue;
    await fsp.mkdir(path.dirname(to), { recursive: true });
    await fsp.rm(to, { force: true });
    const earlier = previous ? path.join(previous, relative) : null;
    if (earlier && (await fileSize(earlier)) === size) {
      try {
        await fsp.link(earlier, to);
        linked += 1;
        continue;
      } catch {
        // Another file system, or links not supported: copy instead.
      }
    }
    const temp = `${to}.part`;
    try {
      await fsp.copyFile(from, temp);
    } catch (error) {
      await fsp.rm(temp, { force: true });
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    await fsp.rename(temp, to);
    copied += 1;
  }
  return { copied, linked };
}

async function fileSize(file: string): Promise<number | null> {
  try {
    return (await fsp.stat(file)).size;
  } catch {
    return null;
  }
}

async function summarize(dir: string): Promise<{ files: number; bytes: number }> {
  let bytes = 0;
  const files = await listFiles(dir);
  for (const file of files) bytes += (await fileSize(path.join(dir, file))) ?? 0;
  return { files: files.length, bytes };
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
