import { CALL_TITLE_SELECT } from "./reference-data.server.ts";
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { db } from "~/db/client.server.ts";
import { APPLICATION_RANKED_ROW_SELECT, APPLICATION_ROW_SELECT, type ApplicationRankedRow } from "./application-select.server.ts";
import { getQuestionnaire, readAnswersOfApplications } from "./call-questions.server.ts";
import { answerCell, answerColumn } from "~/domain/answers-view.ts";
import { inOrder, type QuestionDefinition } from "~/domain/call-questions.ts";

const BATCH = 500;
const UTF8_BOM = "\uFEFF";
/** Size of the pieces a CSV body is sent in. */
export const CSV_CHUNK_BYTES = 64 * 1024;

/**
 * What a spreadsheet may skip before it reads a cell: whitespace of any kind
 * (tab, CR, LF, no-break and other Unicode spaces), control and format
 * characters (zero-width space and joiners, BOM, word joiner, LRM/RLM and the
 * other bidirectional marks, soft hyphen…) and the other default-ignorable
 * code points (variation selectors, Hangul fillers, combining grapheme joiner).
 */
const INVISIBLE_PREFIX = /^[\s\p{Cc}\p{Cf}\p{Z}\p{Default_Ignorable_Code_Point}]*/u;
/** A formula's first character, ASCII or full-width (some programs fold ＝ into =). */
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFE62\uFE63\uFF20]/u;

/**
 * A spreadsheet cell can run a formula when it starts with = + - @, also after
 * characters that are invisible or skipped (a tab, a carriage return, a
 * zero-width space, a BOM, a bidi mark…): such text gets a leading quote so it
 * is shown, never evaluated. A cell that starts with a tab or carriage return
 * is quoted whatever follows.
 */
function neutralizeFormula(value: string): string {
  if (/^[\t\r]/.test(value)) return `'${value}`;
  const visible = value.slice(INVISIBLE_PREFIX.exec(value)![0].length);
  return FORMULA_START.test(visible) ? `'${value}` : value;
}

/**
 * Rows of an export, produced batch by batch so memory stays flat whatever the count. A source whose
 * columns depend on what it reads (a call's own questions) gives `moreColumns`: their names, appended
 * to the header the export is written with, in the order its rows append their cells.
 */
type RowSource = (() => AsyncGenerator<unknown[]>) & { moreColumns?: () => Promise<string[]> };

/** A CSV body that streams: UTF-8 with BOM (Excel shows accents and Arabic), formulas neutralized. */
export function csvStream(header: string[], rows: RowSource): ReadableStream<Uint8Array> {
  const stringifier = stringify({
    bom: false,
    cast: { string: neutralizeFormula, number: (n) => String(n), date: (d) => d.toISOString(), boolean: (b) => (b ? "1" : "0") },
  });
  async function* source() {
    yield rows.moreColumns ? [...header, ...(await rows.moreColumns())] : header;
    yield* rows();
  }
  const lines = Readable.from(source()).pipe(stringifier);
  return Readable.toWeb(
    Readable.from(
      (async function* () {
        // The stringifier gives one small chunk per row, and the HTTP layer writes and flushes its compressor
        // once per chunk: 17,000 rows were 17,000 gzip flushes and socket writes (3 s of CPU, and gzip saved
        // next to nothing). Rows go out in pieces of CSV_CHUNK_BYTES instead.
        let pending: Buffer[] = [Buffer.from(UTF8_BOM, "utf8")];
        let pendingBytes = pending[0].byteLength;
        for await (const chunk of lines as AsyncIterable<Buffer>) {
          pending.push(chunk);
          pendingBytes += chunk.byteLength;
          if (pendingBytes >= CSV_CHUNK_BYTES) {
            yield Buffer.concat(pending, pendingBytes);
            pending = [];
            pendingBytes = 0;
          }
        }
        if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
      })(),
    ),
  ) as ReadableStream<Uint8Array>;
}

