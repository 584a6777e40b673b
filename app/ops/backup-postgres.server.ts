// The PostgreSQL side of `npm run backup` (app/ops/backup.server.ts does the uploads and the
// manifest): `pg_dump -Fc` of one consistent snapshot, and `pg_restore` into an empty database.
//
// The dump and the list of stored files the database references must describe the same moment:
// a transaction exports its snapshot (REPEATABLE READ), pg_dump dumps that snapshot
// (`--snapshot`), and the referenced storage keys are read in the same transaction, which stays
// open until pg_dump is done.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type pg from "pg";

/**
 * A PostgreSQL client program: the newest of Debian's versioned ones (/usr/lib/postgresql/<version>/bin,
 * where one pg_dump dumps a server of its own version or older), else the one on the PATH.
 */
function postgresProgram(name: "pg_dump" | "pg_restore"): string {
  const versions = fs.existsSync("/usr/lib/postgresql") ? fs.readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const file = path.join("/usr/lib/postgresql", version, "bin", name);
    if (fs.existsSync(file)) return file;
  }
  return name;
}

/** The URL as libpq takes it: Prisma's `schema` parameter is not one of libpq's and would be refused. */
export function libpqUrl(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.delete("schema");
  return parsed.toString();
}

/** Runs a PostgreSQL client program; rejects with its standard error when it fails. */
function runProgram(name: "pg_dump" | "pg_restore", args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(postgresProgram(name), args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "ENOENT"
          ? new Error(`${name} was not found: install PostgreSQL's client programs (Debian/Ubuntu: apt-get install postgresql-client)`)
          : error,
      ),
    );
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${name} failed (exit code ${code}): ${stderr.trim()}`))));
  });
}

async function connect(url: string): Promise<pg.Client> {
  const { default: postgres } = await import("pg");
  const client = new postgres.Client({ connectionString: libpqUrl(url) });
  await client.connect();
  return client;
}

/** Dumps the database at `url` into `file` (custom format), and returns the storage keys its attachments reference at that moment. */
export async function dumpPostgres(url: string, file: string): Promise<{ referencedKeys: string[]; serverVersion: string }> {
  const client = await connect(url);
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const {
      rows: [{ snapshot, version }],
    } = await client.query<{ snapshot: string; version: string }>(
      "SELECT pg_export_snapshot() AS snapshot, current_setting('server_version') AS version",
    );
    const { rows } = await client.query<{ storageKey: string }>(
      // An application's files and those sent with messages share the content-addressed storage.
      'SELECT "storageKey" FROM "Attachment" UNION SELECT "storageKey" FROM "MessageAttachment" ORDER BY "storageKey"',
    );
    await runProgram("pg_dump", [
      "--format=custom",
      "--no-owner",
      "--no-privileges",
      `--snapshot=${snapshot}`,
      `--file=${file}`,
      `--dbname=${libpqUrl(url)}`,
    ]);
    await client.query("COMMIT");
    return { referencedKeys: rows.map((row) => row.storageKey), serverVersion: version };
  } finally {
    await client.end();
  }
}

/** The tables of the database at `url` (schema public): a restore goes only into a database without any, unless forced. */
export async function postgresTables(url: string): Promise<string[]> {
  const client = await connect(url);
  try {
    const { rows } = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    return rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

/**
 * Restores a dump into the database at `url`, in one transaction (all of it or nothing); `replace`
 * first drops what the dump would create there.
 */
export async function restorePostgres(file: string, url: string, { replace }: { replace: boolean }): Promise<void> {
  await runProgram("pg_restore", [
    "--no-owner",
    "--no-privileges",
    "--single-transaction",
    "--exit-on-error",
    ...(replace ? ["--clean", "--if-exists"] : []),
    `--dbname=${libpqUrl(url)}`,
    file,
  ]);
}
