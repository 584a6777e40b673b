import crypto from "node:crypto";
import { createCookie, redirect, type TypedResponse } from "@remix-run/node";
import { env } from "~/config/env.server.ts";
import type { Flash, ShownFlash } from "./flash.ts";

/**
 * The one way to tell a user how an action went after redirecting them: a short-lived
 * signed cookie (anonymous visitors have no session row), read and cleared by the next
 * page's root loader, shown in the shell's live region (app/components/flash-region.tsx).
 */
export const flashCookie = createCookie("tremplin_flash", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: env().NODE_ENV === "production",
  secrets: [env().SESSION_SECRET],
  // Long enough for the redirect to be followed; a message never greets a later visit.
  maxAge: 60,
});

/** A response that sets or clears the flash is one user's, once: never stored by any cache. */
export const NO_STORE = "private, no-store";

export async function flashHeader(flash: Flash): Promise<string> {
  const shown: ShownFlash = { ...flash, id: crypto.randomUUID() };
  return flashCookie.serialize(shown);
}

/** Redirects to `url` with `flash` for the page there. `init.headers` may add other cookies (a new session…). */
export async function redirectWithFlash(url: string, flash: Flash, init: ResponseInit = {}): Promise<TypedResponse<never>> {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashHeader(flash));
  headers.set("Cache-Control", NO_STORE);
  return redirect(url, { ...init, headers });
}

/**
 * The flash the request carries, if any, and the headers that clear it (to send with
 * the response that shows it, so a reload or the next page does not show it again).
 */
export async function consumeFlash(request: Request): Promise<{ flash: ShownFlash | null; headers: Record<string, string> }> {
  const cookieHeader = request.headers.get("Cookie");
  if (!cookieHeader?.includes("tremplin_flash=")) return { flash: null, headers: {} };
  const value: unknown = await flashCookie.parse(cookieHeader);
  if (value === "") return { flash: null, headers: {} };
  const headers = { "Set-Cookie": await flashCookie.serialize("", { maxAge: 0 }), "Cache-Control": NO_STORE };
  return { flash: isShownFlash(value) ? value : null, headers };
}

function isShownFlash(value: unknown): value is ShownFlash {
  if (!value || typeof value !== "object") return false;
  const { kind, key, id, values } = value as Record<string, unknown>;
  return (
    (kind === "success" || kind === "info" || kind === "error") &&
    typeof key === "string" &&
    typeof id === "string" &&
    (values === undefined || (typeof values === "object" && values !== null))
  );
}
