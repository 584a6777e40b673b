// Sending a stored file to whoever may download it, shared by the download routes (an application's
// files, files/$id; a message's PDF, messages/files/$id): the same headers, and the same 404 page for
// anyone not allowed and for a file missing from storage.
import { createReadableStreamFromReadable } from "@remix-run/node";
import { catalogs } from "~/i18n/catalogs.ts";
import { textDirection } from "~/i18n/config.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { safeFileName } from "./file-type.ts";
import { openStoredFileIfPresent } from "./files.server.ts";

/** A stored file as a download offers it: the name shown, its type and size, where its bytes are. */
export type DownloadableFile = { fileName: string; mimeType: string; size: number; storageKey: string };

/**
 * Streams `file` as an attachment; null (the user may not see it) throws the 404 page. A file missing
 * from storage is a 404 too, answered before anything is sent — never a 500 or a connection cut
 * mid-download.
 */
export async function sendStoredFile(request: Request, file: DownloadableFile | null): Promise<Response> {
  const stream = file ? await openStoredFileIfPresent(file.storageKey) : null;
  if (!file || !stream) throw await notFoundPage(request);
  const name = safeFileName(file.fileName);
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.size),
      "Content-Disposition": `attachment; filename="${name.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

/** For text between tags (nothing here goes into an attribute). */
const escapeHtml = (text: string) => text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The translated 404 page, in the reader's language. A download is a resource
 * route (its answer is the file, not a rendered page), so the root error
 * boundary cannot render it: the same texts, as a plain page; `explanation` says why, in the reader's language.
 */
export async function notFoundPage(
  request: Request,
  explanation?: (catalog: (typeof catalogs)[keyof typeof catalogs]) => string,
): Promise<Response> {
  const locale = await getLocale(request);
  const { errors, meta } = catalogs[locale];
  // Why this download is refused, when the route can say more than "not found" (e.g. a used one-time link).
  const text = explanation ? explanation(catalogs[locale]) : errors.text404;
  const html = `<!DOCTYPE html>
<html lang="${locale}" dir="${textDirection(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(`${errors.title404} — ${meta.title}`)}</title></head>
<body>
<main class="error-page" aria-labelledby="error-title">
<p class="error-status">404</p>
<h1 id="error-title">${escapeHtml(errors.title404)}</h1>
<p>${escapeHtml(text)}</p>
<p><a href="/">${escapeHtml(errors.backHome)}</a></p>
</main>
</body>
</html>
`;
  return new Response(html, { status: 404, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" } });
}
