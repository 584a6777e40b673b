import type { LoaderFunctionArgs } from "@remix-run/node";
import { logStaffAccess } from "~/models/access-log.server.ts";
import { requireUser } from "~/auth/guards.server.ts";
import { csvStream } from "~/models/export.server.ts";
import { OUTCOME_TABLES_CSV_HEADER, outcomeTableRows, outcomesDashboard } from "~/models/outcomes.server.ts";
import { readOutcomeFilters } from "~/schemas/outcome-filters.ts";

/** The outcomes page's tables, for the projects its filters pick, as CSV: a row per figure. */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  logStaffAccess(admin.id, "EXPORT_CSV", null, "outcome tables");
  const figures = await outcomesDashboard(readOutcomeFilters(new URL(request.url)));
  return new Response(csvStream(OUTCOME_TABLES_CSV_HEADER, outcomeTableRows(figures)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="outcome-tables.csv"',
      "Cache-Control": "no-store",
    },
  });
}
