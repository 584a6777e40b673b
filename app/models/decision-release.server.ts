// The staged-decision rule of app/domain/decision.ts as Prisma filters, for the
// queries that must select what isDecisionHidden would (tests/integration/decision-release.test.ts
// checks they agree, status by status).
import { COMMITTEE_DECISIONS, type CommitteeDecision } from "~/domain/decision.ts";
import { Prisma } from "~/generated/prisma/client.ts";

/** Applications whose committee decision (one of `statuses`) the founder has not been told yet. */
export function decisionHiddenWhere(statuses: readonly CommitteeDecision[] = COMMITTEE_DECISIONS) {
  return { status: { in: [...statuses] }, decisionReleasedAt: null } satisfies Prisma.ApplicationWhereInput;
}

/** Applications whose decision (one of `statuses`) the founder has been told. */
export function decisionReleasedWhere(statuses: readonly CommitteeDecision[] = COMMITTEE_DECISIONS) {
  return { status: { in: [...statuses] }, decisionReleasedAt: { not: null } } satisfies Prisma.ApplicationWhereInput;
}

/** Applications whose status the founder may see as it is: everything but a hidden decision. */
export function founderVisibleWhere() {
  return { NOT: decisionHiddenWhere() } satisfies Prisma.ApplicationWhereInput;
}

/**
 * decisionHiddenWhere as a condition on the columns of "Application", for the raw queries that
 * count instead of reading rows (tests/integration/decision-release.test.ts checks they agree).
 */
export function decisionHiddenSql(statuses: readonly CommitteeDecision[] = COMMITTEE_DECISIONS): Prisma.Sql {
  return Prisma.sql`"Application"."status" IN (${Prisma.join(statuses)}) AND "Application"."decisionReleasedAt" IS NULL`;
}
