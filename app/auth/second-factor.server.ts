// The cookie that carries a sign-in from its password to its second factor (issue 20): a random token, signed, kept
// only for the second step's page and only as long as the waiting sign-in lasts. Never a session: until the code is
// right, the account opens nothing.
import { createCookie } from "@remix-run/node";
import { env } from "~/config/env.server.ts";
import { CHALLENGE_TTL_MS } from "~/domain/two-factor.ts";

export const SECOND_FACTOR_PATH = "/login/two-factor";

const challengeCookie = createCookie("tremplin_second_factor", {
  httpOnly: true,
  sameSite: "lax",
  path: SECOND_FACTOR_PATH,
  secure: env().NODE_ENV === "production",
  secrets: [env().SESSION_SECRET],
  maxAge: CHALLENGE_TTL_MS / 1000,
});

export async function challengeTokenFrom(request: Request): Promise<string | null> {
  const value = await challengeCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export function challengeCookieHeader(token: string): Promise<string> {
  return challengeCookie.serialize(token);
}

export function clearChallengeCookie(): Promise<string> {
  return challengeCookie.serialize("", { maxAge: 0 });
}
