// Who saw what (issue 20, point 6): every staff view of an application page, download of a file and CSV export,
// appended to StaffAccess. Appended after the response and in batches (one insert per ~quarter second per process
// at most), so a page view costs the staff member no time and the read cache of every process is not emptied by a
// write on every view; a batch not yet written when a process is killed is lost (at most that quarter second).
import { db } from "~/db/client.server.ts";
import { afterResponseOrNow } from "~/request-scope.server.ts";

export const STAFF_ACCESS_ACTIONS = ["VIEW_APPLICATION", "DOWNLOAD_FILE", "EXPORT_CSV"] as const;
export type StaffAccessAction = (typeof STAFF_ACCESS_ACTIONS)[number];

/** Rows older than this are deleted by the daily job (the log is covered by retention, like what it names). */
export const ACCESS_LOG_RETENTION_MONTHS = 24;

const FLUSH_AFTER_MS = 250;
const FLUSH_AT = 100;

type Entry = { staffId: string; action: StaffAccessAction; applicationId: string | null; detail: string; createdAt: Date };

let pending: Entry[] = [];
let timer: NodeJS.Timeout | null = null;
let writing: Promise<void> = Promise.resolve();

/**
 * Records that `staffId` did `action` (on `applicationId`, with `detail`: a file's name, an export's name), now. The
 * entry is written once the response has gone; call only after the access was allowed.
 */
export function logStaffAccess(staffId: string, action: StaffAccessAction, applicationId: string | null, detail = ""): void {
  const entry: Entry = { staffId, action, applicationId, detail: detail.slice(0, 300), createdAt: new Date() };
  afterResponseOrNow(() => queue(entry));
}

function queue(entry: Entry) {
  pending.push(entry);
  if (pending.length >= FLUSH_AT) void flushAccessLog();
  else if (!timer) {
    timer = setTimeout(() => void flushAccessLog(), FLUSH_AFTER_MS);
    timer.unref();
  }
}

/** Writes what is queued (also called on shutdown and by tests). */
export function flushAccessLog(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const batch = pending;
  pending = [];
  if (batch.length === 0) return writing;
  // A batch that cannot be written (the database gone at shutdown, a staff account deleted meanwhile) is reported and
  // dropped: the next batches must still be written, and a page view must never fail for its log.
  writing = writing.then(() =>
    db.staffAccess.createMany({ data: batch }).then(
      () => undefined,
      (error: unknown) => console.error(`[access log] ${batch.length} entries not written: ${String(error)}`),
    ),
  );
  return writing;
}

/** An application's log, or a staff member's, newest first (the admin's page). */
export function accessLog(filter: { applicationId?: string; staffId?: string }, take = 200) {
  return db.staffAccess.findMany({
    where: {
      ...(filter.applicationId ? { applicationId: filter.applicationId } : {}),
      ...(filter.staffId ? { staffId: filter.staffId } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      action: true,
      applicationId: true,
      detail: true,
      createdAt: true,
      staff: { select: { id: true, name: true, email: true } },
    },
  });
}

/** Deletes the log's rows past its retention period; returns how many. */
export async function purgeAccessLog(now = new Date()): Promise<number> {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - ACCESS_LOG_RETENTION_MONTHS);
  return (await db.staffAccess.deleteMany({ where: { createdAt: { lt: cutoff } } })).count;
}
