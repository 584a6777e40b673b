import fs from "node:fs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server.ts";
import { isUserError } from "~/domain/errors.ts";
import { notFoundPage } from "~/storage/download.server.ts";
import { takeDataExport } from "~/models/data-export.server.ts";

/**
 * The one-time download of a person's copy of their data (issue 20): the emailed link, for its owner signed in.
 * A used, expired, forged or someone else's link is refused (the translated error page), nothing handed over.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = await takeDataExport(params.token ?? "", user.id).catch(async (error: unknown) => {
    // A download is a resource route: its refusal is the plain translated page, saying why.
    if (isUserError(error)) throw await notFoundPage(request, (catalog) => catalog.dataExport.errors.linkInvalid);
    throw error;
  });
  return new Response(createReadableStreamFromReadable(fs.createReadStream(file.path)), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Length": String(file.size),
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