export const APPLICATIONS_CSV_HEADER = [
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

/**
 * Every application of a call with its scores (rank in a column), read in id-keyset batches: the last
 * computed ranking, as the applications list shows it (app/models/scores.server.ts). Then one column
 * per question of the call, in asking order, named `q_<key>` (answerColumn: a key never takes a fixed
 * column's name), each cell written in no language by answerCell — multiple choices joined with "; ",
 * yes/no as "yes"/"no" — and neutralized like every cell. A batch's answers are one more query.
 */
export function applicationRows(callId: string): RowSource {
  let questionsRead: Promise<QuestionDefinition[]> | null = null;
  const questions = () => (questionsRead ??= getQuestionnaire(callId).then((questionnaire) => inOrder(questionnaire.questions)));
  const source = async function* () {
    const asked = await questions();
    let afterId: string | null = null;
    for (;;) {
      const rows: Array<
        ApplicationRankedRow & {
          tagline: string;
          preferredSite: { name: string } | null;
          alternateSite: { name: string } | null;
          founder: { name: string; email: string };
        }
      > = await db.application.findMany({
        where: {
          callId,
          status: { not: "DRAFT" },
          ...(afterId ? { id: { gt: afterId } } : {}),
        },
        orderBy: { id: "asc" },
        take: BATCH,
        select: {
          ...APPLICATION_RANKED_ROW_SELECT,
          tagline: true,
          preferredSite: { select: { name: true } },
          alternateSite: { select: { name: true } },
          founder: { select: { name: true, email: true } },
        },
      });
      const answers = asked.length > 0 && rows.length > 0 ? await readAnswersOfApplications(rows.map((a) => a.id)) : null;
      for (const a of rows) {
        const given = answers?.get(a.id) ?? {};
        yield [
          a.id,
          a.rank ?? "",
          a.projectName,
          a.tagline,
          a.status,
          a.sector ?? "",
          a.preferredSite?.name ?? "",
          a.alternateSite?.name ?? "",
          a.founder.name,
          a.founder.email,
          a.submittedAt ?? "",
          a.reviewCount,
          a.rawScore === null ? "" : a.rawScore.toFixed(3),
          a.normalizedScore === null ? "" : a.normalizedScore.toFixed(3),
          a.disagreement === null ? "" : a.disagreement.toFixed(3),
          ...asked.map((question) => answerCell(Object.hasOwn(given, question.key) ? given[question.key] : undefined)),
        ];
      }
      if (rows.length < BATCH) return;
      afterId = rows[rows.length - 1].id;
    }
  };
  return Object.assign(source, { moreColumns: async () => (await questions()).map(answerColumn) });
}

/** Projects enrolled in a cohort (and those holding an open offer for it), with their founders and contact. */
export async function cohortRoster(cohortId: string) {
  const cohort = await db.cohort.findUnique({
    where: { id: cohortId },
    select: {
      id: true,
      name: true,
      capacity: true,
      startsAt: true,
      call: { select: { id: true, ...CALL_TITLE_SELECT } },
      site: { select: { name: true } },
    },
  });
  if (!cohort) return null;
  const members = await db.application.findMany({
    where: { OR: [{ enrolledCohortId: cohortId }, { offers: { some: { cohortId, status: "PENDING" } } }] },
    orderBy: [{ status: "asc" }, { projectName: "asc" }],
    select: {
      ...APPLICATION_ROW_SELECT,
      founder: { select: { name: true, email: true } },
      teamMembers: { orderBy: { position: "asc" }, select: { name: true } },
    },
  });
  return { cohort, members };
}

export const ROSTER_CSV_HEADER = ["project", "status", "sector", "founders", "contact_name", "contact_email"];

export function rosterRows(members: NonNullable<Awaited<ReturnType<typeof cohortRoster>>>["members"]): RowSource {
  return async function* () {
    for (const m of members) {
      yield [m.projectName, m.status, m.sector ?? "", m.teamMembers.map((t) => t.name).join("; "), m.founder.name, m.founder.email];
    }
  };
}
