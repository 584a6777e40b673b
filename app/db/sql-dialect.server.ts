// What the raw queries of app/models/ must say differently on SQLite and on PostgreSQL, in one place
// (transactions, locks and the read cache have theirs in postgres.server.ts, locks.server.ts and
// read-cache.server.ts).
import { Prisma } from "~/generated/prisma/client.ts";
import { databaseProvider } from "./database-url.ts";

const isPostgres = () => databaseProvider() === "postgresql";

/** LIKE ignoring case: SQLite's LIKE does for ASCII letters; PostgreSQL's LIKE does not, its ILIKE does. */
export function likeIgnoringCase(): Prisma.Sql {
  return Prisma.raw(isPostgres() ? "ILIKE" : "LIKE");
}

/**
 * How a nullable column sorted `DESC` (or, read backwards, `ASC`) keeps NULLs last (first): SQLite sorts NULL
 * lowest, so its DESC does it alone, and a NULLS clause there keeps SQLite from reading the order off an index;
 * PostgreSQL sorts NULL highest, so it is said there, as in its indexes (prisma/postgres/migrations).
 */
export function nullsAfterDescending(descending: boolean): string {
  if (!isPostgres()) return "";
  return descending ? " NULLS LAST" : " NULLS FIRST";
}

/** Where NULL falls in an `ASC` order without a NULLS clause: first on SQLite (NULL lowest), last on PostgreSQL (highest). */
export function nullsComeFirstAscending(): boolean {
  return !isPostgres();
}
