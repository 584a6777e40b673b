// The one place a refusal becomes an HTTP answer (issue 12). Models and domain
// code throw a UserError (app/domain/errors.ts); a route's loader or action is
// wrapped in withUserErrors, which answers it here:
//   - a form post (action) gets its body back — the form shows the message, the
//     field's error next to the field, and keeps what was typed;
//   - a page (loader) throws it, so the route's error boundary shows it translated.
// A database too busy to start a transaction (DatabaseBusyError) answers 503 the same way.
import { json, type ServerBuild, type TypedResponse } from "@remix-run/node";
import { DatabaseBusyError } from "~/db/client.server.ts";
import { UserError, type MessageParams } from "~/domain/errors.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import type { TranslationKey } from "~/i18n/keys.ts";
import { typedValues } from "~/schemas/form-data.ts";

/** What a refused request answers: `message` for the form, `errors` for the field it concerns (if any), `values` as typed. */
export type UserErrorBody = {
  ok: false;
  message: TranslationKey;
  params: MessageParams;
  errors: Record<string, string>;
  values: Record<string, string>;
};

/** A UserError (or a busy database) as the response to send, with its status; null for any other error. */
export function userErrorResponse(error: unknown, request?: Request): TypedResponse<UserErrorBody> | null {
  const refusal =
    error instanceof UserError
      ? error
      : error instanceof DatabaseBusyError
        ? { key: "errors.busy" as const, status: 503, field: undefined, params: undefined }
        : null;
  if (!refusal) return null;
  const body: UserErrorBody = {
    ok: false,
    message: refusal.key,
    params: refusal.params ?? {},
    errors: refusal.field ? { [refusal.field]: refusal.key } : {},
    values: request ? typedValues(request) : {},
  };
  return json(body, { status: refusal.status, headers: refusal.status === 503 ? { "Retry-After": "5" } : undefined });
}

const isPageRequest = (request: Request) => request.method === "GET" || request.method === "HEAD";

type Options<Args> = {
  /** For a form whose page cannot show a refusal: go there instead, the message shown as an error flash. */
  redirectTo?: (args: Args) => string;
};

/**
 * Wraps a loader or action: a UserError thrown inside is answered by
 * userErrorResponse — returned to a form post (useActionData), thrown for a page
 * read so the error boundary shows it. Anything else propagates untouched.
 */
export function withUserErrors<Args extends { request: Request }, Result>(
  handler: (args: Args) => Promise<Result>,
  options: Options<Args> = {},
) {
  return async (args: Args): Promise<Result | TypedResponse<UserErrorBody>> => {
    try {
      return await handler(args);
    } catch (error) {
      const response = userErrorResponse(error, args.request);
      if (!response) throw error;
      if (isPageRequest(args.request)) throw response;
      if (options.redirectTo && error instanceof UserError) {
        return (await redirectWithFlash(options.redirectTo(args), {
          kind: "error",
          key: error.key,
          values: error.params,
        })) as TypedResponse<never>;
      }
      return response;
    }
  };
}

type RouteFunction = (args: { request: Request }) => Promise<unknown>;

/**
 * The server build with every route's loader and action wrapped in withUserErrors, so that
 * whichever route a refusal or a busy database comes from, it never becomes a 500. The HTTP
 * layer (app/server/app.ts) applies it once, through the build's entry module: the build's own
 * copy of UserError is the one its routes throw.
 */
export function answerUserErrorsIn(build: ServerBuild): ServerBuild {
  const wrap = (fn: unknown) => (typeof fn === "function" ? withUserErrors(fn as RouteFunction) : undefined);
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => [
      id,
      { ...route, module: { ...route.module, loader: wrap(route.module.loader), action: wrap(route.module.action) } },
    ]),
  );
  return { ...build, routes } as ServerBuild;
}
