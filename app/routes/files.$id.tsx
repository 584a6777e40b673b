import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server.ts";
import { findDownloadableAttachment } from "~/models/attachment.server.ts";
import { sendStoredFile } from "~/storage/download.server.ts";

/** Streams an attachment to the people allowed to see it; everyone else gets the 404 page (sendStoredFile). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return sendStoredFile(request, await findDownloadableAttachment(params.id ?? "", user));
}
