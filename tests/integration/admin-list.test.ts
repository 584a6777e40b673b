// The admin applications list: listCallApplications (order, filters, search,
// pagination) and the route loader that parses the query string and exposes it to admins
// only. The query plans that keep it off a sort step: admin-list-plans.test.ts (SQLite) and
// tests/postgres/admin-list-plans.test.ts.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { DISAGREEMENT_THRESHOLD } from "~/domain/scoring.ts";
import { ADMIN_PAGE_SIZE, listCallApplications, type ApplicationFilter } from "~/models/admin-application.server.ts";
import { loader as applicationsLoader } from "~/routes/admin.applications._index.tsx";
import { createTestUser } from "../support/factories.ts";
import {
  at,
  BIG_COUNT,
  BIG_DRAFTS,
  createBigCall,
  createFounders,
  createNamedCall,
  filter,
  NEEDLE,
  SORTS,
} from "../support/admin-list-factories.ts";
import { createOpenCall, createSite } from "../support/intake-factories.ts";
import { signIn } from "../support/review-factories.ts";
import { callRoute } from "../support/remix.ts";

beforeAll(async () => {
  await dbReady;
});

afterEach(() => {
  vi.restoreAllMocks();
});

// ---------------------------------------------------------------------------
// Independent expectations: the orders written out in plain TypeScript.

type Sortable = { id: string; normalizedScore: number | null; rawScore: number | null; submittedAt: Date | null };

/** DESC with NULL after every number. */
const descNullsLast = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a);
const ascTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? -Infinity) - (b?.getTime() ?? -Infinity);
/** SQLite's BINARY collation: code unit order (cuids are lower-case ASCII). */
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const COMPARATORS: Record<ApplicationFilter["sort"], (a: Sortable, b: Sortable) => number> = {
  normalized: (a, b) =>
    descNullsLast(a.normalizedScore, b.normalizedScore) ||
    descNullsLast(a.rawScore, b.rawScore) ||
    ascTime(a.submittedAt, b.submittedAt) ||
    byId(a, b),
  raw: (a, b) => descNullsLast(a.rawScore, b.rawScore) || ascTime(a.submittedAt, b.submittedAt) || byId(a, b),
  submitted: (a, b) => ascTime(a.submittedAt, b.submittedAt) || byId(a, b),
};

