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
