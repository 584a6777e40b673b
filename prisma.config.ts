import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseUrl } from "./app/config/env.server.ts";
import { databaseFilePath, databaseProvider } from "./app/db/database-url.ts";

// Migrations run on Prisma's WebAssembly schema engine through the driver
// adapter, so no engine binary is ever downloaded. A postgres:// DATABASE_URL
// points the CLI at PostgreSQL: the schema scripts/postgres-schema.mjs derives
// from SQLite's and its own migrations (prisma/postgres/).
const postgresUrl = databaseProvider() === "postgresql" ? databaseUrl() : undefined;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgresUrl ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgresUrl ? "prisma/postgres/migrations" : "prisma/migrations" },
  async adapter() {
    // allowExitOnIdle: the CLI exits once done, rather than when its idle connections time out (10 s).
    if (postgresUrl) return new PrismaPg({ connectionString: postgresUrl, allowExitOnIdle: true });
    const file = databaseFilePath();
    if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: file });
  },
});