describe("listCallApplications on a small call", () => {
  let named: Awaited<ReturnType<typeof createNamedCall>>;
  beforeAll(async () => {
    named = await createNamedCall();
  });

  it("orders by normalized score, then raw score, submission and id, unscored last, without drafts or other calls", async () => {
    const { call, keys, tied } = named;
    const list = await listCallApplications(call.id, filter());
    expect(keys(list)).toEqual(["Bravo", "Alpha", "Charlie", ...tied("Delta", "Juliet"), "Echo", "Foxtrot", "Golf", "India", "Hotel"]);
    expect(list.total).toBe(10);
    expect(list.pageCount).toBe(1);
    expect(list.rows.some((r) => r.status === "DRAFT")).toBe(false);
    expect(list.rows.map((r) => r.id)).not.toContain(named.otherId);
    // Every scored row precedes every row without a normalized score.
    const firstUnscored = list.rows.findIndex((r) => r.normalizedScore === null);
    expect(firstUnscored).toBe(6);
    expect(list.rows.slice(firstUnscored).every((r) => r.normalizedScore === null)).toBe(true);
    expect(list.rows.slice(0, firstUnscored).every((r) => r.normalizedScore !== null)).toBe(true);
  });

  it("returns the columns the page shows, with the preferred site's name", async () => {
    const { call, ids, siteOne } = named;
    const list = await listCallApplications(call.id, filter());
    const alpha = list.rows.find((r) => r.id === ids.Alpha);
    expect(alpha).toMatchObject({
      projectName: "SolarGrid Alpha",
      status: "REVIEW",
      sector: "GREEN_TECH",
      normalizedScore: 1.5,
      rawScore: 4.0,
      disagreement: DISAGREEMENT_THRESHOLD,
      submittedAt: at(3),
      preferredSite: { name: siteOne.name },
    });
    expect(list.rows.find((r) => r.id === ids.Hotel)?.preferredSite).toBeNull();
  });

  it("sorts by raw score (unscored last, then submission and id)", async () => {
    const { call, keys, tied } = named;
    const list = await listCallApplications(call.id, filter({ sort: "raw" }));
    expect(keys(list)).toEqual([...tied("Delta", "Juliet"), "Foxtrot", "Bravo", "Alpha", "Charlie", "Golf", "Echo", "India", "Hotel"]);
    expect(list.total).toBe(10);
  });

  it("sorts by submission time, then id", async () => {
    const { call, keys, tied } = named;
    const list = await listCallApplications(call.id, filter({ sort: "submitted" }));
    expect(keys(list)).toEqual(["Charlie", "Bravo", "Golf", "Alpha", ...tied("Delta", "Juliet"), "India", "Echo", "Foxtrot", "Hotel"]);
    expect(list.total).toBe(10);
  });

  it("lists drafts only when the DRAFT status is asked for", async () => {
    const { call, keys } = named;
    const list = await listCallApplications(call.id, filter({ status: "DRAFT" }));
    expect(keys(list)).toEqual(["Kilo"]);
    expect(list).toMatchObject({ total: 1, pageCount: 1 });
  });

  it("filters by status, keeping the order", async () => {
    const { call, keys } = named;
    const review = await listCallApplications(call.id, filter({ status: "REVIEW" }));
    expect(keys(review)).toEqual(["Alpha", "Charlie", "Delta", "Foxtrot"]);
    expect(review).toMatchObject({ total: 4, pageCount: 1 });
    const committee = await listCallApplications(call.id, filter({ status: "COMMITTEE", sort: "submitted" }));
    expect(keys(committee)).toEqual(["Bravo", "Juliet"]);
    expect(committee.total).toBe(2);
    const none = await listCallApplications(call.id, filter({ status: "ENROLLED" }));
    expect(none).toEqual({ total: 0, rows: [], pageCount: 1 });
  });

  it("filters by sector", async () => {
    const { call, keys, tied } = named;
    const green = await listCallApplications(call.id, filter({ sector: "GREEN_TECH" }));
    expect(keys(green)).toEqual(["Alpha", "Charlie", ...tied("Delta", "Juliet"), "Golf"]);
    expect(green.total).toBe(5);
    const cultural = await listCallApplications(call.id, filter({ sector: "CULTURAL_INDUSTRIES" }));
    expect(keys(cultural)).toEqual(["Echo"]);
    expect(cultural.total).toBe(1);
  });

  it("filters by preferred site", async () => {
    const { call, keys, tied, siteOne, siteTwo } = named;
    const one = await listCallApplications(call.id, filter({ siteId: siteOne.id }));
    expect(keys(one)).toEqual(["Alpha", ...tied("Delta", "Juliet"), "Echo", "Golf"]);
    expect(one.total).toBe(5);
    const two = await listCallApplications(call.id, filter({ siteId: siteTwo.id, sort: "submitted" }));
    expect(keys(two)).toEqual(["Charlie", "Bravo", "India"]);
    expect(two.total).toBe(3);
  });

  it("flags only disagreement strictly above the threshold", async () => {
    const { call, keys } = named;
    const flagged = await listCallApplications(call.id, filter({ flagged: true }));
    // Alpha sits exactly on the threshold (not flagged); Kilo is flagged but a draft.
    expect(keys(flagged)).toEqual(["Bravo", "Echo"]);
    expect(flagged).toMatchObject({ total: 2, pageCount: 1 });
    expect(flagged.rows.every((r) => r.disagreement !== null && r.disagreement > DISAGREEMENT_THRESHOLD)).toBe(true);
    const unflagged = await listCallApplications(call.id, filter({ flagged: false }));
    expect(unflagged.total).toBe(10);
  });

  it("searches project names and taglines, ignoring ASCII case", async () => {
    const { call, keys } = named;
    // "SolarGrid Alpha" by its name, "Off-grid solar pumps" by its tagline; "solaires" is not "solar".
    for (const q of ["SOLAR", "solar", "sOlAr"]) {
      const list = await listCallApplications(call.id, filter({ q }));
      expect({ q, keys: keys(list), total: list.total, pageCount: list.pageCount }).toEqual({
        q,
        keys: ["Alpha", "Charlie"],
        total: 2,
        pageCount: 1,
      });
    }
    const taglineOnly = await listCallApplications(call.id, filter({ q: "SOLAR PUMPS" }));
    expect(keys(taglineOnly)).toEqual(["Charlie"]);
    const nameOnly = await listCallApplications(call.id, filter({ q: "atlas" }));
    expect(keys(nameOnly)).toEqual(["Charlie"]);
    const solaires = await listCallApplications(call.id, filter({ q: "Solaires" }));
    expect(keys(solaires)).toEqual(["Golf"]);
    const nothing = await listCallApplications(call.id, filter({ q: "hydrogène" }));
    expect(nothing).toEqual({ total: 0, rows: [], pageCount: 1 });
  });

  it("combines filters, the total agreeing with them", async () => {
    const { call, keys, siteOne } = named;
    const list = await listCallApplications(call.id, filter({ sector: "GREEN_TECH", siteId: siteOne.id, status: "REVIEW" }));
    expect(keys(list)).toEqual(["Alpha", "Delta"]);
    expect(list.total).toBe(2);
    const searched = await listCallApplications(call.id, filter({ q: "solar", sector: "GREEN_TECH", status: "REVIEW", sort: "submitted" }));
    expect(keys(searched)).toEqual(["Charlie", "Alpha"]);
    expect(searched.total).toBe(2);
    const flaggedOnSiteTwo = await listCallApplications(call.id, filter({ flagged: true, siteId: named.siteTwo.id }));
    expect(keys(flaggedOnSiteTwo)).toEqual(["Bravo"]);
  });

  it("never lists another call's applications", async () => {
    const { otherCall, otherId } = named;
    const list = await listCallApplications(otherCall.id, filter({ q: "solar" }));
    expect(list.rows.map((r) => r.id)).toEqual([otherId]);
    expect(list.total).toBe(1);
  });
});

