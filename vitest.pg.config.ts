import path from "node:path";
import { defineConfig } from "vitest/config";

// The PostgreSQL suite (`npm run test:pg`, scripts/test-pg.mjs, which sets TEST_DATABASE_URL).
// `npm test` runs on SQLite alone (vitest.config.ts).
export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["tests/postgres/**/*.test.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
