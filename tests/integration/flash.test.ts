// The flash (app/flash/flash.server.ts): how an action's outcome reaches the page it
// redirects to — a signed, short-lived cookie, shown once by the next page's root
// loader, never cached, translated for the reader. The routes' own tests check each
// message; here, the cookie itself and a route that had no redirect before.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { flashCookie, redirectWithFlash } from "~/flash/flash.server.ts";
import { catalogs } from "~/i18n/catalogs.ts";
import { action as outboxAction } from "~/routes/admin.outbox._index.tsx";
import { createTestUser } from "../support/factories.ts";
import { expectFlashShownOnce, flashOf, nextPage } from "../support/flash.ts";
import { callRoute } from "../support/remix.ts";
import { signIn } from "../support/review-factories.ts";

beforeAll(async () => {
  await dbReady;
});

describe("the flash cookie", () => {
  it("is httpOnly, SameSite=Lax, for the whole site and lives one minute", async () => {
    const response = await redirectWithFlash("/login", { kind: "success", key: "reset.done" });
    const header = response.headers.get("Set-Cookie") ?? "";
    expect(header).toMatch(/^tremplin_flash=/);
    expect(header).toMatch(/; HttpOnly/i);
    expect(header).toMatch(/; SameSite=Lax/i);
    expect(header).toMatch(/; Path=\//);
    expect(header).toMatch(/; Max-Age=60/);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
  });

  it("keeps other cookies the redirect sets (a language, a new session)", async () => {
    const response = await redirectWithFlash(
      "/account",
      { kind: "success", key: "account.saved" },
      { headers: { "Set-Cookie": "tremplin_lng=ar; Path=/" } },
    );
    const cookies = response.headers.getSetCookie();
    expect(cookies.map((c) => c.split("=")[0])).toEqual(["tremplin_lng", "tremplin_flash"]);
  });

  it("gives two identical messages different ids, so the second is announced again", async () => {
    const flash = { kind: "success", key: "review.draftSaved" } as const;
    const [first, second] = await Promise.all([redirectWithFlash("/x", flash), redirectWithFlash("/x", flash)]);
    expect((await flashOf(first)).flash!.id).not.toBe((await flashOf(second)).flash!.id);
  });

  it("ignores a flash not signed with the session secret, and clears it", async () => {
    const forged = `tremplin_flash=${Buffer.from(JSON.stringify({ id: "x", kind: "success", key: "reset.done" })).toString("base64")}`;
    const shown = await nextPage([forged]);
    expect(shown.data.flash).toBeNull();
    expect(shown.setsFlashCookie).toBe(true);
    expect(shown.flashCookieAfter).toBeNull();
  });

  it("ignores a signed value that is not a message", async () => {
    const odd = (await flashCookie.serialize({ kind: "shout", key: 42, id: "x" })).split(";")[0];
    expect((await nextPage([odd])).data.flash).toBeNull();
  });

  it("a page without a flash sets no cookie and is not marked no-store", async () => {
    const shown = await nextPage([]);
    expect(shown.data.flash).toBeNull();
    expect(shown.setsFlashCookie).toBe(false);
    expect(shown.cacheControl).toBeNull();
  });
});

describe("an admin's outbox retry", () => {
  async function deadEmail() {
    return db.outboxEmail.create({
      data: {
        to: "founder@example.test",
        template: "application-submitted",
        locale: "fr",
        payload: "{}",
        status: "DEAD",
        messageId: `<${crypto.randomUUID()}@test>`,
        dedupeKey: `flash-test:${crypto.randomUUID()}`,
      },
    });
  }

  it("redirects back to the same list with the outcome in the flash; a refusal stays on the form", async () => {
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const cookie = await signIn(admin);
    const email = await deadEmail();
    const retry = () => callRoute(outboxAction, { path: "/admin/outbox?status=DEAD", cookie, form: { id: email.id } });

    const said = await expectFlashShownOnce(await retry(), "/admin/outbox?status=DEAD", { kind: "success", key: "outbox.retried" }, [
      cookie,
    ]);
    expect(said).toBe(catalogs.fr.outbox.retried);
    expect((await db.outboxEmail.findUniqueOrThrow({ where: { id: email.id } })).status).toBe("PENDING");

    const refused = await retry();
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ message: "outbox.notRetryable" });
    expect((await flashOf(refused)).flash).toBeNull();
  });
});
