// The HTTP layer answers a refusal from any route in one place (app/errors.server.ts,
// applied by app/server/app.ts through the build's entry): a UserError or a busy
// database never becomes a 500, whether or not the route wrapped itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatabaseBusyError } from "~/db/client.server.ts";
import { UserError } from "~/domain/errors.ts";
import { startTestServer, type TestServer } from "../support/http-app.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer([
    {
      path: "/refused",
      module: {
        loader: async () => {
          throw new UserError("offer.expired", 409);
        },
        action: async () => {
          throw new UserError("callAdmin.cohortSiteTaken", 409, { field: "siteId" });
        },
      },
    },
    {
      path: "/busy",
      module: {
        action: async () => {
          throw new DatabaseBusyError(5000);
        },
      },
    },
    {
      path: "/bug",
      module: {
        loader: async () => {
          throw new Error("a bug, with internals");
        },
      },
    },
  ]);
});

afterAll(() => server.close());

describe("a route that does not wrap itself", () => {
  it("answers a refused page read with its status and translated key", async () => {
    const response = await fetch(`${server.url}/refused`);
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ ok: false, message: "offer.expired", errors: {} });
  });

  it("answers a refused form post with its message and field", async () => {
    const response = await fetch(`${server.url}/refused`, { method: "POST", body: new URLSearchParams({ siteId: "s1" }) });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      ok: false,
      message: "callAdmin.cohortSiteTaken",
      errors: { siteId: "callAdmin.cohortSiteTaken" },
    });
  });

  it("answers a busy database with a translated 503 to retry", async () => {
    const response = await fetch(`${server.url}/busy`, { method: "POST", body: new URLSearchParams({ a: "b" }) });
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("5");
    expect(await response.json()).toMatchObject({ ok: false, message: "errors.busy" });
  });

  it("still answers anything else as a 500 that tells nothing", async () => {
    const response = await fetch(`${server.url}/bug`);
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("internals");
  });
});
