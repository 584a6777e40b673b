import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server.ts";
import { findDownloadableMessageFile } from "~/models/message.server.ts";
import { sendStoredFile } from "~/storage/download.server.ts";

/**
 * Streams the PDF of a message between a team and the staff (issue 18) to the application's team and the
 * admins; everyone else, reviewers included, gets the 404 page (sendStoredFile).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return sendStoredFile(request, await findDownloadableMessageFile(params.id ?? "", user));
}
