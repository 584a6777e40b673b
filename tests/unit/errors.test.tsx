// The one error model (app/domain/errors.ts, app/errors.server.ts): a UserError becomes
// one answer — a form post gets its message, field and typed values back; a page
// throws it to the route's error boundary, which shows it translated.
import { json } from "@remix-run/node";
import { createInstance } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server.js";
import { describe, expect, it, vi } from "vitest";
import { ErrorPage } from "~/components/error-page.tsx";
import { DatabaseBusyError } from "~/db/client.server.ts";
import { UserError } from "~/domain/errors.ts";
import { userErrorResponse, withUserErrors } from "~/errors.server.ts";
import { flashCookie } from "~/flash/flash.server.ts";
import { resources } from "~/i18n/catalogs.ts";
import { i18nConfig } from "~/i18n/config.ts";
import { readFormData } from "~/schemas/form-data.ts";

const post = (form: Record<string, string>) =>
  new Request("http://localhost/x", {
    method: "POST",
    body: new URLSearchParams(form),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
const get = () => new Request("http://localhost/x");

describe("userErrorResponse: the one converter", () => {
  it("answers a UserError with its status, key, field and interpolation values", async () => {
    const response = userErrorResponse(new UserError("callAdmin.cohortSiteTaken", 409, { field: "siteId", params: { site: "Rabat" } }))!;
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      ok: false,
      message: "callAdmin.cohortSiteTaken",
      params: { site: "Rabat" },
      errors: { siteId: "callAdmin.cohortSiteTaken" },
      values: {},
    });
  });

  it("puts a refusal without a field on the form only", async () => {
    const response = userErrorResponse(new UserError("lifecycle.stale", 409))!;
    expect(await response.json()).toMatchObject({ message: "lifecycle.stale", params: {}, errors: {} });
  });

  it("answers a database too busy to start a transaction with a translated 503", async () => {
    const response = userErrorResponse(new DatabaseBusyError(5000))!;
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("5");
    expect(await response.json()).toMatchObject({ ok: false, message: "errors.busy" });
  });

  it("leaves every other error alone", () => {
    expect(userErrorResponse(new Error("boom"))).toBeNull();
    expect(userErrorResponse(new RangeError("x"))).toBeNull();
    expect(userErrorResponse("nope")).toBeNull();
  });
});

describe("withUserErrors", () => {
  it("returns the refusal to a form post, with what was typed (never a password)", async () => {
    const action = withUserErrors(async ({ request }: { request: Request }) => {
      await readFormData(request);
      throw new UserError("auth.emailTaken", 409, { field: "email" });
    });
    const response = (await action({ request: post({ name: "Amina", email: "amina@example.ma", password: "secret-secret" }) })) as Response;
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      ok: false,
      message: "auth.emailTaken",
      params: {},
      errors: { email: "auth.emailTaken" },
      values: { name: "Amina", email: "amina@example.ma" },
    });
  });

  it("throws the refusal of a page read, for the route's error boundary", async () => {
    const loader = withUserErrors(async (_args: { request: Request }) => {
      throw new UserError("offer.expired", 409);
    });
    const thrown = await loader({ request: get() }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(409);
    expect(await (thrown as Response).json()).toMatchObject({ message: "offer.expired" });
  });

  it("passes results, responses and other errors through untouched", async () => {
    const ok = withUserErrors(async (_args: { request: Request }) => json({ fine: true }));
    expect(await ((await ok({ request: post({}) })) as Response).json()).toEqual({ fine: true });
    const notFound = withUserErrors(async (_args: { request: Request }): Promise<never> => {
      throw json({ message: "not found" }, { status: 404 });
    });
    await expect(notFound({ request: post({}) })).rejects.toMatchObject({ status: 404 });
    const bug = withUserErrors(async (_args: { request: Request }): Promise<never> => {
      throw new TypeError("a bug");
    });
    await expect(bug({ request: post({}) })).rejects.toThrow(TypeError);
  });

  it("redirects with the message as an error flash where the form's page cannot show it", async () => {
    const action = withUserErrors(
      async (_args: { request: Request; slug: string }): Promise<never> => {
        throw new UserError("lifecycle.deadlinePassed", 409);
      },
      { redirectTo: ({ slug }) => `/calls/${slug}` },
    );
    const response = (await action({ request: post({}), slug: "appel-2026" })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/calls/appel-2026");
    const cookie = response.headers.get("Set-Cookie")!.split(";")[0];
    expect(await flashCookie.parse(cookie)).toMatchObject({ kind: "error", key: "lifecycle.deadlinePassed" });
  });
});

/** The page a route's error boundary renders when its loader throws `thrown`, in `locale`. */
async function errorPage(locale: "fr" | "en" | "ar", thrown: () => never): Promise<string> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, lng: locale, resources, initImmediate: false });
  const handler = createStaticHandler([{ id: "page", path: "/", loader: thrown, element: <p>page</p>, errorElement: <ErrorPage /> }]);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw new Error("unexpected redirect");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <StaticRouterProvider router={router} context={context} hydrate={false} />
    </I18nextProvider>,
  );
}

describe("a route's error boundary", () => {
  const refusal = () => {
    throw userErrorResponse(new UserError("allocation.acceptedWithoutCohort", 409, { params: { project: "Atlas Solar" } }))!;
  };

  it("shows a refusal thrown by a loader translated, with its values, in each language", async () => {
    const fr = await errorPage("fr", refusal);
    expect(fr).toContain("409");
    expect(fr).toContain("Action impossible");
    expect(fr).toContain("« Atlas Solar » est retenue sans cohorte");
    const ar = await errorPage("ar", refusal);
    expect(ar).toContain("تعذّر تنفيذ هذا الإجراء");
    expect(ar).toContain("«Atlas Solar» مقبول دون فوج");
    expect(ar).not.toContain("allocation.acceptedWithoutCohort");
  });

  it("keeps the standard pages for the statuses that have one", async () => {
    const notFound = await errorPage("en", () => {
      throw json({ message: "not found" }, { status: 404 });
    });
    expect(notFound).toContain("Page not found");
    expect(notFound).not.toContain(">not found<");
    const busy = await errorPage("fr", () => {
      throw userErrorResponse(new DatabaseBusyError(5000))!;
    });
    expect(busy).toContain("503");
    expect(busy).toContain("Le service est occupé");
  });

  it("shows anything else as a 500, never its message", async () => {
    // The boundary logs an unexpected error for the operators: expected here, kept out of the test output.
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const page = await errorPage("en", () => {
      throw new Error("secret internals at /srv/app.ts:12");
    });
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
    expect(page).toContain("500");
    expect(page).toContain("Something went wrong");
    expect(page).not.toContain("secret internals");
  });
});