describe("listCallApplications search text", () => {
  it("takes %, _ and \\ literally, not as LIKE wildcards or escapes (still ignoring ASCII case)", async () => {
    const site = await createSite();
    const call = await createOpenCall({ sites: [site] });
    const names = [
      "100% Bio",
      "100 Bio",
      "Agri_Tech",
      "AgriXTech",
      "Agri-Tech",
      "C:\\dossiers",
      "C:dossiers",
      "Remise 50%_off",
      "Remise 50 off",
    ];
    const founders = await createFounders(names.length);
    const ids = new Map<string, string>();
    for (const [i, projectName] of names.entries()) {
      const created = await db.application.create({
        data: { founderId: founders[i], callId: call.id, status: "SUBMITTED", projectName, tagline: `Projet ${i}`, submittedAt: at(i) },
      });
      ids.set(created.id, projectName);
    }
    const found = async (q: string) => {
      const list = await listCallApplications(call.id, filter({ q, sort: "submitted" }));
      return { q, names: list.rows.map((r) => ids.get(r.id)), total: list.total };
    };
    const expected = (q: string, matching: string[]) => ({ q, names: matching, total: matching.length });
    expect(await found("100%")).toEqual(expected("100%", ["100% Bio"]));
    expect(await found("%")).toEqual(expected("%", ["100% Bio", "Remise 50%_off"]));
    expect(await found("_")).toEqual(expected("_", ["Agri_Tech", "Remise 50%_off"]));
    expect(await found("agri_tech")).toEqual(expected("agri_tech", ["Agri_Tech"]));
    expect(await found("%_")).toEqual(expected("%_", ["Remise 50%_off"]));
    expect(await found("\\")).toEqual(expected("\\", ["C:\\dossiers"]));
    expect(await found("c:\\d")).toEqual(expected("c:\\d", ["C:\\dossiers"]));
    expect(await found("\\%")).toEqual(expected("\\%", []));
    expect(await found("50 off")).toEqual(expected("50 off", ["Remise 50 off"]));
  });
});

