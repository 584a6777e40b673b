import type { LoaderFunctionArgs } from "@remix-run/node";
import { logStaffAccess } from "~/models/access-log.server.ts";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { cohortRoster, csvStream, ROSTER_CSV_HEADER, rosterRows } from "~/models/export.server.ts";

/** A cohort's roster as CSV. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const roster = ensureFound(await cohortRoster(params.id ?? ""));
  logStaffAccess(admin.id, "EXPORT_CSV", null, `roster of ${roster.cohort.name}`);
  return new Response(csvStream(ROSTER_CSV_HEADER, rosterRows(roster.members)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="roster-${roster.cohort.id}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
