// Searching the whole database and the whole storage for what must be gone (issue 20): the tests of retention
// (tests/integration/retention.test.ts) and of erasure (tests/integration/erasure.test.ts) look for every original
// value of the people and projects they anonymized in every text column of every table, and in every stored file.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { db } from "~/db/client.server.ts";
import { databaseProvider } from "~/db/database-url.ts";
import { ALLOWED_TYPES, MAX_UPLOAD_BYTES } from "~/storage/file-type.ts";
import { storageDir, storeUpload, type StoredFile } from "~/storage/files.server.ts";
import { pdfBuffer } from "./intake-factories.ts";

/** Every text column of every table, read off the database's own catalog. */
export async function textColumns(): Promise<Map<string, string[]>> {
  const rows =
    databaseProvider() === "postgresql"
      ? await db.$queryRaw<Array<{ tableName: string; columnName: string }>>`
          SELECT table_name AS "tableName", column_name AS "columnName" FROM information_schema.columns
          WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'character')`
      : await db.$queryRaw<Array<{ tableName: string; columnName: string }>>`
          SELECT m.name AS "tableName", p.name AS "columnName" FROM sqlite_master m, pragma_table_info(m.name) p
          WHERE m.type = 'table' AND (upper(p.type) LIKE '%TEXT%' OR upper(p.type) LIKE '%CHAR%' OR upper(p.type) LIKE '%CLOB%')`;
  const columns = new Map<string, string[]>();
  for (const { tableName, columnName } of rows) columns.set(tableName, [...(columns.get(tableName) ?? []), columnName]);
  return columns;
}

export type Hit = { table: string; column: string; needle: string; row: Record<string, unknown> };

/** Where each of `needles` appears (case folded) in any text column of any row of any table. */
export async function findInDatabase(needles: readonly string[]): Promise<Hit[]> {
  const columns = await textColumns();
  // The app's tables at least: a catalog read wrongly would find nothing, and so would pass.
  expect([...columns.keys()]).toEqual(
    expect.arrayContaining(["Application", "TeamMember", "OutboxEmail", "AuditEvent", "Message", "User"]),
  );
  expect(columns.get("Application")).toEqual(expect.arrayContaining(["projectName", "problem"]));
  expect(columns.get("User")).toEqual(expect.arrayContaining(["name", "email"]));
  const folded = needles.map((needle) => needle.toLowerCase());
  const hits: Hit[] = [];
  for (const [table, names] of columns) {
    const rows = await db.$queryRawUnsafe<Array<Record<string, unknown>>>(
      `SELECT ${names.map((n) => `"${n}"`).join(", ")} FROM "${table}"`,
    );
    for (const row of rows)
      for (const column of names) {
        const value = row[column];
        if (typeof value !== "string") continue;
        const text = value.toLowerCase();
        folded.forEach((needle, index) => {
          if (text.includes(needle)) hits.push({ table, column, needle: needles[index], row });
        });
      }
  }
  return hits;
}

/** Every file under `dir` (the storage directory unless told): its path, its name, its bytes' sha256 and its bytes. */
export function storedFiles(dir = storageDir()): Array<{ file: string; name: string; sha256: string; bytes: Buffer }> {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return storedFiles(file);
    const bytes = fs.readFileSync(file);
    return [{ file, name: entry.name, sha256: crypto.createHash("sha256").update(bytes).digest("hex"), bytes }];
  });
}

// Building the worlds these tests search: values found nowhere else, files stored the way uploads are.

/** A few lower-case letters found nowhere else, so each value of a world is searchable on its own. */
export const tag = () =>
  crypto
    .randomBytes(6)
    .toString("hex")
    .replace(/\d/g, (d) => "ghijklmnop"[Number(d)]);

/** Six digits found nowhere else, for phone numbers. */
export const digits = () => String(crypto.randomInt(100_000, 999_999));

/** Stores a PDF showing `label` the way an upload does (content-addressed: the same label, the same file). */
export function storedPdf(label: string): Promise<StoredFile> {
  return storeUpload(
    (async function* () {
      yield Uint8Array.from(pdfBuffer(label));
    })(),
    { maxBytes: MAX_UPLOAD_BYTES, allowed: ALLOWED_TYPES.OTHER },
  );
}

export function attach(applicationId: string, file: StoredFile, fileName: string, kind = "OTHER") {
  return db.attachment.create({
    data: { applicationId, kind, fileName, mimeType: file.mimeType, size: file.size, sha256: file.sha256, storageKey: file.storageKey },
  });
}

export const sorted = <T>(rows: T[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
