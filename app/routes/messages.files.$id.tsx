import type { LoaderFunctionArgs } from "@remix-run/node";
import { isStaff } from "~/domain/sessions.ts";
import { logStaffAccess } from "~/models/access-log.server.ts";
import { requireUser } from "~/auth/guards.server.ts";
import { findDownloadableMessageFile } from "~/models/message.server.ts";
import { sendStoredFile } from "~/storage/download.server.ts";

/**
 * Streams the PDF of a message between a team and the staff (issue 18) to the application's team and the
 * admins; everyone else, reviewers included, gets the 404 page (sendStoredFile).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = await findDownloadableMessageFile(params.id ?? "", user);
  // Who saw what (issue 20): a staff member's download is logged (a team's own are not).
  if (file && isStaff(user.roles)) logStaffAccess(user.id, "DOWNLOAD_FILE", file.message.applicationId, file.fileName);
  return sendStoredFile(request, file);
}
