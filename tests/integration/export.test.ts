// CSV exports through their routes: the applications of a call with their
// scores and a cohort's roster — UTF-8 with a BOM so spreadsheets keep accents
// and Arabic, RFC 4180 quoting, formula-looking cells neutralized, admins only,
// and a large export complete row for row.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { CSV_CHUNK_BYTES } from "~/models/export.server.ts";
import { loader as applicationsCsvLoader } from "~/routes/admin.calls.$id.applications[.csv].tsx";
import { loader as rosterCsvLoader } from "~/routes/admin.cohorts.$id.roster[.csv].tsx";
import { loader as rosterLoader } from "~/routes/admin.cohorts.$id.tsx";
import { createSite, DAY_MS } from "../support/intake-factories.ts";
import {
  createCandidate,
  createDecisionCall,
  createReleasedCandidate,
  csvObjects,
  json,
  parseCsv,
  readCsv,
  signedIn,
} from "../support/enrollment-factories.ts";
import { hasSortStep, queryPlan } from "../support/database-faults.ts";
import { callRoute } from "../support/remix.ts";

beforeAll(async () => {
  await dbReady;
});

let adminCookie: string;
beforeAll(async () => {
  adminCookie = (await signedIn("ADMIN")).cookie;
});

// The columns as the export promises them, written out here rather than imported.
const APPLICATION_COLUMNS = [
  "id",
  "rank",
  "project",
  "tagline",
  "status",
  "sector",
  "preferred_site",
  "alternate_site",
  "founder",
  "founder_email",
  "submitted_at",
  "reviews",
  "raw_score",
  "normalized_score",
  "disagreement",
];
const ROSTER_COLUMNS = ["project", "status", "sector", "founders", "contact_name", "contact_email"];

const applicationsCsv = (callId: string, cookie: string | null = adminCookie) =>
  callRoute(applicationsCsvLoader, { path: `/admin/calls/${callId}/applications.csv`, params: { id: callId }, cookie });
const rosterCsv = (cohortId: string, cookie: string | null = adminCookie) =>
  callRoute(rosterCsvLoader, { path: `/admin/cohorts/${cohortId}/roster.csv`, params: { id: cohortId }, cookie });

/**
 * Characters a spreadsheet may skip or not show before it reads a cell, listed by hand: whitespace
 * (ASCII, no-break, ideographic, line and paragraph separators), zero-width space, joiners and BOM, word
 * joiner, soft hyphen, Arabic letter mark, bidirectional marks, embeddings, overrides and isolates,
 * Mongolian vowel separator, combining grapheme joiner, a variation selector, the Hangul filler.
 */
const INVISIBLE = [
  " ",
  "\t",
  "\n",
  "\r",
  "\u00A0",
  "\u3000",
  "\u2028",
  "\u2029",
  "\u200B",
  "\u200C",
  "\u200D",
  "\uFEFF",
  "\u2060",
  "\u00AD",
  "\u061C",
  "\u200E",
  "\u200F",
  "\u202A",
  "\u202B",
  "\u202C",
  "\u202D",
  "\u202E",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\u180E",
  "\u034F",
  "\uFE0F",
  "\u3164",
];
/** Whether a spreadsheet would read the cell as a formula: = + - @ (or their full-width forms), after any invisible characters. */
const looksLikeFormula = (cell: string) => {
  let i = 0;
  while (i < cell.length && INVISIBLE.includes(cell[i])) i++;
  return /^[=+\-@\t\r]/.test(cell) || /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell.slice(i));
};

describe("the CSV reader used by these tests", () => {
  it("reads quoted commas, doubled quotes, line breaks and CRLF, and rejects stray quotes", () => {
    expect(parseCsv('a,"b, c","say ""hi""","two\nlines"\r\n,x,\n')).toEqual([
      ["a", "b, c", 'say "hi"', "two\nlines"],
      ["", "x", ""],
    ]);
    expect(() => parseCsv('a,b"c\n')).toThrow();
    expect(() => parseCsv('"open\n')).toThrow();
  });
});

