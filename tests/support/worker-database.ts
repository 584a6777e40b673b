import fs from "node:fs";
import path from "node:path";

// Runs before each test file imports the app: point it at a fresh copy of the
// migrated template so files never see each other's rows.
const dir = path.resolve("var/test");
const file = path.join(dir, `worker-${process.env.VITEST_POOL_ID ?? "0"}-${process.pid}-${Date.now()}.db`);
fs.copyFileSync(path.join(dir, "template.db"), file);
process.env.DATABASE_URL = `file:${file}`;
process.env.STORAGE_DIR ??= path.join(dir, `storage-${process.pid}`);
process.env.MAILBOX_DIR ??= path.join(dir, `mailbox-${process.pid}`);
