// The query plans of the answer filter and the dashboard's answer counts (issue 15), on the database the
// suite runs on — SQLite here, PostgreSQL under `npm run test:pg` (queryPlan prices out PostgreSQL's
// sequential scans and sorts, asking whether indexes CAN serve the query, as at the benchmark's
// 20,000 applications). Filtered by an answer, the admin list still reads each page off its list index
// in the index's order, with no sort step, and checks each row's answer with one lookup in AnswerChoice's
// primary key (questionId, choice, applicationId); the count reads the same two indexes.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { databaseProvider } from "~/db/database-url.ts";
import { listCallApplications, listCountQuery, listPageQuery, type ApplicationFilter } from "~/models/admin-application.server.ts";
import { readQuestionnaire, saveQuestion } from "~/models/call-questions.server.ts";
import { pickedChoiceCountsQuery } from "~/models/dashboard.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { createBigCall, filter, SORTS } from "../support/admin-list-factories.ts";
import { hasSortStep, queryPlan } from "../support/database-faults.ts";
import { createTestUser } from "../support/factories.ts";

beforeAll(async () => {
  await dbReady;
});

const postgres = () => databaseProvider() === "postgresql";

const LIST_INDEX = {
  normalized: "Application_list_by_score_idx",
  raw: "Application_list_by_raw_idx",
  submitted: "Application_list_by_submission_idx",
} as const;

/** AnswerChoice's primary key as each database names it in a plan. */
const answerChoiceKey = () =>
  postgres() ? /AnswerChoice_pkey/ : /sqlite_autoindex_AnswerChoice_1|AnswerChoice USING (COVERING INDEX|PRIMARY KEY)/;

const planOf = (sql: Prisma.Sql) => queryPlan(sql.text, ...sql.values);

describe("the admin list filtered by an answer", () => {
  let callId: string;
  let answer: NonNullable<ApplicationFilter["answer"]>;
  let expectedYes: number;

  beforeAll(async () => {
    const big = await createBigCall();
    callId = big.call.id;
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const base = { step: "questions", required: true, identifying: false } as const;
    const choices = (...values: string[]) => values.map((value) => ({ value, label: { fr: value } }));
    // Like the demo call's: each application picks a few choices of several questions.
    await saveQuestion(callId, null, { ...base, key: "resident", type: "YES_NO", label: { fr: "Résident ?" } }, admin.id);
    await saveQuestion(
      callId,
      null,
      { ...base, key: "maturity", type: "SINGLE_CHOICE", choices: choices("idea", "prototype", "revenue"), label: { fr: "Maturité" } },
      admin.id,
    );
    await saveQuestion(
      callId,
      null,
      {
        ...base,
        key: "markets",
        type: "MULTIPLE_CHOICE",
        choices: choices("morocco", "africa", "europe"),
        minPicks: 1,
        maxPicks: 3,
        label: { fr: "Marchés" },
      },
      admin.id,
    );
    await saveQuestion(callId, null, { ...base, key: "has_prototype", type: "YES_NO", label: { fr: "Prototype ?" } }, admin.id);
    const questions = new Map((await readQuestionnaire(callId)).questions.map((q) => [q.key, q.id]));
    const question = { id: questions.get("has_prototype")! };
    // Every application answers (drafts too: the list leaves them out itself); one in three has a prototype.
    const rows = big.all.flatMap((application, i) => [
      { questionId: question.id, choice: i % 3 === 0 ? "yes" : "no", applicationId: application.id },
      { questionId: questions.get("resident")!, choice: i % 5 === 0 ? "no" : "yes", applicationId: application.id },
      { questionId: questions.get("maturity")!, choice: ["idea", "prototype", "revenue"][i % 3], applicationId: application.id },
      { questionId: questions.get("markets")!, choice: "morocco", applicationId: application.id },
      { questionId: questions.get("markets")!, choice: i % 2 === 0 ? "africa" : "europe", applicationId: application.id },
    ]);
    await db.answerChoice.createMany({ data: rows });
    expectedYes = big.all.filter((application, i) => i % 3 === 0 && application.status !== "DRAFT").length;
    answer = { questionId: question.id, choice: "yes" };
    // PostgreSQL plans from its statistics: gathered now, as autovacuum would have at the benchmark's size.
    if (postgres()) await db.$executeRawUnsafe('VACUUM ANALYZE "Application", "AnswerChoice", "CallQuestion"');
  });

  it("lists what it counts", async () => {
    const list = await listCallApplications(callId, filter({ answer }));
    expect(list.total).toBe(expectedYes);
    expect(list.rows).toHaveLength(Math.min(50, expectedYes));
  });

  for (const sort of SORTS) {
    for (const page of [
      { limit: 50, offset: 0, backwards: false },
      { limit: 50, offset: 50, backwards: false },
      { limit: 50, offset: 0, backwards: true },
    ]) {
      it(`reads the ${sort} order off ${LIST_INDEX[sort]} (${page.backwards ? "from the end" : `offset ${page.offset}`}), each answer from AnswerChoice's key, with no sort step`, async () => {
        const plan = await planOf(listPageQuery(callId, filter({ sort, answer, status: sort === "raw" ? "REVIEW" : undefined }), page));
        expect(plan).toContain(LIST_INDEX[sort]);
        expect(plan).toMatch(answerChoiceKey());
        expect(hasSortStep(plan)).toBe(false);
        // Never a scan of the whole AnswerChoice table.
        expect(plan).not.toMatch(postgres() ? /Seq Scan on "?AnswerChoice/ : /SCAN ac\b(?! USING)/);
      });
    }
  }

  it("counts from the list's covering index and AnswerChoice's key", async () => {
    const plan = await planOf(listCountQuery(callId, filter({ answer })));
    expect(plan).toMatch(answerChoiceKey());
    expect(plan).toMatch(
      postgres() ? /Application_list_by_\w+_idx|Application_callId_status_idx/ : /COVERING INDEX Application_list_by_\w+_idx/,
    );
    expect(plan).not.toMatch(postgres() ? /Seq Scan/ : /SCAN ac\b(?! USING)/);
  });

  it("counts the dashboard's answers off AnswerChoice's key, grouped in its order", async () => {
    const plan = await planOf(pickedChoiceCountsQuery(callId));
    expect(plan).toMatch(answerChoiceKey());
    expect(plan).not.toMatch(postgres() ? /Seq Scan/ : /SCAN ac\b(?! USING)/);
    expect(hasSortStep(plan)).toBe(false);
  });
});
