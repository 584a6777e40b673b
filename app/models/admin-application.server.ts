import { adjustScore } from "~/domain/joint-ranking.ts";
import type { DuplicateLink } from "~/domain/duplicates.ts";
import { db, type Tx } from "~/db/client.server.ts";
import { emailsWithoutSending, type OutboxMessage } from "~/email/outbox.server.ts";
import { previewOfEmails, type EmailsPreview } from "./email-preview.server.ts";
import { cachedUntilChange } from "~/db/read-cache.server.ts";
import { likeIgnoringCase, nullsAfterDescending } from "~/db/sql-dialect.server.ts";
import { listSites, CALL_TITLE_SELECT } from "./reference-data.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { DISAGREEMENT_THRESHOLD } from "~/domain/scoring.ts";
import { localizeCriterion } from "./review.server.ts";
import { showText } from "~/domain/call-texts.ts";
import {
  projectColumns,
  projectOf,
  readAttachments,
  readCriteria,
  readTeamMembers,
  type ProjectColumns,
} from "./application-parts.server.ts";
import type { ApplicationStatus, AssignmentStatus, CallStatus, Locale, Recommendation, ReviewStage } from "~/domain/constants.ts";
import { UserError } from "~/domain/errors.ts";
import type { TranslationKey } from "~/i18n/keys.ts";
import type { Actor, TransitionName } from "~/domain/lifecycle.ts";
import { applyTransition } from "./lifecycle.server.ts";
import { isSeatingTransition, seatByHand } from "./allocation.server.ts";
import { answerWriting, getQuestionnaire, readAnswersOfApplications, rulesInWords } from "./call-questions.server.ts";
import { answerFilterOptions, answerFilterParam, parseAnswerFilter, ruleOutcomes, showAnswers } from "~/domain/answers-view.ts";
import { ELIGIBILITY_STEP, webAddressOf } from "~/domain/call-questions.ts";
import { invitationState, type InvitationStatus } from "~/domain/team.ts";
import { APPLICATION_RANKED_ROW_SELECT, APPLICATION_ROW_SELECT, type ApplicationRankedRow } from "./application-select.server.ts";

export const ADMIN_PAGE_SIZE = 50;

