import type { LoaderFunctionArgs } from "@remix-run/node";
import { logStaffAccess } from "~/models/access-log.server.ts";
import { requireUser } from "~/auth/guards.server.ts";
import { csvStream } from "~/models/export.server.ts";
import { CHECK_INS_CSV_HEADER, checkInRows } from "~/models/outcomes.server.ts";
import { readOutcomeFilters } from "~/schemas/outcome-filters.ts";

/** Every submitted check-in of the projects the outcomes page's filters pick, one row each, as CSV. */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  logStaffAccess(admin.id, "EXPORT_CSV", null, "check-ins");
  return new Response(csvStream(CHECK_INS_CSV_HEADER, checkInRows(readOutcomeFilters(new URL(request.url)))), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="check-ins.csv"',
      "Cache-Control": "no-store",
    },
  });
}
