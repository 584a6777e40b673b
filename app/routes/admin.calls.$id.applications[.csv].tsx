import type { LoaderFunctionArgs } from "@remix-run/node";
import { logStaffAccess } from "~/models/access-log.server.ts";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { getCallForAdmin } from "~/models/call.server.ts";
import { APPLICATIONS_CSV_HEADER, applicationRows, csvStream } from "~/models/export.server.ts";

/** Every application of the call with its scores, streamed as CSV. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const call = ensureFound(await getCallForAdmin(params.id ?? ""));
  logStaffAccess(admin.id, "EXPORT_CSV", null, `applications of ${call.slug}`);
  return new Response(csvStream(APPLICATIONS_CSV_HEADER, applicationRows(call.id)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="applications-${call.slug}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
