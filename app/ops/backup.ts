// `npm run backup`: a consistent online copy of the database and the uploaded
// files into var/backups/<timestamp>/, safe to run while the app serves traffic.
//
//   npm run backup                              back up DATABASE_URL and STORAGE_DIR into var/backups/
//   npm run backup -- --out /mnt/backups        … into another folder
//   npm run backup -- --restore DIR [--force]   restore a backup into DATABASE_URL and STORAGE_DIR (app stopped)
import { parseArgs } from "node:util";
import { databaseUrl as configuredDatabaseUrl, storageDir as configuredStorageDir } from "../config/env.server.ts";
import { createBackup, RestoreRefused, restoreBackup, restoreInstructions } from "./backup.server.ts";

const USAGE = `Usage:
  npm run backup [-- --out DIR]              copy the database and uploads into DIR/<timestamp>/ (default var/backups)
  npm run backup -- --restore DIR [--force]  restore the backup in DIR into DATABASE_URL and STORAGE_DIR`;

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        out: { type: "string" },
        restore: { type: "string" },
        force: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }

  if (args.restore) {
    const databaseUrl = configuredDatabaseUrl();
    const storageDir = configuredStorageDir();
    try {
      const restored = await restoreBackup(args.restore, { databaseUrl, storageDir, force: args.force });
      console.log(
        `Restored ${args.restore}:\n  database → ${restored.databaseFile}\n  ${restored.files} file(s) → ${storageDir}\nStart the app again with npm start.`,
      );
      return 0;
    } catch (error) {
      if (error instanceof RestoreRefused) {
        console.error(`Restore refused: ${error.message}`);
        return 1;
      }
      throw error;
    }
  }

  const { dir, manifest } = await createBackup({ outDir: args.out, log: (line) => console.log(line) });
  const { database } = manifest;
  const checked =
    database.provider === "postgresql" ? `pg_dump of PostgreSQL ${database.serverVersion}` : `integrity ${database.integrityCheck}`;
  const lines = [
    `Backup written to ${dir} in ${manifest.durationMs} ms`,
    `  database: ${database.file}, ${formatBytes(database.bytes)}, sha256 ${database.sha256}, ${checked}`,
    `  storage:  ${manifest.storage.files} file(s), ${formatBytes(manifest.storage.bytes)} (${manifest.storage.copied} copied, ${
      manifest.storage.linked
    } linked from the previous backup)`,
  ];
  if (manifest.storage.missingStorageKeys.length > 0) {
    lines.push(
      `  warning: ${manifest.storage.missingStorageKeys.length} attachment file(s) were deleted while the backup ran and are not in it:`,
    );
    for (const key of manifest.storage.missingStorageKeys) lines.push(`    ${key}`);
  }
  console.log([...lines, "", ...restoreInstructions(dir)].join("\n"));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? `Backup failed: ${error.message}` : error);
    process.exit(1);
  },
);
