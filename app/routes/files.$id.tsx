import type { LoaderFunctionArgs } from "@remix-run/node";
import { isStaff } from "~/domain/sessions.ts";
import { logStaffAccess } from "~/models/access-log.server.ts";
import { requireUser } from "~/auth/guards.server.ts";
import { findDownloadableAttachment } from "~/models/attachment.server.ts";
import { sendStoredFile } from "~/storage/download.server.ts";

/** Streams an attachment to the people allowed to see it; everyone else gets the 404 page (sendStoredFile). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = await findDownloadableAttachment(params.id ?? "", user);
  // Who saw what (issue 20): a staff member's download is logged (a team's own are not).
  if (file && isStaff(user.roles)) logStaffAccess(user.id, "DOWNLOAD_FILE", file.application.id, file.fileName);
  return sendStoredFile(request, file);
}
