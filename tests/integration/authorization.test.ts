// Who may reach the admin and reviewer areas: every route module whose file
// name starts with `admin` or `reviewer` is imported and its loader (and
// action, when it has one) called as an anonymous visitor, a founder, a
// reviewer and an admin. Then resource-level checks: a reviewer only ever
// reaches their own assignments and the files of applications assigned to them.
import fs from "node:fs";
import path from "node:path";
import type { ActionFunction, LoaderFunction } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { loader as fileLoader } from "~/routes/files.$id.tsx";
import { action as reviewAction, loader as reviewLoader } from "~/routes/reviewer.assignments.$id.tsx";
import { createTestUser } from "../support/factories.ts";
import {
  assignReviewer,
  createReviewApplication,
  createReviewer,
  createReviewSetup,
  reviewForm,
  signIn,
  submitReview,
} from "../support/review-factories.ts";
import { callRoute } from "../support/remix.ts";

beforeAll(async () => {
  await dbReady;
});

// ---------------------------------------------------------------------------
// The protected route modules

const ROUTES_DIR = path.resolve(import.meta.dirname, "../../app/routes");
const FAKE_PARAM: Record<string, string> = { file: "does-not-exist.eml" };
const fakeValue = (name: string) => FAKE_PARAM[name] ?? "does-not-exist";

type RouteModule = { loader?: LoaderFunction; action?: ActionFunction };
type ProtectedRoute = { file: string; area: "admin" | "reviewer"; path: string; params: Record<string, string>; module: RouteModule };

/** A route file name as Remix reads it: `admin.applications.$id.tsx` → /admin/applications/:id. */
function describeRoute(file: string): Omit<ProtectedRoute, "module"> {
  const segments = file.replace(/\.(tsx|ts)$/, "").split(".");
  const params: Record<string, string> = {};
  const parts: string[] = [];
  for (const segment of segments) {
    if (segment === "_index") continue;
    if (segment.startsWith("$")) {
      const name = segment.slice(1);
      params[name] = fakeValue(name);
      parts.push(params[name]);
    } else parts.push(segment);
  }
  return { file, area: file.startsWith("admin") ? "admin" : "reviewer", path: `/${parts.join("/")}`, params };
}

const protectedFiles = fs
  .readdirSync(ROUTES_DIR)
  .filter((file) => /\.(tsx|ts)$/.test(file) && (file.startsWith("admin") || file.startsWith("reviewer")))
  .sort();

async function loadRoutes(): Promise<ProtectedRoute[]> {
  return Promise.all(
    protectedFiles.map(async (file) => ({ ...describeRoute(file), module: (await import(path.join(ROUTES_DIR, file))) as RouteModule })),
  );
}

let routes: ProtectedRoute[];
let cookies: { founder: string; reviewer: string; admin: string };

beforeAll(async () => {
  routes = await loadRoutes();
  const founder = await createTestUser({ roles: ["FOUNDER"] });
  const reviewer = await createReviewer();
  const admin = await createTestUser({ roles: ["ADMIN"] });
  cookies = { founder: await signIn(founder), reviewer: await signIn(reviewer), admin: await signIn(admin) };
});

const load = (route: ProtectedRoute, cookie: string | null) =>
  callRoute(route.module.loader!, { path: route.path, params: route.params, cookie });
const post = (route: ProtectedRoute, cookie: string | null) =>
  callRoute(route.module.action!, { path: route.path, params: route.params, cookie, form: { intent: "probe" } });

/** Status per route file, so a failure names every offending route at once. */
async function statuses(list: ProtectedRoute[], call: (route: ProtectedRoute) => Promise<Response>) {
  const result: Record<string, number> = {};
  for (const route of list) {
    const response = await call(route);
    result[route.file] = response.status;
    await response.body?.cancel();
  }
  return result;
}

const expectAll = (list: ProtectedRoute[], status: (route: ProtectedRoute) => number) =>
  Object.fromEntries(list.map((r) => [r.file, status(r)]));

