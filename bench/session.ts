// Logging in: one POST /login per role (and the admin's second step), its session cookie reused by every request.
import { totpCode, TOTP_PERIOD_S } from "~/domain/two-factor.ts";
import { baseUrl, config } from "./config.ts";

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0]!);

/**
 * Logs in and returns the Cookie header to send (the login rate limit allows 8 per email per 15 min). An account
 * with an authenticator (the seeded admin: config.totpSecret) answers the second step with the code of now, or of
 * the next step when this one's was used already (a second log-in within 30 seconds, e.g. bench:profile after bench).
 */
export async function login(email: string, password = config.password): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }),
  });
  await response.body?.cancel();
  let answered = response;
  if (response.status === 302 && response.headers.get("Location") === "/login/two-factor") {
    const challenge = cookiesOf(response).join("; ");
    for (let attempt = 0; attempt < 2; attempt += 1) {
      answered = await fetch(`${baseUrl}/login/two-factor`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: challenge },
        body: new URLSearchParams({ code: totpCode(config.totpSecret, new Date(Date.now() + attempt * TOTP_PERIOD_S * 1000)) }),
      });
      await answered.body?.cancel();
      if (answered.status === 302) break;
    }
  }
  const cookies = cookiesOf(answered);
  const session = cookies.find((c) => c.startsWith("tremplin_session=") && c.length > "tremplin_session=".length);
  if (answered.status !== 302 || !session) {
    throw new Error(
      `login as ${email} failed: HTTP ${answered.status}${answered.status === 429 ? " (login rate limit: wait 15 min or run without --reuse)" : ""}`,
    );
  }
  return cookies.join("; ");
}