describe("listCallApplications across pages", () => {
  let big: Awaited<ReturnType<typeof createBigCall>>;
  beforeAll(async () => {
    big = await createBigCall();
  });

  it("has 120 listed applications (the drafts are left out) and pages of 50", async () => {
    expect(ADMIN_PAGE_SIZE).toBe(50);
    expect(big.all).toHaveLength(BIG_COUNT + BIG_DRAFTS);
    // The data really has ties and NULLs to break.
    const listed = big.all.filter((a) => a.status !== "DRAFT");
    expect(listed.filter((a) => a.normalizedScore === null).length).toBeGreaterThan(10);
    expect(listed.filter((a) => a.rawScore === null).length).toBeGreaterThan(5);
    expect(listed.filter((a) => a.normalizedScore === null && a.rawScore === null).length).toBeGreaterThan(0);
  });

  for (const sort of SORTS) {
    it(`splits the ${sort} order into disjoint pages that add up to the whole`, async () => {
      const expected = big.all
        .filter((a) => a.status !== "DRAFT")
        .sort(COMPARATORS[sort])
        .map((a) => a.id);
      const pages = [];
      for (const page of [1, 2, 3, 4, 10]) pages.push(await listCallApplications(big.call.id, filter({ sort, page })));
      const [p1, p2, p3, p4, p10] = pages.map((p) => p.rows.map((r) => r.id));
      expect([p1.length, p2.length, p3.length]).toEqual([50, 50, 20]);
      expect(new Set([...p1, ...p2, ...p3]).size).toBe(BIG_COUNT);
      expect([...p1, ...p2, ...p3]).toEqual(expected);
      expect(p4).toEqual([]);
      expect(p10).toEqual([]);
      for (const p of pages) expect({ total: p.total, pageCount: p.pageCount }).toEqual({ total: BIG_COUNT, pageCount: 3 });
    });
  }

  it("pages a filtered list by its own total", async () => {
    const matching = big.all.filter((a) => a.status !== "DRAFT" && a.tagline.toLowerCase().includes(NEEDLE.toLowerCase()));
    expect(matching).toHaveLength(60);
    const expected = matching.sort(COMPARATORS.raw).map((a) => a.id);
    const p1 = await listCallApplications(big.call.id, filter({ q: NEEDLE.toUpperCase(), sort: "raw", page: 1 }));
    const p2 = await listCallApplications(big.call.id, filter({ q: NEEDLE.toUpperCase(), sort: "raw", page: 2 }));
    const p3 = await listCallApplications(big.call.id, filter({ q: NEEDLE.toUpperCase(), sort: "raw", page: 3 }));
    expect([...p1.rows, ...p2.rows].map((r) => r.id)).toEqual(expected);
    expect(p2.rows).toHaveLength(10);
    expect(p3.rows).toEqual([]);
    for (const p of [p1, p2, p3]) expect({ total: p.total, pageCount: p.pageCount }).toEqual({ total: 60, pageCount: 2 });
    const review = await listCallApplications(big.call.id, filter({ status: "REVIEW" }));
    expect({ total: review.total, pageCount: review.pageCount, rows: review.rows.length }).toEqual({ total: 40, pageCount: 1, rows: 40 });
  });
});

// ---------------------------------------------------------------------------
// The route loader.

type LoaderData = {
  call: { id: string; slug: string } | null;
  calls: Array<{ slug: string }>;
  filter: Record<string, unknown>;
  rows: Array<{ id: string; projectName: string; submittedAt: string | null; preferredSite: { name: string } | null }>;
  total: number;
  pageCount: number;
};

