// The applications the admin list tests read (tests/integration/admin-list*.test.ts and
// tests/postgres/admin-list-plans.test.ts): a small call whose every row is named, and a call
// with more than two pages.
import { db } from "~/db/client.server.ts";
import type { ApplicationStatus, Sector } from "~/domain/constants.ts";
import { DISAGREEMENT_THRESHOLD } from "~/domain/scoring.ts";
import type { ApplicationFilter } from "~/models/admin-application.server.ts";
import { createOpenCall, createSite } from "./intake-factories.ts";

const HOUR_MS = 60 * 60 * 1000;
const BASE = new Date("2026-04-01T08:00:00Z").getTime();
export const at = (hours: number) => new Date(BASE + hours * HOUR_MS);

let founderSequence = 0;

/** `count` bare founders (no password, no roles): each application of a call needs its own founder. */
export async function createFounders(count: number): Promise<string[]> {
  const emails = Array.from({ length: count }, () => `list-founder-${++founderSequence}-${process.pid}@example.test`);
  await db.user.createMany({ data: emails.map((email, i) => ({ email, name: `Founder ${i}` })) });
  const users = await db.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } });
  const byEmail = new Map(users.map((u) => [u.email, u.id]));
  return emails.map((email) => byEmail.get(email)!);
}

type Row = {
  key: string;
  status: ApplicationStatus;
  normalizedScore: number | null;
  rawScore: number | null;
  submittedAt: Date | null;
  sector?: Sector | null;
  site?: "one" | "two" | null;
  disagreement?: number | null;
  projectName?: string;
  tagline?: string;
};

export const filter = (overrides: Partial<ApplicationFilter> = {}): ApplicationFilter => ({ sort: "normalized", page: 1, ...overrides });

// ---------------------------------------------------------------------------
// A small call whose every row is named, for order and filter checks.

