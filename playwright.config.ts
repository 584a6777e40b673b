import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
// Separate port and folder let two runs share a machine.
export const E2E_DIR = process.env.E2E_DIR ?? "var/e2e";

// End-to-end tests run against the production build, on a fresh database
// seeded with the demo, in Debian's Chromium (no browser download).
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: `rm -rf ${E2E_DIR} && npx tsx app/server/start.ts`,
    url: `http://localhost:${PORT}/healthz`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(PORT),
      APP_URL: `http://localhost:${PORT}`,
      DATABASE_URL: `file:./${E2E_DIR}/tremplin.db`,
      STORAGE_DIR: `${E2E_DIR}/storage`,
      MAILBOX_DIR: `${E2E_DIR}/mailbox`,
      SESSION_SECRET: "e2e-session-secret-that-is-long-enough-123",
      LOG_LEVEL: "warn",
    },
  },
});
