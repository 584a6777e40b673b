// The shell's one live region for flash messages (app/components/flash-region.tsx):
// always in the page (so a message put into it is announced), the message
// translated in the reader's language, nothing shown without one.
import { createInstance } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server.js";
import { describe, expect, it } from "vitest";
import { FlashRegion } from "~/components/flash-region.tsx";
import type { ShownFlash } from "~/flash/flash.ts";
import { catalogs, resources } from "~/i18n/catalogs.ts";
import { i18nConfig } from "~/i18n/config.ts";

async function render(locale: "fr" | "en" | "ar", flash: ShownFlash | null): Promise<string> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, lng: locale, resources, initImmediate: false });
  const handler = createStaticHandler([{ id: "page", path: "/", element: <FlashRegion flash={flash} /> }]);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw new Error("unexpected redirect");
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />
    </I18nextProvider>,
  );
}

const region = (html: string) => /<div id="flash"[^>]*>(.*?)<\/div>/.exec(html);

describe("the flash region", () => {
  it("is one polite live region, present and empty without a message", async () => {
    const html = await render("fr", null);
    const match = region(html);
    expect(match?.[0]).toContain('role="status"');
    expect(match?.[0]).toContain('aria-live="polite"');
    expect(match?.[1]).toBe("");
    expect(html).not.toContain("<button");
  });

  it("shows the message translated in the reader's language, with its values, and a way to dismiss it", async () => {
    const flash: ShownFlash = { id: "1", kind: "success", key: "review.submitted" };
    expect(region(await render("ar", flash))?.[1]).toBe(catalogs.ar.review.submitted);
    expect(region(await render("en", flash))?.[1]).toBe(catalogs.en.review.submitted);
    const withValues = await render("fr", { id: "2", kind: "info", key: "reviewers.invited", values: { email: "x@example.test" } });
    expect(region(withValues)?.[1]).toBe(catalogs.fr.reviewers.invited.replace("{{email}}", "x@example.test"));
    expect(withValues).toContain('class="flash flash-info"');
    expect(withValues).toContain(`aria-label="${catalogs.fr.nav.dismissMessage}"`);
  });
});
