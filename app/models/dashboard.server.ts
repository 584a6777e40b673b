import { db } from "~/db/client.server.ts";
import { APPLICATION_STATUSES, SECTORS } from "~/domain/constants.ts";
import { listCallsForAdmin } from "./admin-application.server.ts";
import { listSites } from "./reference-data.server.ts";
import { callText } from "~/domain/call-texts.ts";

const OFFERED = ["ACCEPTED", "ENROLLED", "DECLINED"];
const DECIDED = [...OFFERED, "WAITLISTED", "REJECTED"];

/** A call's numbers for the dashboard, each computed by one grouped query. */
export async function callDashboard(callId: string) {
  const [byStatus, bySectorSite, assignments, cohorts, sites] = await Promise.all([
    db.application.groupBy({ by: ["status"], where: { callId }, _count: { _all: true } }),
    db.application.groupBy({
      by: ["sector", "preferredSiteId", "status"],
      where: { callId, status: { not: "DRAFT" } },
      _count: { _all: true },
    }),
    db.reviewAssignment.groupBy({ by: ["status"], where: { application: { callId } }, _count: { _all: true } }),
    db.cohort.findMany({
      where: { callId },
      select: {
        id: true,
        name: true,
        capacity: true,
        site: { select: { name: true } },
        _count: { select: { enrolled: true, offers: { where: { status: "PENDING" } } } },
      },
    }),
    listSites(),
  ]);
  const count = (rows: Array<{ _count: { _all: number } }>) => rows.reduce((sum, r) => sum + r._count._all, 0);
  const rate = (rows: typeof bySectorSite) => {
    const decided = count(rows.filter((r) => DECIDED.includes(r.status)));
    return { decided, accepted: count(rows.filter((r) => OFFERED.includes(r.status))) };
  };
  const usedSites = sites.filter((site) => bySectorSite.some((r) => r.preferredSiteId === site.id));
  return {
    funnel: APPLICATION_STATUSES.map((status) => ({ status, count: byStatus.find((r) => r.status === status)?._count._all ?? 0 })),
    sectorSite: {
      sites: usedSites.map((s) => ({ id: s.id, name: s.name })),
      rows: SECTORS.map((sector) => ({
        sector,
        bySite: usedSites.map((site) => count(bySectorSite.filter((r) => r.sector === sector && r.preferredSiteId === site.id))),
      })),
    },
    reviews: {
      submitted: assignments.find((a) => a.status === "SUBMITTED")?._count._all ?? 0,
      total: count(assignments.filter((a) => a.status !== "CONFLICT")),
    },
    acceptanceBySector: SECTORS.map((sector) => ({ key: sector, ...rate(bySectorSite.filter((r) => r.sector === sector)) })),
    acceptanceBySite: usedSites.map((site) => ({ key: site.name, ...rate(bySectorSite.filter((r) => r.preferredSiteId === site.id)) })),
    seats: cohorts.map((c) => ({
      name: `${c.name} (${c.site.name})`,
      capacity: c.capacity,
      enrolled: c._count.enrolled,
      offered: c._count.offers,
    })),
  };
}

/** The admin home: calls, and counts of what waits for an admin. */
export async function adminOverview() {
  const [calls, toScreen, deadEmails, conflicts] = await Promise.all([
    listCallsForAdmin(),
    db.application.count({ where: { status: { in: ["SUBMITTED", "SCREENING"] } } }),
    db.outboxEmail.count({ where: { status: "DEAD" } }),
    db.conflictDeclaration.count(),
  ]);
  return {
    calls: calls.map((call) => ({ id: call.id, title: callText(call, "title"), status: call.status })),
    toScreen,
    deadEmails,
    conflicts,
  };
}
