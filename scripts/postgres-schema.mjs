// Derives the PostgreSQL schema (prisma/postgres/schema.prisma) from the SQLite one, which stays the
// source: the same models, another provider, and a client generated into its own folder
// (app/generated/prisma-pg). `node scripts/postgres-schema.mjs` writes it; `--check` exits 1 when
// the file on disk is not what it would write (tests/unit/postgres-schema.test.ts runs the check).
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
export const SQLITE_SCHEMA = path.join(ROOT, "prisma/schema.prisma");
export const POSTGRES_SCHEMA = path.join(ROOT, "prisma/postgres/schema.prisma");

const HEADER = [
  "// GENERATED from prisma/schema.prisma by scripts/postgres-schema.mjs: do not edit. Change the SQLite",
  "// schema, then run `npm run db:pg-schema` (and write a migration for each folder, see the README).",
  "",
].join("\n");

/** The PostgreSQL schema for an SQLite schema's text. Throws when the text is not shaped as expected. */
export function derivePostgresSchema(sqlite) {
  const replacements = [
    [/(datasource db \{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"'],
    [
      /(datasource db \{[^}]*url\s*=\s*)"[^"]*"[^\n]*/,
      '$1"postgresql://localhost/tremplin" // unused at run time: app/db supplies the adapter',
    ],
    [/(generator client \{[^}]*output\s*=\s*)"\.\.\/app\/generated\/prisma"/, '$1"../../app/generated/prisma-pg"'],
  ];
  let text = sqlite;
  for (const [pattern, replacement] of replacements) {
    if (!pattern.test(text)) throw new Error(`prisma/schema.prisma: expected to match ${pattern}`);
    text = text.replace(pattern, replacement);
  }
  return HEADER + text;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const derived = derivePostgresSchema(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
  const current = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, "utf8") : "";
  if (process.argv.includes("--check")) {
    if (current !== derived) {
      console.error("prisma/postgres/schema.prisma is stale: run `npm run db:pg-schema`.");
      process.exit(1);
    }
  } else if (current !== derived) {
    fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
    fs.writeFileSync(POSTGRES_SCHEMA, derived);
  }
}
