import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { pino } from "pino";
import { parseEnv } from "../config/env.server.ts";
import { createApp } from "./app.ts";

export const BUILD_PATH = path.resolve("build/index.js");

type BuildWithJobs = ServerBuild & {
  entry: { module: { startBackgroundJobs?: (log: (line: string) => void) => void; shutdown?: () => Promise<void> } };
};

/** Serves the production build until SIGTERM/SIGINT, then drains and closes cleanly. */
export async function startServer(): Promise<void> {
  const env = parseEnv();
  const logger = pino({ level: env.LOG_LEVEL });
  const build = (await import(pathToFileURL(BUILD_PATH).href)) as BuildWithJobs;
  const app = createApp(build, logger);
  const server = app.listen(env.PORT, () => {
    logger.info({ url: env.APP_URL, port: env.PORT }, "Tremplin is listening");
    if (process.env.OUTBOX_WORKER !== "off") build.entry.module.startBackgroundJobs?.((line) => logger.info(line));
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    // Give in-flight requests time to finish, then close the database.
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(async () => {
      await build.entry.module.shutdown?.();
      logger.info("stopped");
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  startServer().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