describe("the admin and reviewer route modules", () => {
  it("are all found, and every one has a loader", () => {
    // The enumeration itself must work, or every check below would pass vacuously.
    expect(protectedFiles).toEqual(
      expect.arrayContaining([
        "admin.tsx",
        "admin.applications._index.tsx",
        "admin.applications.$id.tsx",
        "admin.reviewers.$id.tsx",
        "admin.screening.tsx",
        "reviewer.tsx",
        "reviewer._index.tsx",
        "reviewer.assignments.$id.tsx",
      ]),
    );
    expect(routes.filter((r) => typeof r.module.loader !== "function").map((r) => r.file)).toEqual([]);
    expect(describeRoute("admin.applications.$id.tsx")).toEqual({
      file: "admin.applications.$id.tsx",
      area: "admin",
      path: "/admin/applications/does-not-exist",
      params: { id: "does-not-exist" },
    });
  });

  it("send anonymous visitors to the login page, coming back afterwards", async () => {
    const found: Record<string, string> = {};
    for (const route of routes) {
      const response = await load(route, null);
      found[route.file] = `${response.status} ${response.headers.get("Location") ?? ""}`;
    }
    expect(found).toEqual(Object.fromEntries(routes.map((r) => [r.file, `302 /login?${new URLSearchParams({ redirectTo: r.path })}`])));
  });

  it("answer 401 to anonymous form posts", async () => {
    const withAction = routes.filter((r) => r.module.action);
    expect(withAction.length).toBeGreaterThan(0);
    expect(await statuses(withAction, (r) => post(r, null))).toEqual(expectAll(withAction, () => 401));
  });

  it("forbid founders every loader and action (403)", async () => {
    expect(await statuses(routes, (r) => load(r, cookies.founder))).toEqual(expectAll(routes, () => 403));
    const withAction = routes.filter((r) => r.module.action);
    expect(await statuses(withAction, (r) => post(r, cookies.founder))).toEqual(expectAll(withAction, () => 403));
  });

  it("forbid reviewers every admin loader and action (403), and let them into their own area", async () => {
    const admin = routes.filter((r) => r.area === "admin");
    expect(await statuses(admin, (r) => load(r, cookies.reviewer))).toEqual(expectAll(admin, () => 403));
    const adminActions = admin.filter((r) => r.module.action);
    expect(await statuses(adminActions, (r) => post(r, cookies.reviewer))).toEqual(expectAll(adminActions, () => 403));

    const own = routes.filter((r) => r.area === "reviewer");
    expect(await statuses(own, (r) => load(r, cookies.reviewer))).toEqual(
      expectAll(own, (r) => (Object.keys(r.params).length > 0 ? 404 : 200)),
    );
  });

  it("let admins into every admin loader (200, or 404 for an id that does not exist)", async () => {
    const admin = routes.filter((r) => r.area === "admin");
    expect(await statuses(admin, (r) => load(r, cookies.admin))).toEqual(
      expectAll(admin, (r) => (Object.keys(r.params).length > 0 ? 404 : 200)),
    );
  });

  it("let admins open real records of the parameterised admin pages", async () => {
    const { call, site, reviewers } = await createReviewSetup({ reviewers: 1 });
    const { application } = await createReviewApplication({ call, site });
    const byFile = Object.fromEntries(routes.map((r) => [r.file, r]));
    const real: Array<[string, Record<string, string>]> = [
      ["admin.applications.$id.tsx", { id: application.id }],
      ["admin.reviewers.$id.tsx", { id: reviewers[0].id }],
    ];
    for (const [file, params] of real) {
      const route = byFile[file];
      expect(route, file).toBeDefined();
      const response = await callRoute(route.module.loader!, { path: route.path, params, cookie: cookies.admin });
      expect({ file, status: response.status }).toEqual({ file, status: 200 });
    }
  });
});

// ---------------------------------------------------------------------------
// A reviewer's reach

