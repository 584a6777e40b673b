import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";
import SlowFilesFirst from "./tests/support/slow-files-first.ts";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  esbuild: { jsx: "automatic" },
  test: {
    include: ["tests/unit/**/*.test.{ts,tsx}", "tests/integration/**/*.test.{ts,tsx}"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/worker-database.ts", "tests/support/fast-password-hashing.ts"],
    pool: "forks",
    // A worker process runs file after file instead of one process per file: a new process
    // costs each file about a second of CPU (Node, Vitest, then Prisma, Remix and React loaded
    // again), half the suite's CPU time on two cores. Each file still starts afresh:
    // tests/support/worker-database.ts gives it its own database and drops the previous file's
    // app modules, database client, environment changes, fake clock and stubbed globals.
    isolate: false,
    // Vitest's default is one worker per core but one (so a single worker on two cores, the
    // files then running one after another); every file has a database of its own, so they
    // run two at a time at least.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    sequence: { sequencer: SlowFilesFirst },
    // The default output, then the ten slowest files (tests/support/slowest-files-reporter.ts).
    reporters: ["default", "./tests/support/slowest-files-reporter.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
