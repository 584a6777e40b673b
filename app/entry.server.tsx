import { flushAccessLog } from "~/models/access-log.server.ts";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { NonceProvider } from "~/components/nonce.tsx";
import { db } from "~/db/client.server.ts";
import { startOutboxWorker } from "~/email/worker.server.ts";
import { startScheduledJobs } from "~/jobs/scheduler.server.ts";
import { startRankingJob } from "~/jobs/rankings.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { catalogs } from "~/i18n/catalogs.ts";
import { provideCatalogs } from "~/i18n/meta.ts";
import { i18nForRendering } from "~/i18n/rendering.server.ts";
import { compressDataResponse, compressedResponse } from "~/server/compressed-response.server.ts";
import "~/load-context.ts";

/** For the HTTP layer: every route's refusals answered in one place (app/errors.server.ts). */
export { answerUserErrorsIn } from "~/errors.server.ts";

provideCatalogs((locale) => catalogs[locale]);

/**
 * Renders the whole document to one string. No loader defers data, so streaming
 * would send the same bytes later: as hundreds of small chunks, each through the
 * stream adapters and the compressor, which cost more CPU than the render itself.
 * A render error throws here and Remix renders the error boundary instead.
 */
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const instance = await i18nForRendering(await getLocale(request));
  const nonce = loadContext.cspNonce;
  const html = renderToString(
    <I18nextProvider i18n={instance}>
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceProvider>
    </I18nextProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return compressedResponse(`<!DOCTYPE html>${html}`, request, { headers: responseHeaders, status: responseStatusCode });
}

/** Loader and action data fetched by the browser (client-side navigation, forms): gzipped the same way. */
export function handleDataRequest(response: Response, { request }: LoaderFunctionArgs | ActionFunctionArgs): Promise<Response> {
  return compressDataResponse(response, request);
}

let background: Array<{ stop(): Promise<void> }> = [];

/** Called by the HTTP server once listening: the outbox, the scheduled jobs and the rankings run in the server process. */
export function startBackgroundJobs(log: (line: string) => void): void {
  if (background.length === 0) background = [startOutboxWorker({ log }), startScheduledJobs(log), startRankingJob(log)];
}

/** Called by the HTTP server on SIGTERM/SIGINT once it stops accepting requests. */
export async function shutdown(): Promise<void> {
  await Promise.all(background.map((job) => job.stop()));
  // The staff access log's last batch (issue 20) is written before the database closes.
  await flushAccessLog();
  await db.$disconnect();
}
