import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { findDownloadableAttachment } from "~/models/attachment.server.ts";
import { safeFileName } from "~/storage/file-type.ts";
import { openStoredFile } from "~/storage/files.server.ts";

/** Streams an attachment to the people allowed to see it; everyone else gets 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const attachment = ensureFound(await findDownloadableAttachment(params.id ?? "", user));
  const name = safeFileName(attachment.fileName);
  return new Response(createReadableStreamFromReadable(openStoredFile(attachment.storageKey)), {
    headers: {
      "Content-Type": attachment.mimeType,
      "Content-Length": String(attachment.size),
      "Content-Disposition": `attachment; filename="${name.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
