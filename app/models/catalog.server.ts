import { db } from "~/db/client.server.ts";

/** Sites in display order, open ones and those opening soon. */
export function listSites() {
  return db.site.findMany({ orderBy: { sortOrder: "asc" }, select: { slug: true, name: true, nameAr: true, status: true } });
}

/** Calls that accept applications now. */
export function listOpenCalls(now = new Date()) {
  return db.call.findMany({
    where: { status: "OPEN", opensAt: { lte: now }, closesAt: { gt: now } },
    orderBy: { closesAt: "asc" },
    select: { slug: true, title: true, description: true, closesAt: true },
  });
}
