import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createInstance, type i18n } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { NonceProvider } from "~/components/nonce.tsx";
import { db } from "~/db/client.server.ts";
import { startOutboxWorker } from "~/email/worker.server.ts";
import { startScheduledJobs } from "~/jobs/scheduler.server.ts";
import { startRankingJob } from "~/jobs/rankings.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { catalogs, resources } from "~/i18n/catalogs.ts";
import { i18nConfig } from "~/i18n/config.ts";
import { provideCatalogs } from "~/i18n/meta.ts";
import "~/load-context.ts";

/** For the HTTP layer: every route's refusals answered in one place (app/errors.server.ts). */
export { answerUserErrorsIn } from "~/errors.server.ts";

const ABORT_DELAY = 5_000;

provideCatalogs((locale) => catalogs[locale]);

// One initialised i18next per language, shared by every request: it is only read while rendering.
const instances = new Map<string, Promise<i18n>>();
function i18nFor(locale: string): Promise<i18n> {
  let instance = instances.get(locale);
  if (!instance) {
    const created = createInstance();
    instance = created
      .use(initReactI18next)
      .init({ ...i18nConfig, lng: locale, resources })
      .then(() => created);
    instances.set(locale, instance);
  }
  return instance;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const instance = await i18nFor(await getLocale(request));
  const nonce = loadContext.cspNonce;
  // Bots get the whole document at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={instance}>
        <NonceProvider value={nonce}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </NonceProvider>
      </I18nextProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged here; before it, Remix's handleError logs them.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

let background: Array<{ stop(): Promise<void> }> = [];

/** Called by the HTTP server once listening: the outbox, the scheduled jobs and the rankings run in the server process. */
export function startBackgroundJobs(log: (line: string) => void): void {
  if (background.length === 0) background = [startOutboxWorker({ log }), startScheduledJobs(log), startRankingJob(log)];
}

/** Called by the HTTP server on SIGTERM/SIGINT once it stops accepting requests. */
export async function shutdown(): Promise<void> {
  await Promise.all(background.map((job) => job.stop()));
  await db.$disconnect();
}
