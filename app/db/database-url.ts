import path from "node:path";
import { DEFAULT_DATABASE_URL, databaseUrl } from "../config/env.server.ts";

export { DEFAULT_DATABASE_URL };

/** Resolves DATABASE_URL (a `file:` URL, validated by app/config/env.server.ts) to an absolute SQLite file path. */
export function databaseFilePath(url = databaseUrl()): string {
  const file = url.replace(/^file:/, "");
  return file === ":memory:" ? file : path.resolve(file);
}
