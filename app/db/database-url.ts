import path from "node:path";

/** Default embedded database, under the git-ignored var/ folder. */
export const DEFAULT_DATABASE_URL = "file:./var/tremplin.db";

/** Resolves DATABASE_URL (a `file:` URL) to an absolute SQLite file path. */
export function databaseFilePath(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): string {
  const file = url.replace(/^file:/, "");
  return file === ":memory:" ? file : path.resolve(file);
}
