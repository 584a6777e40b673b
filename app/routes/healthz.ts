import { BUSY_TIMEOUT_MS, db } from "~/db/client.server.ts";

const NO_STORE = { "Cache-Control": "no-store" };
/** Longer than the busy timeout, so a lock held by another process answers "busy" before this. */
const WRITE_CHECK_TIMEOUT_MS = BUSY_TIMEOUT_MS + 2_000;

/**
 * Liveness and readiness in one: answers 200 only when a write transaction can
 * start (BEGIN IMMEDIATE takes the write lock) — a worker whose transactions
 * cannot start is not healthy, even if plain reads still answer.
 */
export async function loader() {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("write transaction did not start in time")), WRITE_CHECK_TIMEOUT_MS);
    });
    await Promise.race([db.$transaction((tx) => tx.$queryRawUnsafe("SELECT 1"), { maxWait: WRITE_CHECK_TIMEOUT_MS }), timedOut]);
    return Response.json({ status: "ok" }, { headers: NO_STORE });
  } catch {
    return Response.json({ status: "error", database: "no write transaction" }, { status: 503, headers: NO_STORE });
  } finally {
    clearTimeout(timer);
  }
}
