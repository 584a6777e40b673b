import { db } from "~/db/client.server.ts";
import { cachedUntilChange } from "~/db/read-cache.server.ts";
import { likeIgnoringCase, nullsAfterDescending } from "~/db/sql-dialect.server.ts";
import { listSites } from "./reference-data.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { DISAGREEMENT_THRESHOLD } from "~/domain/scoring.ts";
import { localizeCriterion } from "./review.server.ts";
import type { Locale } from "~/domain/constants.ts";
import { UserError } from "~/domain/errors.ts";
import type { TranslationKey } from "~/i18n/keys.ts";
import type { Actor, TransitionName } from "~/domain/lifecycle.ts";
import { applyTransition } from "./lifecycle.server.ts";
import { isSeatingTransition, seatByHand } from "./allocation.server.ts";
import { APPLICATION_RANKED_ROW_SELECT, APPLICATION_ROW_SELECT, type ApplicationRankedRow } from "./application-select.server.ts";

export const ADMIN_PAGE_SIZE = 50;

/** Calls an admin works on, newest first; the first open one is the default. */
export function listCallsForAdmin() {
  return cachedUntilChange("calls:admin", () =>
    db.call.findMany({
      where: { status: { not: "ARCHIVED" } },
      orderBy: [{ opensAt: "desc" }],
      select: { id: true, slug: true, title: true, status: true, hasInterview: true, reviewersPerApplication: true },
    }),
  );
}

/** The call with exactly this slug, for actions: an action on an unknown call must not fall back to another. */
export async function findAdminCall(slug: string) {
  return (await listCallsForAdmin()).find((c) => c.slug === slug) ?? null;
}

/** The call a page shows: the one asked for, else the first open one, else the newest. */
export async function resolveAdminCall(slug: string | null) {
  const calls = await listCallsForAdmin();
  const call = calls.find((c) => c.slug === slug) ?? calls.find((c) => c.status === "OPEN") ?? calls[0] ?? null;
  return { calls, call };
}

export type ApplicationFilter = {
  status?: string;
  sector?: string;
  siteId?: string;
  flagged?: boolean;
  q?: string;
  sort: "normalized" | "raw" | "submitted";
  page: number;
};

// Each order is the column order of an Application_list_by_* index, so a page is read off the index, never sorted.
// Unscored applications come last (nullsAfterDescending: a CASE for it would defeat every index).
const ORDER: Record<ApplicationFilter["sort"], Array<[column: string, direction: "ASC" | "DESC"]>> = {
  normalized: [
    ["normalizedScore", "DESC"],
    ["rawScore", "DESC"],
    ["submittedAt", "ASC"],
    ["id", "ASC"],
  ],
  raw: [
    ["rawScore", "DESC"],
    ["submittedAt", "ASC"],
    ["id", "ASC"],
  ],
  submitted: [
    ["submittedAt", "ASC"],
    ["id", "ASC"],
  ],
};

/** ORDER BY for a sort, or the same order backwards, column by column (every order ends on the unique id, so it reverses exactly). */
function orderBy(sort: ApplicationFilter["sort"], backwards: boolean): Prisma.Sql {
  return Prisma.raw(
    ORDER[sort]
      .map(([column, direction]) => {
        const descending = backwards === (direction === "ASC");
        // Only the DESC columns (the scores) hold NULLs in listed rows.
        const nulls = direction === "DESC" ? nullsAfterDescending(descending) : "";
        return `"${column}" ${descending ? "DESC" : "ASC"}${nulls}`;
      })
      .join(", "),
  );
}

// The list's columns are the ranked row's select (read here as SQL), and the site it names.
const LIST_COLUMNS = [...Object.keys(APPLICATION_RANKED_ROW_SELECT), "preferredSiteId"];

type ListRow = ApplicationRankedRow & { preferredSiteId: string | null };

/** The LIKE escape character, declared with ESCAPE wherever a pattern is built by likeContains. */
const LIKE_ESCAPE = "\\";