describe("a reviewer's own assignments and files", () => {
  async function setup() {
    const { call, site, criteria, reviewers } = await createReviewSetup({ reviewers: 2 });
    const [me, colleague] = reviewers;
    const mineApp = await createReviewApplication({ call, site });
    const theirsApp = await createReviewApplication({ call, site });
    const unassignedApp = await createReviewApplication({ call, site });
    const mine = await assignReviewer(mineApp.application.id, me.id);
    const theirs = await assignReviewer(theirsApp.application.id, colleague.id);
    return { criteria, me, colleague, mineApp, theirsApp, unassignedApp, mine, theirs, cookie: await signIn(me) };
  }

  it("cannot load or post to another reviewer's assignment (404), and nothing is written", async () => {
    const { criteria, mine, theirs, cookie } = await setup();
    const page = (id: string) => callRoute(reviewLoader, { path: `/reviewer/assignments/${id}`, cookie, params: { id } });
    const postTo = (id: string, form: Record<string, string>) =>
      callRoute(reviewAction, { path: `/reviewer/assignments/${id}`, cookie, params: { id }, form });

    expect((await page(mine.id)).status).toBe(200);
    expect((await page(theirs.id)).status).toBe(404);
    expect((await page("does-not-exist")).status).toBe(404);

    const attempts: Array<Record<string, string>> = [
      reviewForm(criteria, [1, 1, 1, 1, 1], { intent: "submit", recommendation: "NO" }),
      reviewForm(criteria, [1, 1], { intent: "draft" }),
      { intent: "conflict", reason: "Je ne veux pas que ce dossier avance." },
    ];
    for (const form of attempts)
      expect({ intent: form.intent, status: (await postTo(theirs.id, form)).status }).toEqual({ intent: form.intent, status: 404 });

    const after = await db.reviewAssignment.findUniqueOrThrow({ where: { id: theirs.id }, include: { review: true } });
    expect(after.status).toBe("PENDING");
    expect(after.review).toBeNull();
    expect(await db.conflictDeclaration.count({ where: { applicationId: after.applicationId } })).toBe(0);
  });

  it("cannot open an assignment released by a conflict declaration", async () => {
    const { mine, cookie } = await setup();
    await callRoute(reviewAction, {
      path: `/reviewer/assignments/${mine.id}`,
      cookie,
      params: { id: mine.id },
      form: { intent: "conflict", reason: "Ancien collègue du fondateur." },
    });
    expect((await callRoute(reviewLoader, { path: `/reviewer/assignments/${mine.id}`, cookie, params: { id: mine.id } })).status).toBe(404);
  });

  it("downloads only the files of applications assigned to them", async () => {
    const { colleague, mineApp, theirsApp, unassignedApp, mine, cookie } = await setup();
    const download = async (attachmentId: string, as = cookie) => {
      const response = await callRoute(fileLoader, { path: `/files/${attachmentId}`, cookie: as, params: { id: attachmentId } });
      await response.body?.cancel();
      return response.status;
    };
    expect(await download(mineApp.attachment.id)).toBe(200);
    expect(await download(theirsApp.attachment.id)).toBe(404);
    expect(await download(unassignedApp.attachment.id)).toBe(404);
    expect(await download(theirsApp.attachment.id, await signIn(colleague))).toBe(200);

    // A founder of another application reaches none of them.
    expect(await download(mineApp.attachment.id, await signIn(theirsApp.founder))).toBe(404);

    // Once the assignment is released by a conflict declaration, the file is out of reach too.
    await callRoute(reviewAction, {
      path: `/reviewer/assignments/${mine.id}`,
      cookie,
      params: { id: mine.id },
      form: { intent: "conflict", reason: "Je siège à leur conseil." },
    });
    expect(await download(mineApp.attachment.id)).toBe(404);
  });

  it("never shows another reviewer's draft, even after submitting their own", async () => {
    const { criteria, colleague, mineApp, mine, cookie } = await setup();
    const colleagueOnMine = await assignReviewer(mineApp.application.id, colleague.id);
    await submitReview(colleagueOnMine, criteria, [2, 2, 2], { submit: false, privateComment: "Brouillon confidentiel" });
    await submitReview(mine, criteria, [4, 4, 4, 4, 4]);
    const response = await callRoute(reviewLoader, { path: `/reviewer/assignments/${mine.id}`, cookie, params: { id: mine.id } });
    const body = await response.text();
    expect(JSON.parse(body).otherReviews).toEqual([]);
    expect(body).not.toContain("Brouillon confidentiel");
  });
});
