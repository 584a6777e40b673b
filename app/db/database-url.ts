import path from "node:path";
import { DEFAULT_DATABASE_URL, databaseUrl } from "../config/env.server.ts";

export { DEFAULT_DATABASE_URL };

/** The database DATABASE_URL names, by its scheme: a `file:` URL is SQLite, a `postgres://` one PostgreSQL. */
export function databaseProvider(url = databaseUrl()): "sqlite" | "postgresql" {
  return url.startsWith("file:") ? "sqlite" : "postgresql";
}

/** Resolves DATABASE_URL (a `file:` URL, validated by app/config/env.server.ts) to an absolute SQLite file path. */
export function databaseFilePath(url = databaseUrl()): string {
  if (databaseProvider(url) !== "sqlite") throw new Error("DATABASE_URL names a PostgreSQL database, not an SQLite file");
  const file = url.replace(/^file:/, "");
  return file === ":memory:" ? file : path.resolve(file);
}

/** The database as messages name it: the SQLite file's path, or the PostgreSQL URL without its password. */
export function databaseLabel(url = databaseUrl()): string {
  if (databaseProvider(url) === "sqlite") return databaseFilePath(url);
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
