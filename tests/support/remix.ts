import { expect } from "vitest";
import type { ActionFunction, AppLoadContext, LoaderFunction } from "@remix-run/node";

type CallOptions = {
  path?: string;
  form?: Record<string, string>;
  cookie?: string | null;
  ip?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
};

/** Calls a route's loader or action the way Remix would, returning thrown responses too. */
export async function callRoute(fn: LoaderFunction | ActionFunction, options: CallOptions = {}): Promise<Response> {
  const url = new URL(options.path ?? "/", "http://localhost");
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set("Cookie", options.cookie);
  const init: RequestInit = { method: options.form ? "POST" : "GET", headers };
  if (options.form) init.body = new URLSearchParams(options.form);
  return invokeRoute(fn, new Request(url, init), options.params ?? {}, options.ip);
}

/** Calls a route's loader or action with a request built by the caller (a multipart upload, say), as callRoute does. */
export async function invokeRoute(
  fn: LoaderFunction | ActionFunction,
  request: Request,
  params: Record<string, string>,
  ip = "203.0.113.7",
): Promise<Response> {
  const context: AppLoadContext = { clientIp: ip, cspNonce: "test-nonce" };
  try {
    const result = await fn({ request, params, context });
    if (result instanceof Response) return result;
    return Response.json(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** A redirect to exactly `location`. */
export function expectRedirect(response: Response, location: string) {
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe(location);
}

/** A JSON answer with `status` whose body holds `body`. */
export async function expectStatusWithBody(response: Response, status: number, body: Record<string, unknown>) {
  expect(response.status).toBe(status);
  expect(await response.json()).toMatchObject(body);
}

/** The `name=value` pair of a Set-Cookie header, to send back as a Cookie header. */
export function cookieFrom(response: Response, name = "tremplin_session"): string | null {
  const header = response.headers.get("Set-Cookie");
  if (!header) return null;
  const match = header
    .split(/,(?=\s*\w+=)/)
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${name}=`));
  return match ? match.split(";")[0] : null;
}