describe("applications CSV", () => {
  it("streams a BOM, the header and one row per submitted application with its scores, accents and Arabic intact, formulas neutralized", async () => {
    const casablanca = await createSite({ name: "Technopark Casablanca" });
    const fes = await createSite({ name: "Technopôle de Fès — Saïss" });
    const { call } = await createDecisionCall({ cohorts: [{ site: casablanca, capacity: 10 }], title: "Appel Énergie & Culture 2027" });
    const french = await createCandidate({
      call,
      site: fes,
      alternateSite: casablanca,
      sector: "CULTURAL_INDUSTRIES",
      status: "REVIEW",
      projectName: "Café Éco-Système à Fès",
      tagline: "Torréfaction équitable, « circuits courts » et crème brûlée",
      founderName: "Hélène Benjelloun-Aït Ouarab",
    });
    await db.application.update({
      where: { id: french.application.id },
      data: { rank: 1, reviewCount: 2, rawScore: 4.25, normalizedScore: 4.1, disagreement: 0.5 },
    });
    const arabic = await createCandidate({
      call,
      site: casablanca,
      status: "COMMITTEE",
      projectName: "تمور درعة الذكية",
      tagline: "منصة رقمية لتسويق التمور، من الواحة إلى المائدة",
      founderName: "يوسف العلمي",
    });
    const hyperlink = await createCandidate({
      call,
      site: casablanca,
      status: "SUBMITTED",
      projectName: '=HYPERLINK("http://x")',
      tagline: "+212 600 000 000",
    });
    const sum = await createCandidate({
      call,
      site: casablanca,
      status: "REJECTED",
      projectName: "@SUM(1)",
      tagline: "-1+2, et des virgules\nsur deux lignes",
    });
    const sneaky = await createCandidate({
      call,
      site: casablanca,
      status: "WITHDRAWN",
      projectName: "\t=1+1",
      founderName: "=cmd|' /C calc'!A0",
    });
    // Not exported: a draft, and another call's application.
    const draft = await createCandidate({ call, site: casablanca, status: "DRAFT", projectName: "Brouillon confidentiel" });
    const { call: otherCall } = await createDecisionCall({ cohorts: [{ site: casablanca, capacity: 1 }] });
    const foreign = await createCandidate({
      call: otherCall,
      site: casablanca,
      status: "SUBMITTED",
      projectName: "Projet d'un autre appel",
    });

    const response = await applicationsCsv(call.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="applications-${call.slug}.csv"`);
    expect(response.body).toBeInstanceOf(ReadableStream);

    const { bom, records, text } = await readCsv(response);
    expect(bom).toBe(true);
    expect(text.startsWith("\uFEFF")).toBe(false);
    expect(records[0]).toEqual(APPLICATION_COLUMNS);
    const rows = csvObjects(records);
    const exported = [french, arabic, hyperlink, sum, sneaky].map((c) => c.application.id);
    expect(rows.map((r) => r.id).sort()).toEqual([...exported].sort());
    expect(rows.map((r) => r.id)).not.toContain(draft.application.id);
    expect(rows.map((r) => r.id)).not.toContain(foreign.application.id);
    expect(text).not.toContain("Brouillon confidentiel");

    const rowOf = (c: { application: { id: string } }) => rows.find((r) => r.id === c.application.id)!;
    expect(rowOf(french)).toEqual({
      id: french.application.id,
      rank: "1",
      project: "Café Éco-Système à Fès",
      tagline: "Torréfaction équitable, « circuits courts » et crème brûlée",
      status: "REVIEW",
      sector: "CULTURAL_INDUSTRIES",
      preferred_site: "Technopôle de Fès — Saïss",
      alternate_site: "Technopark Casablanca",
      founder: "Hélène Benjelloun-Aït Ouarab",
      founder_email: french.founder.email,
      submitted_at: french.application.submittedAt!.toISOString(),
      reviews: "2",
      raw_score: "4.250",
      normalized_score: "4.100",
      disagreement: "0.500",
    });
    expect(rowOf(arabic)).toMatchObject({
      project: "تمور درعة الذكية",
      tagline: "منصة رقمية لتسويق التمور، من الواحة إلى المائدة",
      founder: "يوسف العلمي",
      rank: "",
      reviews: "0",
      raw_score: "",
      normalized_score: "",
      disagreement: "",
      alternate_site: "",
    });

    // Formula-looking text is shown, never evaluated: a leading quote, the rest intact.
    expect(rowOf(hyperlink).project).toBe(`'=HYPERLINK("http://x")`);
    expect(rowOf(hyperlink).tagline).toBe("'+212 600 000 000");
    expect(rowOf(sum).project).toBe("'@SUM(1)");
    expect(rowOf(sum).tagline).toBe("'-1+2, et des virgules\nsur deux lignes");
    expect(rowOf(sneaky).project).toBe("'\t=1+1");
    expect(rowOf(sneaky).founder).toBe("'=cmd|' /C calc'!A0");
    for (const record of records) for (const cell of record) expect(looksLikeFormula(cell)).toBe(false);
  });

  it("neutralizes formulas hidden behind invisible characters (zero-width, BOM, bidi marks, soft hyphen, other spaces)", async () => {
    const site = await createSite();
    const { call } = await createDecisionCall({ cohorts: [{ site, capacity: 1 }] });
    const payloads = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(1)", "\uFF1D1+1", "\uFF0B1"];
    const cases: Array<{ text: string; id: string }> = [];
    for (const [i, invisible] of INVISIBLE.entries()) {
      // Each invisible character alone, and each in a run with the next two.
      for (const prefix of [invisible, `${invisible}${INVISIBLE[(i + 1) % INVISIBLE.length]}${INVISIBLE[(i + 2) % INVISIBLE.length]}`]) {
        const text = `${prefix}${payloads[(i + prefix.length) % payloads.length]}`;
        const candidate = await createCandidate({
          call,
          site,
          status: "SUBMITTED",
          projectName: `Projet ${i}-${prefix.length}`,
          tagline: text,
        });
        cases.push({ text, id: candidate.application.id });
      }
    }
    // Harmless text that starts with an invisible character stays as it is.
    const harmless = await createCandidate({
      call,
      site,
      status: "SUBMITTED",
      projectName: "Projet sans formule",
      tagline: "\u200BTorréfaction « équitable »",
    });

    const { records } = await readCsv(await applicationsCsv(call.id));
    const rows = csvObjects(records);
    const taglineOf = (id: string) => rows.find((r) => r.id === id)!.tagline;
    for (const { text, id } of cases) {
      expect({ text: JSON.stringify(text), cell: JSON.stringify(taglineOf(id)) }).toEqual({
        text: JSON.stringify(text),
        cell: JSON.stringify(`'${text}`),
      });
    }
    expect(taglineOf(harmless.application.id)).toBe("\u200BTorréfaction « équitable »");
    for (const record of records)
      for (const cell of record)
        expect({ cell: JSON.stringify(cell), formula: looksLikeFormula(cell) }).toEqual({ cell: JSON.stringify(cell), formula: false });
  });

  it("is for admins only", async () => {
    const site = await createSite();
    const { call } = await createDecisionCall({ cohorts: [{ site, capacity: 1 }] });
    await createCandidate({ call, site, status: "SUBMITTED", projectName: "Projet secret" });
    for (const role of ["FOUNDER", "REVIEWER"] as const) {
      const response = await applicationsCsv(call.id, (await signedIn(role)).cookie);
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain("Projet secret");
    }
    const anonymous = await applicationsCsv(call.id, null);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect((await applicationsCsv("no-such-call")).status).toBe(404);
  });

  it("exports 2,000 applications, each exactly once, across its read batches", async () => {
    const site = await createSite();
    const { call } = await createDecisionCall({ cohorts: [{ site, capacity: 1 }] });
    const founders = await db.user.createManyAndReturn({
      data: Array.from({ length: 2_010 }, (_, i) => ({ email: `bulk-${i}-${process.pid}@example.test`, name: `Fondateur ${i}` })),
      select: { id: true },
    });
    const submittedAt = new Date(Date.now() - DAY_MS);
    await db.application.createMany({
      data: founders.map((f, i) => ({
        founderId: f.id,
        callId: call.id,
        // 10 drafts scattered among them stay out of the export.
        status: i % 201 === 7 ? "DRAFT" : "SUBMITTED",
        projectName: i % 2 === 0 ? `Projet n° ${i}, édition « spéciale »` : `مشروع ${i}`,
        sector: "NEW_TECH",
        preferredSiteId: site.id,
        submittedAt,
        rawScore: (i % 5) + 0.5,
      })),
    });
    const expected = await db.application.findMany({ where: { callId: call.id, status: { not: "DRAFT" } }, select: { id: true } });
    expect(expected).toHaveLength(2_000);

    const response = await applicationsCsv(call.id);
    expect(response.status).toBe(200);
    const { bom, records } = await readCsv(response);
    expect(bom).toBe(true);
    expect(records).toHaveLength(2_001);
    const rows = csvObjects(records);
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(2_000);
    expect([...ids].sort()).toEqual(expected.map((e) => e.id).sort());
    expect(rows.every((r) => r.status === "SUBMITTED" && r.raw_score.endsWith(".500"))).toBe(true);

    // Sent in pieces of CSV_CHUNK_BYTES, not one per row: the HTTP layer flushes its compressor after each piece.
    const chunks: number[] = [];
    const reader = (await applicationsCsv(call.id)).body!.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value.byteLength);
    const total = chunks.reduce((sum, bytes) => sum + bytes, 0);
    expect(total).toBeGreaterThan(3 * CSV_CHUNK_BYTES);
    expect(chunks.slice(0, -1).every((bytes) => bytes >= CSV_CHUNK_BYTES)).toBe(true);
    expect(chunks.length).toBeLessThanOrEqual(Math.ceil(total / CSV_CHUNK_BYTES));
  });
});