describe("the admin applications loader", () => {
  let big: Awaited<ReturnType<typeof createBigCall>>;
  let named: Awaited<ReturnType<typeof createNamedCall>>;
  let adminCookie: string;
  beforeAll(async () => {
    big = await createBigCall();
    named = await createNamedCall();
    adminCookie = await signIn(await createTestUser({ roles: ["ADMIN"] }));
  });

  const load = (query: string, cookie: string | null = adminCookie) =>
    callRoute(applicationsLoader, { path: `/admin/applications?${query}`, cookie });
  const data = async (query: string) => {
    const response = await load(query);
    expect(response.status).toBe(200);
    return (await response.json()) as LoaderData;
  };

  it("lists a call's page by raw score with a search, as parsed from the query string", async () => {
    const body = await data(`call=${big.call.slug}&sort=raw&page=2&q=${encodeURIComponent(`  ${NEEDLE.toUpperCase()}  `)}`);
    const expected = big.all
      .filter((a) => a.status !== "DRAFT" && a.tagline.includes(NEEDLE.toLowerCase()))
      .sort(COMPARATORS.raw)
      .map((a) => a.id);
    expect(body.call?.slug).toBe(big.call.slug);
    expect(body.filter).toEqual({ call: big.call.slug, sort: "raw", page: 2, q: NEEDLE.toUpperCase(), flagged: false });
    expect(body.rows.map((r) => r.id)).toEqual(expected.slice(50));
    expect({ total: body.total, pageCount: body.pageCount }).toEqual({ total: 60, pageCount: 2 });
    expect(body.rows[0].preferredSite).toEqual({ name: big.site.name });
  });

  it("applies every filter of the query string", async () => {
    const body = await data(`call=${named.call.slug}&status=REVIEW&sector=GREEN_TECH&siteId=${named.siteOne.id}`);
    expect(body.rows.map((r) => r.id)).toEqual([named.ids.Alpha, named.ids.Delta]);
    expect(body.total).toBe(2);
    const flagged = await data(`call=${named.call.slug}&flagged=1`);
    expect(flagged.filter.flagged).toBe(true);
    expect(flagged.rows.map((r) => r.id)).toEqual([named.ids.Bravo, named.ids.Echo]);
    const submitted = await data(`call=${named.call.slug}&sort=submitted&q=solar`);
    expect(submitted.rows.map((r) => r.id)).toEqual([named.ids.Charlie, named.ids.Alpha]);
  });

  it("falls back to defaults on invalid values instead of failing", async () => {
    const body = await data(`call=${big.call.slug}&page=-3&sort=nonsense&status=BOGUS&sector=SPACE&flagged=yes`);
    expect(body.filter).toEqual({ call: big.call.slug, sort: "normalized", page: 1, flagged: false });
    const expected = big.all
      .filter((a) => a.status !== "DRAFT")
      .sort(COMPARATORS.normalized)
      .map((a) => a.id);
    expect(body.rows.map((r) => r.id)).toEqual(expected.slice(0, 50));
    expect({ total: body.total, pageCount: body.pageCount }).toEqual({ total: BIG_COUNT, pageCount: 3 });
    for (const page of ["0", "abc", "2.5", ""]) {
      const parsed = await data(`call=${big.call.slug}&page=${page}`);
      expect({ page, parsedPage: parsed.filter.page }).toEqual({ page, parsedPage: 1 });
    }
    const longSearch = await data(`call=${big.call.slug}&q=${"x".repeat(150)}`);
    expect({ q: longSearch.filter.q, total: longSearch.total }).toEqual({ q: "x".repeat(100), total: 0 });
    const beyond = await data(`call=${big.call.slug}&page=9`);
    expect({ page: beyond.filter.page, rows: beyond.rows, total: beyond.total, pageCount: beyond.pageCount }).toEqual({
      page: 9,
      rows: [],
      total: BIG_COUNT,
      pageCount: 3,
    });
  });

  it("refuses founders and reviewers (403) and sends anonymous visitors to the login page", async () => {
    const query = `call=${big.call.slug}&sort=raw&page=2`;
    for (const role of ["FOUNDER", "REVIEWER"] as const) {
      const cookie = await signIn(await createTestUser({ roles: [role] }));
      const response = await load(query, cookie);
      expect({ role, status: response.status }).toEqual({ role, status: 403 });
      expect(await response.text()).not.toContain(big.all[0].id);
    }
    const anonymous = await load(query, null);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(`/login?${new URLSearchParams({ redirectTo: `/admin/applications?${query}` })}`);
  });
});
