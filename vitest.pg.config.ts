import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

/**
 * Integration test files that pass on PostgreSQL so far: the port goes file by file, and a file
 * joins this list once it passes there (`TEST_PG_ALL=1 npm run test:pg` runs every one of them, to
 * see what is left).
 */
const PORTED = [
  "pitch-day",
  "access-log",
  "data-export",
  "consents",
  "sessions",
  "email-calendar",
  "account-security",
  "accounts",
  "admin-application-page",
  "announcements",
  "admin-list",
  "answer-filter-plans",
  "audit-log",
  "authorization",
  "authorization-matrix",
  "backup",
  "call-answer-files",
  "call-answers",
  "call-answers-staff",
  "calls-admin",
  "conflict-override",
  "decision-release",
  "discussion",
  "consensus",
  "calibration",
  "messages",
  "notifications",
  "email-templates",
  "duplicates",
  "eligibility-gate",
  "enrollment",
  "error-answers",
  "export",
  "file-isolation",
  "flash",
  "follow-up",
  "form-fuzz",
  "intake",
  "intake-races",
  "landing-figures",
  "invariants",
  "launch",
  "locale-detection",
  "mailbox",
  "outbox",
  "password-reset",
  "query-plan-cache",
  "question-editor",
  "ranking-refresh",
  "read-cache",
  "request-body",
  "review-pipeline",
  "reviewer-queue-plans",
  "scheduled-runs",
  "seed",
  "server-cluster",
  "storage",
  "team-invitation-page",
  "teams",
  "retention",
  "erasure",
  "two-factor",
];

// The PostgreSQL suite (`npm run test:pg`, scripts/test-pg.mjs, which sets TEST_DATABASE_URL):
// tests/postgres/ (the migrations and the adapter), then the integration tests that run there,
// each file on its own copy of a migrated template database (tests/support/global-setup.ts).
// `npm test` runs on SQLite alone (vitest.config.ts).
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      "tests/postgres/**/*.test.ts",
      ...(process.env.TEST_PG_ALL === "1" ? ["tests/integration/**/*.test.ts"] : PORTED.map((name) => `tests/integration/${name}.test.ts`)),
    ],
    testTimeout: 60_000,
  },
});
