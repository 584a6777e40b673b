// The call dashboard's charts: drawn by Recharts in the browser only (the server
// leaves a box of the chart's size, app/components/chart.tsx), beside tables
// of the same numbers.
import { DEMO, expect, expectNoSeriousA11yViolations, open, signedInPage, test, waitForHydration } from "./support.ts";

test("the call dashboard draws its charts in the browser, each beside its table", async ({ browser }) => {
  const page = await signedInPage(browser, DEMO.admin);
  await open(page, "/admin/calls");
  const callLink = page.locator('main a[href^="/admin/calls/c"]').first();
  const callPath = await callLink.getAttribute("href");
  expect(callPath).toMatch(/^\/admin\/calls\/[^/]+$/);

  // Served without them: the server never loads Recharts.
  const served = await page.context().request.get(`${callPath}/dashboard`);
  expect(served.status()).toBe(200);
  const html = await served.text();
  const boxes = html.match(/<div class="chart" aria-hidden="true"/g) ?? [];
  expect(boxes.length).toBeGreaterThan(0);
  expect(html).not.toContain("recharts-surface");

  await open(page, `${callPath}/dashboard`);
  await waitForHydration(page);
  const charts = page.locator(".chart");
  await expect(charts).toHaveCount(boxes.length);
  for (let i = 0; i < boxes.length; i++) await expect(charts.nth(i).locator("svg.recharts-surface").first()).toBeVisible(); // then the legend's icons
  await expect(page.locator("main table")).toHaveCount(boxes.length);
  await expectNoSeriousA11yViolations(page, "the call dashboard");
});