export async function createNamedCall() {
  const siteOne = await createSite({ name: "Technopark Casablanca (list)" });
  const siteTwo = await createSite({ name: "Technopark Tanger (list)" });
  const call = await createOpenCall({ sites: [siteOne, siteTwo] });
  const otherCall = await createOpenCall({ sites: [siteOne] });

  // Ties on purpose: Alpha/Bravo tie on both scores (submittedAt decides), Delta/Juliet tie on
  // everything (id decides), Foxtrot/Golf have a raw score but no normalized one, Hotel/India
  // have neither; Echo's normalized score is negative (still above every NULL).
  const rows: Row[] = [
    {
      key: "Alpha",
      status: "REVIEW",
      normalizedScore: 1.5,
      rawScore: 4.0,
      submittedAt: at(3),
      sector: "GREEN_TECH",
      site: "one",
      disagreement: DISAGREEMENT_THRESHOLD,
      projectName: "SolarGrid Alpha",
      tagline: "Mini-réseaux pour villages isolés",
    },
    {
      key: "Bravo",
      status: "COMMITTEE",
      normalizedScore: 1.5,
      rawScore: 4.0,
      submittedAt: at(1),
      sector: "NEW_TECH",
      site: "two",
      disagreement: DISAGREEMENT_THRESHOLD + 0.2,
    },
    {
      key: "Charlie",
      status: "REVIEW",
      normalizedScore: 1.5,
      rawScore: 3.5,
      submittedAt: at(0),
      sector: "GREEN_TECH",
      site: "two",
      disagreement: 0.4,
      projectName: "Charlie Atlas",
      tagline: "Off-grid solar pumps for farms",
    },
    {
      key: "Delta",
      status: "REVIEW",
      normalizedScore: 0.8,
      rawScore: 4.9,
      submittedAt: at(4),
      sector: "GREEN_TECH",
      site: "one",
      disagreement: 0.3,
    },
    {
      key: "Echo",
      status: "REJECTED",
      normalizedScore: -0.2,
      rawScore: 2.0,
      submittedAt: at(6),
      sector: "CULTURAL_INDUSTRIES",
      site: "one",
      disagreement: 1.9,
    },
    {
      key: "Foxtrot",
      status: "REVIEW",
      normalizedScore: null,
      rawScore: 4.5,
      submittedAt: at(7),
      sector: "NEW_TECH",
      site: null,
      disagreement: null,
    },
    {
      key: "Golf",
      status: "SUBMITTED",
      normalizedScore: null,
      rawScore: 3.0,
      submittedAt: at(2),
      sector: "GREEN_TECH",
      site: "one",
      disagreement: null,
      projectName: "Golf Recyclage",
      tagline: "Panneaux solaires recyclés",
    },
    { key: "Hotel", status: "SUBMITTED", normalizedScore: null, rawScore: null, submittedAt: at(8), sector: null, site: null },
    { key: "India", status: "SCREENING", normalizedScore: null, rawScore: null, submittedAt: at(5), sector: "NEW_TECH", site: "two" },
    {
      key: "Juliet",
      status: "COMMITTEE",
      normalizedScore: 0.8,
      rawScore: 4.9,
      submittedAt: at(4),
      sector: "GREEN_TECH",
      site: "one",
      disagreement: 0.3,
    },
    // A draft with the best scores of all and a matching name: never listed unless drafts are asked for.
    {
      key: "Kilo",
      status: "DRAFT",
      normalizedScore: 5,
      rawScore: 5,
      submittedAt: null,
      sector: "GREEN_TECH",
      site: "one",
      disagreement: 1.8,
      projectName: "Solar Kilo (draft)",
    },
  ];
  const founders = await createFounders(rows.length + 1);
  const ids: Record<string, string> = {};
  for (const [i, row] of rows.entries()) {
    const created = await db.application.create({
      data: {
        founderId: founders[i],
        callId: call.id,
        status: row.status,
        projectName: row.projectName ?? `Projet ${row.key}`,
        tagline: row.tagline ?? `Tagline of ${row.key}`,
        sector: row.sector ?? null,
        preferredSiteId: row.site === "one" ? siteOne.id : row.site === "two" ? siteTwo.id : null,
        normalizedScore: row.normalizedScore,
        rawScore: row.rawScore,
        disagreement: row.disagreement ?? null,
        submittedAt: row.submittedAt,
      },
    });
    ids[row.key] = created.id;
  }
  // Another call's application, better than everything and matching every search: never listed here.
  const other = await db.application.create({
    data: {
      founderId: founders[rows.length],
      callId: otherCall.id,
      status: "REVIEW",
      projectName: "Solar Other Call",
      tagline: "solar",
      sector: "GREEN_TECH",
      preferredSiteId: siteOne.id,
      normalizedScore: 9,
      rawScore: 5,
      disagreement: 2,
      submittedAt: at(-10),
    },
  });
  const keyOf = new Map(Object.entries(ids).map(([key, id]) => [id, key]));
  /** The keys of listed rows, in the order listed. */
  const keys = (list: { rows: Array<{ id: string }> }) => list.rows.map((r) => keyOf.get(r.id) ?? `foreign:${r.id}`);
  /** Two tied keys in id order. */
  const tied = (a: string, b: string) => (ids[a] < ids[b] ? [a, b] : [b, a]);
  return { call, otherCall, siteOne, siteTwo, ids, otherId: other.id, keys, tied };
}
// ---------------------------------------------------------------------------
// A call with more than two pages.

export const BIG_COUNT = 120;
export const BIG_DRAFTS = 7;
export const NEEDLE = "Needle";

export async function createBigCall() {
  const site = await createSite();
  const call = await createOpenCall({ sites: [site] });
  const founders = await createFounders(BIG_COUNT + BIG_DRAFTS);
  const sectors: Sector[] = ["NEW_TECH", "GREEN_TECH", "CULTURAL_INDUSTRIES"];
  // Few distinct values, so every tie-breaker (down to id) decides somewhere; some NULLs in both scores.
  const data = founders.map((founderId, i) => {
    const draft = i >= BIG_COUNT;
    const status: ApplicationStatus = draft ? "DRAFT" : i % 3 === 0 ? "REVIEW" : "COMMITTEE";
    return {
      founderId,
      callId: call.id,
      status,
      projectName: `Big ${String(i).padStart(3, "0")}`,
      tagline: i % 2 === 0 ? `A ${NEEDLE.toLowerCase()} in the haystack ${i}` : `Hay ${i}`,
      sector: sectors[i % 3],
      preferredSiteId: site.id,
      normalizedScore: i % 7 === 0 ? null : ((i % 5) - 2) * 0.5,
      rawScore: i % 11 === 0 ? null : (i % 4) + 1,
      disagreement: (i % 6) * 0.4,
      submittedAt: draft ? null : at(i % 9),
    };
  });
  await db.application.createMany({ data });
  const all = await db.application.findMany({
    where: { callId: call.id },
    select: { id: true, status: true, tagline: true, normalizedScore: true, rawScore: true, submittedAt: true },
  });
  return { site, call, all };
}

export const SORTS: ApplicationFilter["sort"][] = ["normalized", "raw", "submitted"];
