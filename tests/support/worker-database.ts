import fs from "node:fs";
import path from "node:path";

// Runs before each test file imports the app: point it at a fresh copy of the
// migrated template so files never see each other's rows.
const dir = process.env.TREMPLIN_TEST_DIR;
if (!dir) throw new Error("TREMPLIN_TEST_DIR is not set: run the tests through vitest (tests/support/global-setup.ts)");
const name = `${process.env.VITEST_POOL_ID ?? "0"}-${process.pid}-${Date.now()}`;
const file = path.join(dir, `db-${name}.db`);
fs.copyFileSync(path.join(dir, "template.db"), file);
process.env.DATABASE_URL = `file:${file}`;
process.env.STORAGE_DIR = path.join(dir, `storage-${name}`);
process.env.MAILBOX_DIR = path.join(dir, `mailbox-${name}`);
