// Automated checks of the security promises, against the production server:
// CSP with per-request nonces, cross-site mutations refused, hardened cookies
// and headers, rate limits, and error pages that reveal nothing.
import { expect, test } from "./support.ts";
import { DEMO, DEMO_PASSWORD, FRENCH_BROWSER, uniqueEmail } from "./support.ts";

test.describe("security", () => {
  test.use(FRENCH_BROWSER);

  test("every inline script carries the response's own CSP nonce, new on each request", async ({ request }) => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await request.get("/login");
      const csp = response.headers()["content-security-policy"];
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain("unsafe-inline' 'nonce"); // scripts never fall back to unsafe-inline
      const nonce = /'nonce-([^']+)'/.exec(csp)![1];
      nonces.push(nonce);
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const attributes of scripts) {
        if (/\bsrc=/.test(attributes)) continue; // external scripts are from 'self'
        expect(attributes, "inline script without the nonce").toContain(`nonce="${nonce}"`);
      }
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  test("hardening headers are set", async ({ request }) => {
    const headers = (await request.get("/")).headers();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["x-powered-by"]).toBeUndefined();
  });

  test("a form post that a browser says comes from another site is refused, the same site is not", async ({ request, baseURL }) => {
    const form = { email: DEMO.founder, password: DEMO_PASSWORD };
    const foreign = await request.post("/login", { form, headers: { Origin: "https://evil.example" }, maxRedirects: 0 });
    expect(foreign.status()).toBe(403);
    const foreignReferer = await request.post("/logout", { form: {}, headers: { Referer: "https://evil.example/page" }, maxRedirects: 0 });
    expect(foreignReferer.status()).toBe(403);
    // A browser hiding the origin ("null") is believed only when it says the request is same-origin.
    const hidden = { email: DEMO.founder, password: "wrong-password-123" };
    const hiddenSameSite = await request.post("/login", {
      form: hidden,
      headers: { Origin: "null", "Sec-Fetch-Site": "same-origin" },
      maxRedirects: 0,
    });
    expect(hiddenSameSite.status()).toBe(400);
    const hiddenCrossSite = await request.post("/login", {
      form: hidden,
      headers: { Origin: "null", "Sec-Fetch-Site": "cross-site" },
      maxRedirects: 0,
    });
    expect(hiddenCrossSite.status()).toBe(403);
    // Last, as it signs this client in (the login page then redirects).
    const same = await request.post("/login", { form, headers: { Origin: baseURL! }, maxRedirects: 0 });
    expect(same.status()).toBe(302);
  });

  test("the session cookie is httpOnly, SameSite=Lax and Secure in production, and rotates at login", async ({ request }) => {
    const first = await request.post("/login", { form: { email: DEMO.reviewer, password: DEMO_PASSWORD }, maxRedirects: 0 });
    const firstCookie = first.headers()["set-cookie"];
    expect(firstCookie).toMatch(/tremplin_session=/);
    expect(firstCookie).toMatch(/HttpOnly/i);
    expect(firstCookie).toMatch(/SameSite=Lax/i);
    expect(firstCookie).toMatch(/Secure/i);
    const second = await request.post("/login", { form: { email: DEMO.reviewer, password: DEMO_PASSWORD }, maxRedirects: 0 });
    const value = (header: string) => /tremplin_session=([^;]+)/.exec(header)![1];
    expect(value(second.headers()["set-cookie"])).not.toBe(value(firstCookie));
  });

  test("repeated logins for one email are rate limited with a translated message", async ({ request }) => {
    const email = uniqueEmail("ratelimit");
    let last = 0;
    let body = "";
    for (let i = 0; i < 9; i++) {
      const response = await request.post("/login", {
        form: { email, password: "wrong-password-123" },
        headers: { "Accept-Language": "fr" },
        maxRedirects: 0,
      });
      last = response.status();
      body = await response.text();
    }
    expect(last).toBe(429);
    expect(body).toContain("Trop de tentatives");
  });

  test("error pages show a translated message and no stack trace or SQL", async ({ page }) => {
    const notFound = await page.goto("/no/such/page");
    expect(notFound?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");
    const html = await page.content();
    for (const leak of [/at \w+ \(/, /node_modules/, /SELECT\s/i, /prisma/i, /\.tsx?:\d+/]) expect(html).not.toMatch(leak);

    await page.goto("/login");
    await page.getByLabel("Adresse e-mail").fill(DEMO.founder);
    await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL("**/founder");
    const forbidden = await page.goto("/admin/applications/does-not-exist");
    expect(forbidden?.status()).toBe(403);
    expect(await page.content()).not.toMatch(/node_modules|SELECT\s|\.tsx?:\d+/);
  });
});