describe("cohort roster", () => {
  it("lists the enrolled projects and open offers of the cohort, with founders and contact, in CSV and on the page", async () => {
    const rabat = await createSite({ name: "Technopark Rabat" });
    const tanger = await createSite({ name: "Technopark Tanger" });
    const {
      call,
      cohorts: [cohort, otherCohort],
    } = await createDecisionCall({
      cohorts: [
        { site: rabat, capacity: 5, name: "Promotion Rabat 2027" },
        { site: tanger, capacity: 5 },
      ],
    });

    const enroll = async (who: { application: { id: string } }, cohortId: string) => {
      await db.offer.updateMany({ where: { applicationId: who.application.id }, data: { status: "ACCEPTED", respondedAt: new Date() } });
      await db.application.update({ where: { id: who.application.id }, data: { status: "ENROLLED", enrolledCohortId: cohortId } });
    };
    const enrolledFr = await createReleasedCandidate({
      call,
      site: rabat,
      cohort,
      status: "ACCEPTED",
      projectName: "Atelier Zellige Numérique",
      founderName: "Amélie Lahlou",
      sector: "CULTURAL_INDUSTRIES",
    });
    const enrolledAr = await createReleasedCandidate({
      call,
      site: rabat,
      cohort,
      status: "ACCEPTED",
      projectName: "طاقة الأطلس",
      founderName: "سلمى بناني",
      sector: "GREEN_TECH",
    });
    const formula = await createReleasedCandidate({
      call,
      site: rabat,
      cohort,
      status: "ACCEPTED",
      projectName: "=1+1 Robotique",
      sector: "NEW_TECH",
    });
    for (const who of [enrolledFr, enrolledAr, formula]) await enroll(who, cohort.id);
    const pending = await createReleasedCandidate({ call, site: rabat, cohort, status: "ACCEPTED", projectName: "Offre en attente" });
    const declined = await createReleasedCandidate({ call, site: rabat, cohort, status: "ACCEPTED", projectName: "Offre déclinée" });
    await db.offer.updateMany({ where: { applicationId: declined.application.id }, data: { status: "DECLINED" } });
    await db.application.update({ where: { id: declined.application.id }, data: { status: "DECLINED" } });
    const elsewhere = await createReleasedCandidate({
      call,
      site: tanger,
      cohort: otherCohort,
      status: "ACCEPTED",
      projectName: "Inscrit à Tanger",
    });
    await enroll(elsewhere, otherCohort.id);

    const response = await rosterCsv(cohort.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="roster-${cohort.id}.csv"`);
    const { bom, records } = await readCsv(response);
    expect(bom).toBe(true);
    expect(records[0]).toEqual(ROSTER_COLUMNS);
    const rows = csvObjects(records);
    expect(rows.map((r) => r.project).sort()).toEqual(
      ["'=1+1 Robotique", "Atelier Zellige Numérique", "Offre en attente", "طاقة الأطلس"].sort(),
    );
    const byProject = Object.fromEntries(rows.map((r) => [r.project, r]));
    expect(byProject["Atelier Zellige Numérique"]).toEqual({
      project: "Atelier Zellige Numérique",
      status: "ENROLLED",
      sector: "CULTURAL_INDUSTRIES",
      founders: `Amélie Lahlou; ${(await db.teamMember.findFirstOrThrow({ where: { applicationId: enrolledFr.application.id, position: 1 } })).name}`,
      contact_name: "Amélie Lahlou",
      contact_email: enrolledFr.founder.email,
    });
    expect(byProject["طاقة الأطلس"]).toMatchObject({ status: "ENROLLED", contact_name: "سلمى بناني", sector: "GREEN_TECH" });
    expect(byProject["Offre en attente"].status).toBe("ACCEPTED");
    expect(rows.filter((r) => r.status === "ENROLLED")).toHaveLength(3);
    for (const record of records) for (const cell of record) expect(looksLikeFormula(cell)).toBe(false);

    const page = await callRoute(rosterLoader, { path: `/admin/cohorts/${cohort.id}`, params: { id: cohort.id }, cookie: adminCookie });
    expect(page.status).toBe(200);
    const data = await json<{ cohort: { name: string; capacity: number }; members: Array<{ id: string; status: string }> }>(page);
    expect(data.cohort).toMatchObject({ name: "Promotion Rabat 2027", capacity: 5 });
    expect(data.members.map((m) => m.id).sort()).toEqual([enrolledFr, enrolledAr, formula, pending].map((c) => c.application.id).sort());
  });

  it("is for admins only", async () => {
    const site = await createSite();
    const {
      call,
      cohorts: [cohort],
    } = await createDecisionCall({ cohorts: [{ site, capacity: 2 }] });
    await createReleasedCandidate({ call, site, cohort, status: "ACCEPTED", projectName: "Projet inscrit secret" });
    for (const role of ["FOUNDER", "REVIEWER"] as const) {
      const { cookie } = await signedIn(role);
      const csv = await rosterCsv(cohort.id, cookie);
      expect(csv.status).toBe(403);
      expect(await csv.text()).not.toContain("Projet inscrit secret");
      expect((await callRoute(rosterLoader, { path: `/admin/cohorts/${cohort.id}`, params: { id: cohort.id }, cookie })).status).toBe(403);
    }
    expect((await rosterCsv(cohort.id, null)).status).toBe(302);
    expect((await rosterCsv("no-such-cohort")).status).toBe(404);
  });
});

describe("the export's batches", () => {
  it("are read in id order off Application_callId_id_idx, never sorted batch by batch", async () => {
    // The shape of the batch query in app/models/export.server.ts.
    const plan = await queryPlan(
      `SELECT * FROM "Application" WHERE "callId" = $1 AND "status" <> 'DRAFT' AND "id" > $2 ORDER BY "id" ASC LIMIT 500`,
      "call",
      "",
    );
    expect(plan).toContain("Application_callId_id_idx");
    expect(hasSortStep(plan)).toBe(false);
  });
});
