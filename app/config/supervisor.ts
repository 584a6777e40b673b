// What the primary of the cluster (app/server/cluster.ts) reads of the environment, without zod or pino:
// together they are about 13 MB of resident memory, and the primary only supervises its workers.
import os from "node:os";

/** Defaults shared with the environment's schema (env.server.ts), which validates them in every worker. */
export const SUPERVISOR_DEFAULTS = {
  /** Each HTTP worker's JavaScript heap limit in MB (node's --max-old-space-size). */
  WORKER_HEAP_MB: 96,
} as const;

/**
 * The primary's settings. It validates nothing: every worker parses the whole environment with the
 * schema as it starts (parseEnv), and a worker that cannot start stops the primary with it, so a wrong
 * value still ends the server with parseEnv's message. Unreadable values fall back to the defaults here
 * only so that the primary gets as far as starting the workers that report them.
 */
export function supervisorSettings(source: Readonly<Record<string, string | undefined>> = process.env) {
  const positive = (value: string | undefined) => (value && /^\d+$/.test(value.trim()) && Number(value) > 0 ? Number(value) : undefined);
  return {
    workers: positive(source.WEB_CONCURRENCY) ?? os.availableParallelism(),
    heapMb: positive(source.WORKER_HEAP_MB) ?? SUPERVISOR_DEFAULTS.WORKER_HEAP_MB,
    nodeOptions: source.NODE_OPTIONS ?? "",
    mallocArenas: positive(source.MALLOC_ARENA_MAX),
    glibcTuning: { MALLOC_MMAP_THRESHOLD_: source.MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_: source.MALLOC_TRIM_THRESHOLD_ },
    logLevel: source.LOG_LEVEL?.trim() || "info",
    /** Set by the primary on the one worker that runs the outbox and scheduled jobs (TREMPLIN_BACKGROUND_JOBS). */
    backgroundJobs: source.TREMPLIN_BACKGROUND_JOBS === "on",
  };
}

export type SupervisorSettings = ReturnType<typeof supervisorSettings>;
