import { beforeAll, describe, expect, it } from "vitest";
import { dbReady } from "~/db/client.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { action as localeAction } from "~/routes/locale.tsx";
import { action as loginAction } from "~/routes/login.tsx";
import { loader as rootLoader } from "~/root.tsx";
import { createTestUser, TEST_PASSWORD } from "../support/factories.ts";
import { callRoute, cookieFrom } from "../support/remix.ts";

beforeAll(async () => {
  await dbReady;
});

const request = (headers: Record<string, string>) => new Request("http://localhost/", { headers });

describe("language detection", () => {
  it("falls back to French", async () => {
    expect(await getLocale(request({}))).toBe("fr");
    expect(await getLocale(request({ "Accept-Language": "de-DE,de;q=0.9" }))).toBe("fr");
  });

  it("follows Accept-Language", async () => {
    expect(await getLocale(request({ "Accept-Language": "ar-MA,ar;q=0.9,fr;q=0.5" }))).toBe("ar");
    expect(await getLocale(request({ "Accept-Language": "en-GB,en;q=0.8" }))).toBe("en");
  });

  it("prefers the language cookie over Accept-Language", async () => {
    const switched = await callRoute(localeAction, { form: { locale: "en", redirectTo: "/signup" } });
    expect(switched.status).toBe(302);
    expect(switched.headers.get("Location")).toBe("/signup");
    const cookie = cookieFrom(switched, "tremplin_lng")!;
    expect(await getLocale(request({ Cookie: cookie, "Accept-Language": "ar" }))).toBe("en");
  });

  it("prefers a signed-in user's saved language over the cookie", async () => {
    const user = await createTestUser({ locale: "ar" });
    const login = await callRoute(loginAction, { form: { email: user.email, password: TEST_PASSWORD } });
    const session = cookieFrom(login)!;
    const lng = cookieFrom(await callRoute(localeAction, { form: { locale: "en" } }), "tremplin_lng")!;
    // The switcher used without an account only sets the cookie…
    expect(await getLocale(request({ Cookie: `${session}; ${lng}` }))).toBe("ar");
    // …while a signed-in switch also saves the preference.
    await callRoute(localeAction, { cookie: session, form: { locale: "en" } });
    expect(await getLocale(request({ Cookie: session }))).toBe("en");
  });

  it("the root loader reports the locale and the signed-in user's roles", async () => {
    const user = await createTestUser({ roles: ["REVIEWER"], locale: "en", name: "Reda" });
    const session = cookieFrom(await callRoute(loginAction, { form: { email: user.email, password: TEST_PASSWORD } }))!;
    const data = await (await callRoute(rootLoader, { cookie: session })).json();
    expect(data).toEqual({ locale: "en", user: { name: "Reda", roles: ["REVIEWER"], unreadNotifications: 0 }, flash: null });
  });

  it("rejects an unsupported language", async () => {
    expect((await callRoute(localeAction, { form: { locale: "de" } })).status).toBe(400);
  });
});
