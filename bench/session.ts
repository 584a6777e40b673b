// Logging in: one POST /login per role, its session cookie reused by every request.
import { baseUrl, config } from "./config.ts";

/** Logs in and returns the Cookie header to send (the login rate limit allows 8 per email per 15 min). */
export async function login(email: string, password = config.password): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }),
  });
  await response.body?.cancel();
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const session = cookies.find((c) => c.startsWith("tremplin_session=") && c.length > "tremplin_session=".length);
  if (response.status !== 302 || !session) {
    throw new Error(
      `login as ${email} failed: HTTP ${response.status}${response.status === 429 ? " (login rate limit: wait 15 min or run without --reuse)" : ""}`,
    );
  }
  return cookies.join("; ");
}
