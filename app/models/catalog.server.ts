import { db } from "~/db/client.server.ts";

/** Sites in display order, open ones and those opening soon. */
export function listSites() {
  return db.site.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, slug: true, name: true, nameAr: true, status: true } });
}

/** Calls that accept applications now. */
export function listOpenCalls(now = new Date()) {
  return db.call.findMany({
    where: { status: "OPEN", opensAt: { lte: now }, closesAt: { gt: now } },
    orderBy: { closesAt: "asc" },
    select: { slug: true, title: true, description: true, closesAt: true },
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
export async function setSiteStatus(siteId: string, status: "OPEN" | "OPENING_SOON", actorId: string) {
  const site = await db.site.findUnique({ where: { id: siteId }, select: { status: true } });
  if (!site) return false;
  await db.$transaction([
    db.site.update({ where: { id: siteId }, data: { status } }),
    db.auditEvent.create({ data: { actorId, subjectType: "Site", subjectId: siteId, type: "SITE_STATUS_CHANGED", fromState: site.status, toState: status } }),
  ]);
  return true;
}
