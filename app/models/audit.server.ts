import { db } from "~/db/client.server.ts";

export const AUDIT_PAGE_SIZE = 100;

/** The newest audit events first, optionally of one subject. */
export async function listAuditEvents(options: { subjectId?: string; page: number }) {
  const where = options.subjectId ? { subjectId: options.subjectId } : {};
  const rows = await db.auditEvent.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (options.page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE + 1,
    select: {
      id: true,
      type: true,
      subjectType: true,
      subjectId: true,
      fromState: true,
      toState: true,
      details: true,
      createdAt: true,
      actor: { select: { name: true } },
    },
  });
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}
