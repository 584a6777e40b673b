// Reference data nearly every page reads — the sites, the open calls, call titles —
// cached until the database changes. (Translation catalogs are app/i18n/catalogs.ts.)
import { db } from "~/db/client.server.ts";
import { cachedUntilChange } from "~/db/read-cache.server.ts";
import type { CallStatus, Locale, SiteStatus } from "~/domain/constants.ts";
import { isCallOpen } from "~/domain/lifecycle.ts";
import { callText, showCallText, type CallTextColumn, type LocalizedText } from "~/domain/call-texts.ts";

/** A call's title in every language, for a Prisma select (app/domain/call-texts.ts). */
export const CALL_TITLE_SELECT = { title: true, titleEn: true, titleAr: true } as const;
const DESCRIPTION_COLUMNS = { description: true, descriptionEn: true, descriptionAr: true } as const;
/** Every text of a call in every language (app/domain/call-texts.ts), for a Prisma select. */
export const CALL_TEXTS_SELECT = {
  ...CALL_TITLE_SELECT,
  ...DESCRIPTION_COLUMNS,
  eligibilityText: true,
  eligibilityTextEn: true,
  eligibilityTextAr: true,
  supportOffer: true,
  supportOfferEn: true,
  supportOfferAr: true,
} as const satisfies Record<CallTextColumn, true>;

/** Sites in display order, open ones and those opening soon. */
export function listSites() {
  return cachedUntilChange("sites", () =>
    db.site.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, slug: true, name: true, nameAr: true, status: true } }),
  );
}

/** Calls that accept applications now, their title and description in the reader's language. */
export async function listOpenCalls(locale: Locale, now = new Date()) {
  // Cached by status only: a call opens and closes with the clock, not with a commit.
  const calls = await cachedUntilChange("calls:open", () =>
    db.call.findMany({
      where: { status: "OPEN" },
      orderBy: { closesAt: "asc" },
      select: { slug: true, ...CALL_TITLE_SELECT, ...DESCRIPTION_COLUMNS, status: true, opensAt: true, closesAt: true },
    }),
  );
  return calls
    .filter((call) => isCallOpen(call, now))
    .map((call) => ({
      slug: call.slug,
      title: showCallText(call, "title", locale),
      description: showCallText(call, "description", locale),
      closesAt: call.closesAt,
    }));
}

/** Every call's title by id (archived ones too) in the three languages, for lists that name the call of each row. */
export function listCallTitles(): Promise<Map<string, LocalizedText>> {
  return cachedUntilChange("calls:titles", async () => {
    const calls = await db.call.findMany({ select: { id: true, ...CALL_TITLE_SELECT } });
    return new Map(calls.map((call) => [call.id, callText(call, "title")]));
  });
}

/** A call's public page: its sites (through cohorts), open or opening soon. */
export async function getPublicCall(slug: string) {
  const call = await db.call.findFirst({
    where: { slug, status: { in: ["OPEN", "CLOSED"] } },
    select: {
      id: true,
      slug: true,
      ...CALL_TEXTS_SELECT,
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
        Array<{
          id: string;
          slug: string;
          title: string;
          titleEn: string | null;
          titleAr: string | null;
          status: CallStatus;
          opensAt: Date;
          closesAt: Date;
          hasInterview: boolean;
        }>
      >`SELECT "id", "slug", "title", "titleEn", "titleAr", "status", "opensAt", "closesAt", "hasInterview" FROM "Call" WHERE "id" = ${callId}`,
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
