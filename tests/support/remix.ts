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
  const context: AppLoadContext = { clientIp: options.ip ?? "203.0.113.7", cspNonce: "test-nonce" };
  try {
    const result = await fn({ request: new Request(url, init), params: options.params ?? {}, context });
    if (result instanceof Response) return result;
    return Response.json(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
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
