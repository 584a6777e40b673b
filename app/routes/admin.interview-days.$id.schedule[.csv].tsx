import type { LoaderFunctionArgs } from "@remix-run/node";
import { logStaffAccess } from "~/models/access-log.server.ts";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { csvStream } from "~/models/export.server.ts";
import { scheduleRows } from "~/models/interview-pages.server.ts";

/** The columns of an interview day's schedule as CSV, one row per slot (free ones too). */
export const SCHEDULE_CSV_HEADER = ["date", "site", "start", "end", "half_day", "place", "project", "lead", "no_show", "scores"];

/** An interview day's schedule as CSV, times in Casablanca as the admin's language writes them. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const schedule = ensureFound(await scheduleRows(params.id ?? "", await getLocale(request)));
  logStaffAccess(admin.id, "EXPORT_CSV", null, schedule.fileName);
  const rows = async function* () {
    for (const row of schedule.rows)
      yield [row.date, row.site, row.start, row.end, row.halfDay, row.place, row.project, row.lead, row.noShow, row.scores];
  };
  return new Response(csvStream(SCHEDULE_CSV_HEADER, rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${schedule.fileName.replace(/[^\w.-]+/g, "-")}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
