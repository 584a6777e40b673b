import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const TEST_DB_DIR = path.resolve("var/test");
export const TEMPLATE_DB = path.join(TEST_DB_DIR, "template.db");

/** Migrates one template database; every test file then works on its own copy. */
export default function setup() {
  fs.rmSync(TEST_DB_DIR, { recursive: true, force: true });
  fs.mkdirSync(TEST_DB_DIR, { recursive: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}` },
    stdio: "pipe",
  });
}