/** A LIKE pattern matching `text` anywhere, its own `%`, `_` and escape characters taken literally. */
function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `${LIKE_ESCAPE}${c}`)}%`;
}

/**
 * The list's WHERE clause. Written as SQL rather than a Prisma filter: Prisma's `contains` sends the search
 * text as a LIKE pattern with no ESCAPE clause, so `%` and `_` typed in the search box were wildcards.
 * The search ignores case.
 */
function listWhere(callId: string, filter: ApplicationFilter): Prisma.Sql {
  const like = likeIgnoringCase();
  const conditions: Prisma.Sql[] = [Prisma.sql`"callId" = ${callId}`];
  conditions.push(filter.status ? Prisma.sql`"status" = ${filter.status}` : Prisma.sql`"status" <> 'DRAFT'`);
  if (filter.sector) conditions.push(Prisma.sql`"sector" = ${filter.sector}`);
  if (filter.siteId) conditions.push(Prisma.sql`"preferredSiteId" = ${filter.siteId}`);
  if (filter.flagged) conditions.push(Prisma.sql`"disagreement" > ${DISAGREEMENT_THRESHOLD}`);
  if (filter.q) {
    const pattern = likeContains(filter.q);
    conditions.push(
      Prisma.sql`("projectName" ${like} ${pattern} ESCAPE ${LIKE_ESCAPE} OR "tagline" ${like} ${pattern} ESCAPE ${LIKE_ESCAPE})`,
    );
  }
  return Prisma.join(conditions, " AND ");
}

/** One page of a call's applications with the total, filtered and sorted in the database. */
export async function listCallApplications(callId: string, filter: ApplicationFilter) {
  const where = listWhere(callId, filter);
  const columns = Prisma.raw(LIST_COLUMNS.map((c) => `"${c}"`).join(", "));
  const cacheKey = JSON.stringify({
    callId,
    status: filter.status,
    sector: filter.sector,
    siteId: filter.siteId,
    flagged: filter.flagged,
    q: filter.q,
  });
  const [total, sites] = await Promise.all([
    // The total scans every matching row of the call: kept until the next write, like an aggregate on a row.
    cachedUntilChange(`applications:count:${cacheKey}`, async () => {
      const [{ count }] = await db.$queryRaw<
        Array<{ count: number | bigint }>
      >`SELECT COUNT(*) AS "count" FROM "Application" WHERE ${where}`;
      return Number(count);
    }),
    // Site names from the cached list rather than one more query per page.
    listSites(),
  ]);
  const start = (filter.page - 1) * ADMIN_PAGE_SIZE;
  const end = Math.min(start + ADMIN_PAGE_SIZE, total);
  let rows: ListRow[] = [];
  if (start < end && start <= total - end) {
    rows = await db.$queryRaw<
      ListRow[]
    >`SELECT ${columns} FROM "Application" WHERE ${where} ORDER BY ${orderBy(filter.sort, false)} LIMIT ${end - start} OFFSET ${start}`;
  } else if (start < end) {
    // A page in the second half is read from the far end of the index: an offset walks every row it skips.
    const fromEnd = await db.$queryRaw<
      ListRow[]
    >`SELECT ${columns} FROM "Application" WHERE ${where} ORDER BY ${orderBy(filter.sort, true)} LIMIT ${end - start} OFFSET ${total - end}`;
    rows = fromEnd.reverse();
  }
  const siteNames = new Map(sites.map((site) => [site.id, site.name]));
  return {
    total,
    rows: rows.map(({ preferredSiteId, ...row }) => ({
      ...row,
      // Integers as numbers whatever the driver returns for them.
      version: Number(row.version),
      reviewCount: Number(row.reviewCount),
      rank: row.rank === null ? null : Number(row.rank),
      preferredSite: preferredSiteId ? { name: siteNames.get(preferredSiteId) ?? "" } : null,
    })),
    pageCount: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)),
  };
}

/** An application's id if it exists: what an action needs before acting on it (not the whole page). */
export async function findApplicationId(id: string): Promise<string | null> {
  return (await db.application.findUnique({ where: { id }, select: { id: true } }))?.id ?? null;
}

/** Everything an admin sees of one application: reviews per criterion, scores, assignments, audit trail. */
export async function getAdminApplication(id: string, locale: Locale) {
  const application = await db.application.findUnique({
    where: { id },
    select: {
      id: true,
      version: true,
      status: true,
      projectName: true,
      tagline: true,
      problem: true,
      solution: true,
      market: true,
      traction: true,
      stage: true,
      sector: true,
      submittedAt: true,
      rawScore: true,
      normalizedScore: true,
      disagreement: true,
      reviewCount: true,
      rank: true,
      decisionReleasedAt: true,
      founder: { select: { name: true, email: true } },
      preferredSite: { select: { name: true } },
      alternateSite: { select: { name: true } },
      teamMembers: { orderBy: { position: "asc" }, select: { name: true, email: true, role: true } },
      attachments: { select: { id: true, kind: true, fileName: true, size: true } },
      call: {
        select: {
          id: true,
          slug: true,
          title: true,
          status: true,
          opensAt: true,
          closesAt: true,
          hasInterview: true,
          criteria: { orderBy: { position: "asc" }, select: { id: true, key: true, label: true, anchors: true, weight: true } },
        },
      },
      assignments: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          stage: true,
          status: true,
          dueAt: true,
          reviewer: { select: { id: true, name: true } },
          review: {
            select: {
              score: true,
              recommendation: true,
              privateComment: true,
              founderFeedback: true,
              submittedAt: true,
              scores: { select: { criterionId: true, value: true } },
            },
          },
        },
      },
      conflicts: { select: { reviewerId: true, reason: true, createdAt: true } },
    },
  });
  if (!application) return null;
  const audit = await db.auditEvent.findMany({
    where: { subjectType: "Application", subjectId: id },
    orderBy: { createdAt: "asc" },
    select: { id: true, type: true, fromState: true, toState: true, details: true, createdAt: true, actor: { select: { name: true } } },
  });
  return { ...application, criteria: application.call.criteria.map((c) => localizeCriterion(c, locale)), audit };
}

/** Applications waiting for (or in) screening, oldest submission first. */
export function listScreeningQueue(callId: string) {
  return db.application.findMany({
    where: { callId, status: { in: ["SUBMITTED", "SCREENING"] } },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    select: {
      ...APPLICATION_ROW_SELECT,
      version: true,
      submittedAt: true,
      preferredSite: { select: { name: true, status: true } },
      attachments: { where: { kind: "PITCH_DECK" }, select: { id: true } },
    },
  });
}

/**
 * Records a screening decision. An application still SUBMITTED is first taken
 * up for screening (the founder can no longer edit it), then judged — both
 * transitions in one transaction, each with its audit event.
 */
export async function screenApplication(input: {
  applicationId: string;
  actor: Actor;
  expectedVersion: number;
  eligible: boolean;
  reason?: string;
}) {
  return db.$transaction(async (tx) => {
    let version = input.expectedVersion;
    const current = await tx.application.findUnique({ where: { id: input.applicationId }, select: { status: true } });
    if (current?.status === "SUBMITTED") {
      ({ version } = await applyTransition(
        { applicationId: input.applicationId, name: "startScreening", actor: input.actor, expectedVersion: version },
        tx,
      ));
    }
    return applyTransition(
      {
        applicationId: input.applicationId,
        name: input.eligible ? "markEligible" : "markIneligible",
        actor: input.actor,
        expectedVersion: version,
        reason: input.reason,
      },
      tx,
    );
  });
}

/** One application's outcome, named by its project (never shown by id): a refusal's message key, and the form field it concerns (e.g. the cohort). */
export type MoveResult = { applicationId: string; projectName: string; ok: boolean; messageKey: TranslationKey | null; field?: string };

/**
 * Moves each selected application through the same transition, each in its own
 * transaction: one refused application (stale, wrong stage, no seat left) never
 * blocks the rest. An acceptance or a promotion takes a seat in `cohortId`.
 */
export async function moveApplications(input: {
  selections: Array<{ applicationId: string; version: number }>;
  transition: TransitionName;
  actor: Actor;
  reason?: string;
  override?: boolean;
  emailData?: Record<string, string>;
  cohortId?: string;
}): Promise<MoveResult[]> {
  const results: MoveResult[] = [];
  const named = await db.application.findMany({
    where: { id: { in: input.selections.map((s) => s.applicationId) } },
    select: { id: true, projectName: true },
  });
  const nameOf = new Map(named.map((a) => [a.id, a.projectName]));
  for (const { applicationId, version } of input.selections) {
    const projectName = nameOf.get(applicationId) ?? "";
    try {
      if (isSeatingTransition(input.transition)) {
        await seatByHand({
          applicationId,
          transition: input.transition,
          cohortId: input.cohortId,
          actor: input.actor,
          expectedVersion: version,
          reason: input.reason,
        });
      } else {
        await applyTransition({
          applicationId,
          name: input.transition,
          actor: input.actor,
          expectedVersion: version,
          reason: input.reason,
          override: input.override,
          emailData: input.emailData,
        });
      }
      results.push({ applicationId, projectName, ok: true, messageKey: null });
    } catch (error) {
      // One refusal is that application's outcome, not the batch's: the others still move.
      if (!(error instanceof UserError)) throw error;
      results.push({ applicationId, projectName, ok: false, messageKey: error.key, field: error.field });
    }
  }
  return results;
}
