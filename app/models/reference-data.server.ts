// Reference data nearly every page reads — the sites, the open calls, call titles —
// cached until the database changes. (Translation catalogs are app/i18n/catalogs.ts.)
import { db } from "~/db/client.server.ts";
import { cachedUntilChange } from "~/db/read-cache.server.ts";
import type { CallStatus, SiteStatus } from "~/domain/constants.ts";
import { isCallOpen } from "~/domain/lifecycle.ts";

/** Sites in display order, open ones and those opening soon. */
export function listSites() {
  return cachedUntilChange("sites", () =>
    db.site.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, slug: true, name: true, nameAr: true, status: true } }),
  );
}

/** Calls that accept applications now. */
export async function listOpenCalls(now = new Date()) {
  // Cached by status only: a call opens and closes with the clock, not with a commit.
  const calls = await cachedUntilChange("calls:open", () =>
    db.call.findMany({
      where: { status: "OPEN" },
      orderBy: { closesAt: "asc" },
      select: { slug: true, title: true, description: true, status: true, opensAt: true, closesAt: true },
    }),
  );
  return calls
    .filter((call) => isCallOpen(call, now))
    .map(({ slug, title, description, closesAt }) => ({ slug, title, description, closesAt }));
}

/** Every call's title by id (archived ones too), for lists that name the call of each row. */
export function listCallTitles(): Promise<Map<string, string>> {
  return cachedUntilChange("calls:titles", async () => {
    const calls = await db.call.findMany({ select: { id: true, title: true } });
    return new Map(calls.map((call) => [call.id, call.title]));
  });
}

/** A call's public page: its sites (through cohorts), open or opening soon. */
export async function getPublicCall(slug: string) {
  const call = await db.call.findFirst({
    where: { slug, status: { in: ["OPEN", "CLOSED"] } },
    select: {
      slug: true,
      title: true,
      description: true,
      opensAt: true,
      closesAt: true,
      status: true,
      hasInterview: true,
      cohorts: {
        orderBy: { site: { sortOrder: "asc" } },
        select: { name: true, startsAt: true, capacity: true, site: { select: { slug: true, name: true, nameAr: true, status: true } } },
      },
    },
  });
  return call;
}

/** An admin opens a site (applicants may choose it) or marks it as opening soon. */
export async function setSiteStatus(siteId: string, status: SiteStatus, actorId: string) {
  const site = await db.site.findUnique({ where: { id: siteId }, select: { status: true } });
  if (!site) return false;
  await db.$transaction([
    db.site.update({ where: { id: siteId }, data: { status } }),
    db.auditEvent.create({
      data: { actorId, subjectType: "Site", subjectId: siteId, type: "SITE_STATUS_CHANGED", fromState: site.status, toState: status },
    }),
  ]);
  return true;
}

/**
 * A call as its applicants' pages show it, with the sites of its cohorts in display order (every site
 * a founder may choose): read on every wizard step and autosave, the same for all of the call's founders.
 */
export function getCallForApplicants(callId: string) {
  return cachedUntilChange(`call:applicants:${callId}`, async () => {
    const [[call], sites] = await Promise.all([
      db.$queryRaw<
        Array<{ id: string; slug: string; title: string; status: CallStatus; opensAt: Date; closesAt: Date; hasInterview: boolean }>
      >`SELECT "id", "slug", "title", "status", "opensAt", "closesAt", "hasInterview" FROM "Call" WHERE "id" = ${callId}`,
      db.$queryRaw<Array<{ id: string; name: string; nameAr: string; status: SiteStatus; sortOrder: number }>>`
        SELECT DISTINCT s."id", s."name", s."nameAr", s."status", s."sortOrder"
        FROM "Cohort" co JOIN "Site" s ON s."id" = co."siteId"
        WHERE co."callId" = ${callId}
        ORDER BY s."sortOrder" ASC, s."id" ASC`,
    ]);
    if (!call) return null;
    return {
      call: { ...call, hasInterview: Boolean(call.hasInterview) },
      sites: sites.map((site) => ({ ...site, sortOrder: Number(site.sortOrder) })),
    };
  });
}