/** Calls an admin works on, newest first; the first open one is the default. */
export function listCallsForAdmin() {
  return cachedUntilChange("calls:admin", () =>
    db.call.findMany({
      where: { status: { not: "ARCHIVED" } },
      orderBy: [{ opensAt: "desc" }],
      select: {
        id: true,
        slug: true,
        ...CALL_TITLE_SELECT,
        status: true,
        hasInterview: true,
        reviewersPerApplication: true,
      },
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
  /** Only applications whose answer to this choice or yes/no question picked `choice` (see parseAnswerFilter). */
  answer?: { questionId: string; choice: string };
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
  // A picked choice is one row of AnswerChoice, whose primary key (questionId, choice, applicationId) answers
  // this for each listed row with one lookup, in whatever order the list's index gives the rows.
  if (filter.answer) {
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "AnswerChoice" ac WHERE ac."questionId" = ${filter.answer.questionId} AND ac."choice" = ${filter.answer.choice} AND ac."applicationId" = "Application"."id")`,
    );
  }
  return Prisma.join(conditions, " AND ");
}

/** The query of the list's total (exported for the test of its plan). */
export function listCountQuery(callId: string, filter: ApplicationFilter): Prisma.Sql {
  return Prisma.sql`SELECT COUNT(*) AS "count" FROM "Application" WHERE ${listWhere(callId, filter)}`;
}

/**
 * The query of a page of the list (exported for the test of its plan): `limit` rows after `offset`, in
 * the sort's order or, `backwards`, from the far end of it.
 */
export function listPageQuery(
  callId: string,
  filter: ApplicationFilter,
  page: { limit: number; offset: number; backwards: boolean },
): Prisma.Sql {
  const columns = Prisma.raw(LIST_COLUMNS.map((c) => `"${c}"`).join(", "));
  return Prisma.sql`SELECT ${columns} FROM "Application" WHERE ${listWhere(callId, filter)} ORDER BY ${orderBy(filter.sort, page.backwards)} LIMIT ${page.limit} OFFSET ${page.offset}`;
}

/**
 * The list's filter by an answer, from its `answer` URL parameter (`<questionKey>:<value>`), and the
 * select that offers it, in `locale`. A parameter that names no choice (or yes/no) of the call's choice
 * and yes/no questions is ignored, like the list's other bad filters, and returned as `ignored` so the
 * page can say so.
 */
export async function resolveAnswerFilter(callId: string, param: string | undefined, locale: Locale) {
  const { questions } = await getQuestionnaire(callId);
  const filter = param ? parseAnswerFilter(param, questions) : null;
  const { yes, no } = answerWriting(locale);
  return {
    filter,
    options: answerFilterOptions(questions, { locale, yes, no }),
    selected: filter ? answerFilterParam(filter.questionKey, filter.choice) : null,
    ignored: param && !filter ? param : null,
  };
}

/** One page of a call's applications with the total, filtered and sorted in the database. */
export async function listCallApplications(callId: string, filter: ApplicationFilter) {
  const cacheKey = JSON.stringify({
    callId,
    status: filter.status,
    sector: filter.sector,
    siteId: filter.siteId,
    flagged: filter.flagged,
    q: filter.q,
    answer: filter.answer ? [filter.answer.questionId, filter.answer.choice] : undefined,
  });
  const [total, sites] = await Promise.all([
    // The total scans every matching row of the call: kept until the next write, like an aggregate on a row.
    cachedUntilChange(`applications:count:${cacheKey}`, async () => {
      const [{ count }] = await db.$queryRaw<Array<{ count: number | bigint }>>(listCountQuery(callId, filter));
      return Number(count);
    }),
    // Site names from the cached list rather than one more query per page.
    listSites(),
  ]);
  const start = (filter.page - 1) * ADMIN_PAGE_SIZE;
  const end = Math.min(start + ADMIN_PAGE_SIZE, total);
  let rows: ListRow[] = [];
  if (start < end && start <= total - end) {
    rows = await db.$queryRaw<ListRow[]>(listPageQuery(callId, filter, { limit: end - start, offset: start, backwards: false }));
  } else if (start < end) {
    // A page in the second half is read from the far end of the index: an offset walks every row it skips.
    const fromEnd = await db.$queryRaw<ListRow[]>(
      listPageQuery(callId, filter, { limit: end - start, offset: total - end, backwards: true }),
    );
    rows = fromEnd.reverse();
  }
  const siteNames = new Map(sites.map((site) => [site.id, site.name]));
  const duplicates = await readDuplicates(
    callId,
    rows.map((row) => row.id),
  );
  return {
    total,
    rows: rows.map(({ preferredSiteId, ...row }) => ({
      ...row,
      duplicateOf: duplicates.get(row.id) ?? null,
      // Integers as numbers whatever the driver returns for them.
      version: Number(row.version),
      reviewCount: Number(row.reviewCount),
      rank: row.rank === null ? null : Number(row.rank),
      preferredSite: preferredSiteId ? { name: siteNames.get(preferredSiteId) ?? "" } : null,
    })),
    pageCount: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)),
  };
}

/**
 * The listed applications that look like another application of the call (not a draft): one sharing a team
 * member's address or phone number (phoneKey), or a project name the same once folded (projectNameKey). One query for the page's rows;
 * for each, the first other application found, name matches before address matches.
 */
export async function readDuplicates(callId: string, ids: readonly string[]): Promise<Map<string, DuplicateLink>> {
  if (ids.length === 0) return new Map();
  // Kept until the next write, like the list's total: the same page read again finds the same flags.
  return cachedUntilChange(`applications:duplicates:${callId}:${ids.join(",")}`, () => lookUpDuplicates(callId, ids));
}

async function lookUpDuplicates(callId: string, ids: readonly string[]): Promise<Map<string, DuplicateLink>> {
  // One lookup per listed row and reason, each stopping at its first match (an index each: the folded name,
  // the address, the phone key): a join of every match was 25 times the page's cost on a seed where names
  // and co-founders' addresses repeat.
  const rows = await db.$queryRaw<Array<{ id: string; name: string | null; email: string | null; phone: string | null }>>`
    SELECT a."id",
      (SELECT b."id" FROM "Application" b
        WHERE a."projectNameKey" <> '' AND b."projectNameKey" = a."projectNameKey" AND b."callId" = a."callId"
          AND b."id" <> a."id" AND b."status" <> 'DRAFT'
        LIMIT 1) AS "name",
      (SELECT n."applicationId" FROM "TeamMember" m
        JOIN "TeamMember" n ON n."email" = m."email" AND n."applicationId" <> m."applicationId"
        WHERE m."applicationId" = a."id"
          -- Its call checked by the other application's key (a join let SQLite read the call's rows instead).
          AND EXISTS (SELECT 1 FROM "Application" b WHERE b."id" = n."applicationId" AND b."callId" = a."callId" AND b."status" <> 'DRAFT')
        LIMIT 1) AS "email",
      (SELECT q."applicationId" FROM "TeamMembership" p
        JOIN "TeamMembership" q ON q."phoneKey" = p."phoneKey" AND q."callId" = p."callId" AND q."applicationId" <> p."applicationId"
        JOIN "Application" b ON b."id" = q."applicationId" AND b."status" <> 'DRAFT'
        WHERE p."applicationId" = a."id" AND p."phoneKey" <> ''
        LIMIT 1) AS "phone"
    FROM "Application" a
    WHERE a."id" IN (${Prisma.join(ids)}) AND a."callId" = ${callId}`;
  const found = new Map<string, DuplicateLink>();
  for (const row of rows) {
    const reason = (["name", "email", "phone"] as const).find((key) => row[key] !== null);
    if (reason) found.set(row.id, { otherId: row[reason]!, reason });
  }
  return found;
}

/** An application's id if it exists: what an action needs before acting on it (not the whole page). */
export async function findApplicationId(id: string): Promise<string | null> {
  return (await db.application.findUnique({ where: { id }, select: { id: true } }))?.id ?? null;
}

// The admin application page reads one application with everything hanging off it. As one nested Prisma
// query it cost about 14 SQL statements, each through Prisma's query compiler and client runtime: 9 ms of
// a 35 ms page. Each part is now one plain SELECT (app/models/application-parts.server.ts), all sent at once.

type AdminApplicationRow = ProjectColumns & {
  id: string;
  version: number;
  status: ApplicationStatus;
  submittedAt: Date | null;
  rawScore: number | null;
  normalizedScore: number | null;
  disagreement: number | null;
  reviewCount: number;
  rank: number | null;
  decisionReleasedAt: Date | null;
  founderName: string;
  founderEmail: string;
  preferredSiteId: string | null;
  preferredSiteName: string | null;
  alternateSiteId: string | null;
  alternateSiteName: string | null;
  callId: string;
  callSlug: string;
  callTitle: string;
  callTitleEn: string | null;
  callTitleAr: string | null;
  callStatus: CallStatus;
  callOpensAt: Date;
  callClosesAt: Date;
  callHasInterview: boolean;
};

/** The application's own columns with its founder, its two sites and its call: one row, or none. */
function readApplicationRow(id: string) {
  return db.$queryRaw<AdminApplicationRow[]>`
    SELECT a."id", a."version", a."status", ${projectColumns("a")}, a."submittedAt", a."rawScore", a."normalizedScore", a."disagreement",
      a."reviewCount", a."rank", a."decisionReleasedAt",
      f."name" AS "founderName", f."email" AS "founderEmail",
      ps."id" AS "preferredSiteId", ps."name" AS "preferredSiteName",
      alt."id" AS "alternateSiteId", alt."name" AS "alternateSiteName",
      c."id" AS "callId", c."slug" AS "callSlug", c."title" AS "callTitle", c."titleEn" AS "callTitleEn", c."titleAr" AS "callTitleAr",
      c."status" AS "callStatus",
      c."opensAt" AS "callOpensAt", c."closesAt" AS "callClosesAt", c."hasInterview" AS "callHasInterview"
    FROM "Application" a
    JOIN "User" f ON f."id" = a."founderId"
    JOIN "Call" c ON c."id" = a."callId"
    LEFT JOIN "Site" ps ON ps."id" = a."preferredSiteId"
    LEFT JOIN "Site" alt ON alt."id" = a."alternateSiteId"
    WHERE a."id" = ${id}`;
}

type AssignmentRow = {
  id: string;
  stage: ReviewStage;
  status: AssignmentStatus;
  dueAt: Date | null;
  reviewerId: string;
  reviewerName: string;
  /** Null when the reviewer has not started a review. */
  reviewId: string | null;
  score: number | null;
  recommendation: Recommendation | null;
  privateComment: string | null;
  founderFeedback: string | null;
  reviewSubmittedAt: Date | null;
  /** The reviewer's effects in the call's ranking (null before it counted their reviews). */
  bias: number | null;
  scale: number | null;
  overall: number | null;
};

/** The assignments in the order they were made, each with its reviewer and review (if any). */
function readAssignments(applicationId: string) {
  return db.$queryRaw<AssignmentRow[]>`
    SELECT ra."id", ra."stage", ra."status", ra."dueAt", u."id" AS "reviewerId", u."name" AS "reviewerName",
      r."id" AS "reviewId", r."score", r."recommendation", r."privateComment", r."founderFeedback",
      r."submittedAt" AS "reviewSubmittedAt", e."bias", e."scale", e."overall"
    FROM "ReviewAssignment" ra
    JOIN "User" u ON u."id" = ra."reviewerId"
    JOIN "Application" p ON p."id" = ra."applicationId"
    LEFT JOIN "Review" r ON r."assignmentId" = ra."id"
    LEFT JOIN "ReviewerEffect" e ON e."callId" = p."callId" AND e."stage" = ra."stage" AND e."reviewerId" = ra."reviewerId"
    WHERE ra."applicationId" = ${applicationId}
    ORDER BY ra."createdAt" ASC`;
}

/** Every criterion score of the application's reviews. */
async function readReviewScores(applicationId: string) {
  const rows = await db.$queryRaw<Array<{ reviewId: string; criterionId: string; value: number }>>`
    SELECT s."reviewId", s."criterionId", s."value"
    FROM "ReviewScore" s
    JOIN "Review" r ON r."id" = s."reviewId"
    JOIN "ReviewAssignment" ra ON ra."id" = r."assignmentId"
    WHERE ra."applicationId" = ${applicationId}
    ORDER BY s."reviewId" ASC, s."criterionId" ASC`;
  return rows.map((row) => ({ ...row, value: Number(row.value) }));
}

function readConflicts(applicationId: string) {
  return db.$queryRaw<Array<{ reviewerId: string; reason: string; createdAt: Date }>>`
    SELECT "reviewerId", "reason", "createdAt" FROM "ConflictDeclaration" WHERE "applicationId" = ${applicationId} ORDER BY "reviewerId" ASC`;
}

type AuditRow = {
  id: string;
  type: string;
  fromState: string | null;
  toState: string | null;
  details: string;
  createdAt: Date;
  actorId: string | null;
  actorName: string | null;
};

/** The application's audit trail, oldest first, with who acted (none for the system). */
async function readAudit(applicationId: string) {
  const rows = await db.$queryRaw<AuditRow[]>`
    SELECT e."id", e."type", e."fromState", e."toState", e."details", e."createdAt", e."actorId", u."name" AS "actorName"
    FROM "AuditEvent" e LEFT JOIN "User" u ON u."id" = e."actorId"
    WHERE e."subjectType" = 'Application' AND e."subjectId" = ${applicationId}
    ORDER BY e."createdAt" ASC`;
  return rows.map(({ actorId, actorName, ...event }) => ({ ...event, actor: actorId === null ? null : { name: actorName ?? "" } }));
}

/** Everything an admin sees of one application: reviews per criterion, scores, assignments, audit trail. */
export async function getAdminApplication(id: string, locale: Locale) {
  const [[row], criteria, teamMembers, attachments, assignmentRows, scores, conflicts, audit] = await Promise.all([
    readApplicationRow(id),
    readCriteria(id),
    readTeamMembers(id),
    readAttachments(id),
    readAssignments(id),
    readReviewScores(id),
    readConflicts(id),
    readAudit(id),
  ]);
  if (!row) return null;
  const scoresByReview = new Map<string, Array<{ criterionId: string; value: number }>>();
  for (const { reviewId, criterionId, value } of scores) {
    const list = scoresByReview.get(reviewId) ?? [];
    if (list.length === 0) scoresByReview.set(reviewId, list);
    list.push({ criterionId, value });
  }
  const assignments = assignmentRows.map((a) => ({
    id: a.id,
    stage: a.stage,
    status: a.status,
    dueAt: a.dueAt,
    reviewer: { id: a.reviewerId, name: a.reviewerName },
    review:
      a.reviewId === null
        ? null
        : {
            score: a.score,
            recommendation: a.recommendation,
            privateComment: a.privateComment ?? "",
            founderFeedback: a.founderFeedback ?? "",
            submittedAt: a.reviewSubmittedAt,
            scores: scoresByReview.get(a.reviewId) ?? [],
            // How the ranking read this score: the reviewer's offset and scale undone (issue 18 §3b).
            adjustment:
              a.reviewSubmittedAt && a.score !== null && a.bias !== null && a.scale !== null && a.overall !== null
                ? {
                    adjusted: adjustScore(Number(a.score), { bias: Number(a.bias), scale: Number(a.scale) }, Number(a.overall)),
                    bias: Number(a.bias),
                    scale: Number(a.scale),
                  }
                : null,
          },
  }));
  const application = {
    id: row.id,
    version: Number(row.version),
    status: row.status,
    ...projectOf(row),
    submittedAt: row.submittedAt,
    rawScore: row.rawScore,
    normalizedScore: row.normalizedScore,
    disagreement: row.disagreement,
    reviewCount: Number(row.reviewCount),
    rank: row.rank === null ? null : Number(row.rank),
    decisionReleasedAt: row.decisionReleasedAt,
    founder: { name: row.founderName, email: row.founderEmail },
    preferredSite: row.preferredSiteId === null ? null : { name: row.preferredSiteName ?? "" },
    alternateSite: row.alternateSiteId === null ? null : { name: row.alternateSiteName ?? "" },
    teamMembers,
    attachments,
    call: {
      id: row.callId,
      slug: row.callSlug,
      title: showText({ fr: row.callTitle, en: row.callTitleEn, ar: row.callTitleAr }, locale),
      status: row.callStatus,
      opensAt: row.callOpensAt,
      closesAt: row.callClosesAt,
      hasInterview: row.callHasInterview,
      criteria,
    },
    assignments,
    conflicts,
  };
  return { ...application, criteria: criteria.map((c) => localizeCriterion(c, locale)), audit };
}

type TeamAccountRow = {
  name: string;
  email: string;
  lead: boolean;
  consentAt: Date | null;
  joinedAt: Date;
  linkUrl: string;
  phone: string;
  residesInMorocco: boolean | null;
  bio: string;
};

type TeamInvitationRow = { id: string; name: string; email: string; status: InvitationStatus; expiresAt: Date };

/**
 * The team's people with an account, for the admin page beside the typed team list: each member's own
 * part and consent (the lead first, then by arrival), and the invitations still pending or declined
 * (accepted ones are members, revoked ones are gone). Two plain SELECTs sent at once. The lead of an
 * application started before memberships existed has no row: `founder` stands in, with nothing confirmed.
 */
export async function readTeamAccounts(applicationId: string, founder: { name: string; email: string }, now = new Date()) {
  const [members, invitations] = await Promise.all([
    db.$queryRaw<TeamAccountRow[]>`
      SELECT u."name", u."email", m."lead", m."consentAt", m."joinedAt", m."linkUrl", m."phone", m."residesInMorocco", m."bio"
      FROM "TeamMembership" m JOIN "User" u ON u."id" = m."userId"
      WHERE m."applicationId" = ${applicationId}
      ORDER BY m."lead" DESC, m."joinedAt" ASC, m."id" ASC`,
    db.$queryRaw<TeamInvitationRow[]>`
      SELECT "id", "name", "email", "status", "expiresAt" FROM "TeamInvitation"
      WHERE "applicationId" = ${applicationId} AND "status" IN ('PENDING', 'DECLINED')
      ORDER BY "createdAt" ASC, "id" ASC`,
  ]);
  const shown: Array<Omit<TeamAccountRow, "joinedAt"> & { joinedAt: Date | null; linkHref: string | null }> = members.map((member) => ({
    ...member,
    // A link only to a web address (http or https), never javascript: or data:.
    linkHref: member.linkUrl ? webAddressOf(member.linkUrl) : null,
  }));
  if (!shown.some((member) => member.lead))
    shown.unshift({
      ...founder,
      lead: true,
      consentAt: null,
      joinedAt: null,
      linkUrl: "",
      phone: "",
      residesInMorocco: null,
      bio: "",
      linkHref: null,
    });
  return {
    members: shown,
    invitations: invitations.map((invitation) => ({ ...invitation, state: invitationState(invitation, now) })),
  };
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
 * What the screening page shows beside each queued application's checklist: the call's eligibility
 * rules in words, and per application its eligibility answers (given on the call page before its
 * draft existed) and each rule's outcome on them (evaluateEligibility's verdict, rule by rule).
 * One query for the answers of the whole queue.
 */
export async function screeningEligibility(callId: string, applicationIds: readonly string[], locale: Locale) {
  const [questionnaire, answersById] = await Promise.all([getQuestionnaire(callId), readAnswersOfApplications(applicationIds)]);
  const eligibilityQuestions = questionnaire.questions.filter((question) => question.step === ELIGIBILITY_STEP);
  const writing = answerWriting(locale);
  const byApplication = new Map(
    applicationIds.map((id) => {
      const answers = answersById.get(id) ?? {};
      return [
        id,
        {
          answers: showAnswers(eligibilityQuestions, { answers }, writing, { hideIdentifying: false }).answers,
          outcomes: ruleOutcomes(questionnaire.rules, questionnaire.questions, answers),
        },
      ];
    }),
  );
  return { rules: rulesInWords(questionnaire, locale), byApplication };
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

export type MoveInput = {
  selections: Array<{ applicationId: string; version: number }>;
  transition: TransitionName;
  actor: Actor;
  reason?: string;
  override?: boolean;
  emailData?: Record<string, string>;
  cohortId?: string;
};

/** One selected application through the move, in `tx`. */
function moveOne(input: MoveInput, { applicationId, version }: MoveInput["selections"][number], tx: Tx) {
  return isSeatingTransition(input.transition)
    ? seatByHand(
        {
          applicationId,
          transition: input.transition,
          cohortId: input.cohortId,
          actor: input.actor,
          expectedVersion: version,
          reason: input.reason,
        },
        tx,
      )
    : applyTransition(
        {
          applicationId,
          name: input.transition,
          actor: input.actor,
          expectedVersion: version,
          reason: input.reason,
          override: input.override,
          emailData: input.emailData,
        },
        tx,
      );
}

async function projectNames(input: MoveInput): Promise<Map<string, string>> {
  const named = await db.application.findMany({
    where: { id: { in: input.selections.map((s) => s.applicationId) } },
    select: { id: true, projectName: true },
  });
  return new Map(named.map((a) => [a.id, a.projectName]));
}

/**
 * Moves each selected application through the same transition, each in its own
 * transaction: one refused application (stale, wrong stage, no seat left) never
 * blocks the rest. An acceptance or a promotion takes a seat in `cohortId`.
 */
export async function moveApplications(input: MoveInput): Promise<MoveResult[]> {
  const results: MoveResult[] = [];
  const nameOf = await projectNames(input);
  for (const selection of input.selections) {
    const projectName = nameOf.get(selection.applicationId) ?? "";
    try {
      await db.$transaction((tx) => moveOne(input, selection, tx));
      results.push({ applicationId: selection.applicationId, projectName, ok: true, messageKey: null });
    } catch (error) {
      // One refusal is that application's outcome, not the batch's: the others still move.
      if (!(error instanceof UserError)) throw error;
      results.push({ applicationId: selection.applicationId, projectName, ok: false, messageKey: error.key, field: error.field });
    }
  }
  return results;
}

/**
 * What a bulk move would do, without doing it (issue 18): each application's outcome and the emails the
 * moves would send, found by running each move and rolling it back.
 */
export async function previewMoves(input: MoveInput): Promise<{ outcomes: MoveResult[]; emails: EmailsPreview }> {
  const outcomes: MoveResult[] = [];
  const queued: OutboxMessage[] = [];
  const nameOf = await projectNames(input);
  for (const selection of input.selections) {
    const projectName = nameOf.get(selection.applicationId) ?? "";
    try {
      queued.push(...(await emailsWithoutSending((tx) => moveOne(input, selection, tx))));
      outcomes.push({ applicationId: selection.applicationId, projectName, ok: true, messageKey: null });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      outcomes.push({ applicationId: selection.applicationId, projectName, ok: false, messageKey: error.key, field: error.field });
    }
  }
  return { outcomes, emails: await previewOfEmails(queued) };
}
