// Answers as the staff read them (app/domain/answers-view.ts): written for the reader, identifying
// ones left out in blind review, each eligibility rule's outcome at screening, the admin list's answer
// filter, the dashboard's distributions and the CSV cells.
import { describe, expect, it } from "vitest";
import {
  answerCell,
  answerColumn,
  answerDisplay,
  answerDistributions,
  answerFilterOptions,
  identifyingFileIds,
  parseAnswerFilter,
  ruleOutcomes,
  showAnswers,
  type AnswerWriting,
} from "~/domain/answers-view.ts";
import { ELIGIBILITY_STEP, type QuestionDefinition, type QuestionSettings } from "~/domain/call-questions.ts";
import type { EligibilityRule } from "~/domain/eligibility.ts";
import { formatDay } from "~/i18n/dates.server.ts";

let position = 0;
function define(key: string, settings: QuestionSettings, extra: Partial<QuestionDefinition> = {}): QuestionDefinition {
  position += 1;
  return {
    id: `id_${key}`,
    key,
    position,
    step: "questions",
    required: true,
    identifying: false,
    label: { fr: `Question ${key}`, en: `Question ${key} (en)` },
    ...settings,
    ...extra,
  } as QuestionDefinition;
}

const teamSize = define("team_size", { type: "NUMBER", integer: true, min: 1, max: 20 }, { step: ELIGIBILITY_STEP });
const founded = define("founded", { type: "DATE" }, { step: ELIGIBILITY_STEP, label: { fr: "Date de création" } });
const company = define("company", { type: "SHORT_TEXT", maxLength: 100 }, { step: ELIGIBILITY_STEP, identifying: true });
const maturity = define("maturity", {
  type: "SINGLE_CHOICE",
  choices: [
    { value: "idea", label: { fr: "Idée", en: "Idea", ar: "فكرة" } },
    { value: "mvp", label: { fr: "Produit minimum" } },
    { value: "old", label: { fr: "Ancien choix" }, hidden: true },
  ],
});
const markets = define("markets", {
  type: "MULTIPLE_CHOICE",
  minPicks: 1,
  maxPicks: 3,
  choices: [
    { value: "morocco", label: { fr: "Maroc", en: "Morocco" } },
    { value: "africa", label: { fr: "Afrique", en: "Africa" } },
    { value: "europe", label: { fr: "Europe", en: "Europe" } },
  ],
});
const hasPrototype = define("has_prototype", { type: "YES_NO" });
const prototypeUrl = define(
  "prototype_url",
  { type: "URL" },
  { identifying: true, required: false, condition: { answer: { questionKey: "has_prototype", equals: true } } },
);
const water = define("water", { type: "LONG_TEXT", maxLength: 500 }, { condition: { sectors: ["GREEN_TECH"] } });
const deck = define("deck", { type: "PDF", maxBytes: 1_000_000 }, { required: false });
const QUESTIONS = [teamSize, founded, company, maturity, markets, hasPrototype, prototypeUrl, water, deck];

const writing = (locale: "fr" | "en" | "ar", files?: Map<string, string | null>): AnswerWriting => ({
  locale,
  yes: { fr: "Oui", en: "Yes", ar: "نعم" }[locale],
  no: { fr: "Non", en: "No", ar: "لا" }[locale],
  writeDay: formatDay,
  files,
});

const ANSWERS = {
  team_size: 12500,
  founded: "2024-03-15",
  company: "Atlas Solaire SARL",
  maturity: "mvp",
  markets: ["morocco", "europe"],
  has_prototype: true,
  prototype_url: "https://atlas-solaire.example.ma",
  deck: "att_1",
};

describe("answers as a staff page shows them", () => {
  it("writes every answer for the reader, in the questions' order, on the server", () => {
    const { answers, hidden } = showAnswers(
      QUESTIONS,
      { sector: "NEW_TECH", answers: ANSWERS },
      writing("en", new Map([["att_1", "deck.pdf"]])),
      { hideIdentifying: false },
    );
    expect(hidden).toBe(0);
    // The water question is for green tech only: not shown, and not answered.
    expect(answers.map((a) => a.key)).toEqual([
      "team_size",
      "founded",
      "company",
      "maturity",
      "markets",
      "has_prototype",
      "prototype_url",
      "deck",
    ]);
    const byKey = Object.fromEntries(answers.map((a) => [a.key, a]));
    expect(byKey.team_size).toMatchObject({ eligibility: true, label: { text: "Question team_size (en)", inFrench: false } });
    expect(byKey.team_size.answer).toEqual({ kind: "text", text: "12,500" });
    expect(byKey.founded.label).toMatchObject({ text: "Date de création", lang: "fr", inFrench: true });
    expect(byKey.founded.answer).toEqual({ kind: "text", text: formatDay("2024-03-15", "en") });
    expect(byKey.maturity.answer).toEqual({
      kind: "choices",
      choices: [expect.objectContaining({ text: "Produit minimum", inFrench: true })],
    });
    expect(byKey.markets.answer).toEqual({
      kind: "choices",
      choices: [expect.objectContaining({ text: "Morocco" }), expect.objectContaining({ text: "Europe" })],
    });
    expect(byKey.has_prototype.answer).toEqual({ kind: "text", text: "Yes" });
    expect(byKey.prototype_url.answer).toEqual({ kind: "link", href: "https://atlas-solaire.example.ma" });
    expect(byKey.deck.answer).toEqual({ kind: "file", attachmentId: "att_1", fileName: "deck.pdf" });
  });

  it("lists a question shown but not answered, without an answer", () => {
    const { answers } = showAnswers(QUESTIONS, { sector: "GREEN_TECH", answers: { has_prototype: false } }, writing("fr"), {
      hideIdentifying: false,
    });
    expect(answers.find((a) => a.key === "water")).toMatchObject({ answer: null });
    expect(answers.find((a) => a.key === "has_prototype")?.answer).toEqual({ kind: "text", text: "Non" });
    // Hidden by the "no": not listed.
    expect(answers.some((a) => a.key === "prototype_url")).toBe(false);
  });

  it("leaves identifying questions out whole in blind review, saying only how many answers it left out", () => {
    const shown = showAnswers(QUESTIONS, { answers: ANSWERS }, writing("ar"), { hideIdentifying: true });
    expect(shown.hidden).toBe(2);
    expect(shown.answers.map((a) => a.key)).not.toContain("company");
    expect(shown.answers.map((a) => a.key)).not.toContain("prototype_url");
    const serialized = JSON.stringify(shown);
    expect(serialized).not.toContain("Atlas Solaire");
    expect(serialized).not.toContain("atlas-solaire");
  });

  it("writes Arabic with its own words and numbers, a missing translation in French", () => {
    const { answers } = showAnswers(
      [maturity, hasPrototype, teamSize],
      { answers: { maturity: "idea", has_prototype: true, team_size: 3 } },
      writing("ar"),
      {
        hideIdentifying: false,
      },
    );
    expect(answers.map((a) => a.answer)).toEqual([
      { kind: "text", text: expect.any(String) },
      { kind: "choices", choices: [{ text: "فكرة", lang: "ar", dir: "rtl", inFrench: false }] },
      { kind: "text", text: "نعم" },
    ]);
  });

  it("shows a value of an unexpected type, a removed choice and a file of no attachment as they are, links only web addresses", () => {
    expect(answerDisplay(maturity, "gone", writing("en"))).toEqual({
      kind: "choices",
      choices: [expect.objectContaining({ text: "gone" })],
    });
    expect(answerDisplay(teamSize, "3", writing("en"))).toEqual({ kind: "text", text: "3" });
    expect(answerDisplay(founded, "not a day", writing("en"))).toEqual({ kind: "text", text: "not a day" });
    expect(answerDisplay(prototypeUrl, "javascript:alert(1)", writing("en"))).toEqual({ kind: "text", text: "javascript:alert(1)" });
    expect(answerDisplay(deck, "att_2", writing("en", new Map()))).toEqual({ kind: "text", text: "att_2" });
    expect(answerDisplay(deck, "att_2", writing("en", new Map([["att_2", null]])))).toEqual({
      kind: "file",
      attachmentId: "att_2",
      fileName: null,
    });
  });
});

describe("files in blind review", () => {
  it("names the attachments that answer identifying file questions", () => {
    const cv = define("cv", { type: "PDF", maxBytes: 1_000_000 }, { identifying: true, required: false });
    expect(identifyingFileIds([cv, deck], { cv: "att_cv", deck: "att_deck" })).toEqual(new Set(["att_cv"]));
    expect(identifyingFileIds([cv, deck], { deck: "att_deck" })).toEqual(new Set());
  });
});

describe("each eligibility rule's outcome at screening", () => {
  const registered = define("registered", { type: "YES_NO" }, { step: ELIGIBILITY_STEP });
  const foundedWhenRegistered = define(
    "founded_at",
    { type: "DATE" },
    { step: ELIGIBILITY_STEP, condition: { answer: { questionKey: "registered", equals: true } } },
  );
  const resident = define("resident", { type: "YES_NO" }, { step: ELIGIBILITY_STEP });
  const questions = [teamSize, registered, foundedWhenRegistered, resident];
  const rules: EligibilityRule[] = [
    { id: "r1", questionKey: "team_size", operator: "between", min: 1, max: 3 },
    { id: "r2", questionKey: "founded_at", operator: "after", date: "2023-12-29" },
    { id: "r3", questionKey: "resident", operator: "equals", value: true },
    { id: "r4", questionKey: "gone", operator: "equals", value: true },
  ];

  it("says which rules are met, not met, unanswered or do not apply", () => {
    expect(ruleOutcomes(rules, questions, { team_size: 2, registered: false, resident: true })).toEqual([
      { ruleId: "r1", outcome: "passed" },
      { ruleId: "r2", outcome: "notApplicable" },
      { ruleId: "r3", outcome: "passed" },
      { ruleId: "r4", outcome: "notApplicable" },
    ]);
    expect(ruleOutcomes(rules, questions, { team_size: 5, registered: true, founded_at: "2020-01-01" })).toEqual([
      { ruleId: "r1", outcome: "notMet" },
      { ruleId: "r2", outcome: "notMet" },
      { ruleId: "r3", outcome: "unanswered" },
      { ruleId: "r4", outcome: "notApplicable" },
    ]);
  });
});

describe("the admin list's answer filter", () => {
  it("names a choice (hidden ones too) or yes/no of a choice or yes/no question of the call, by key", () => {
    expect(parseAnswerFilter("has_prototype:yes", QUESTIONS)).toEqual({
      questionId: "id_has_prototype",
      questionKey: "has_prototype",
      choice: "yes",
    });
    expect(parseAnswerFilter("markets:europe", QUESTIONS)).toEqual({ questionId: "id_markets", questionKey: "markets", choice: "europe" });
    expect(parseAnswerFilter("maturity:old", QUESTIONS)).toMatchObject({ choice: "old" });
    for (const bad of [
      "has_prototype:maybe",
      "has_prototype:true",
      "company:x",
      "team_size:2",
      "nope:yes",
      "has_prototype",
      ":yes",
      "markets:",
      "",
    ]) {
      expect({ bad, filter: parseAnswerFilter(bad, QUESTIONS) }).toEqual({ bad, filter: null });
    }
  });

  it("offers every choice of those questions, in order, in the reader's language", () => {
    expect(answerFilterOptions(QUESTIONS, { locale: "en", yes: "Yes", no: "No" })).toEqual([
      {
        questionKey: "maturity",
        label: "Question maturity (en)",
        choices: [
          { value: "maturity:idea", label: "Idea" },
          { value: "maturity:mvp", label: "Produit minimum" },
          { value: "maturity:old", label: "Ancien choix" },
        ],
      },
      {
        questionKey: "markets",
        label: "Question markets (en)",
        choices: [
          { value: "markets:morocco", label: "Morocco" },
          { value: "markets:africa", label: "Africa" },
          { value: "markets:europe", label: "Europe" },
        ],
      },
      {
        questionKey: "has_prototype",
        label: "Question has_prototype (en)",
        choices: [
          { value: "has_prototype:yes", label: "Yes" },
          { value: "has_prototype:no", label: "No" },
        ],
      },
    ]);
  });
});

describe("the dashboard's distributions", () => {
  it("counts every offered choice, a hidden one only while picked, and values the question no longer has", () => {
    const counts = new Map([
      [
        "maturity",
        new Map([
          ["idea", 4],
          ["removed", 1],
        ]),
      ],
      ["has_prototype", new Map([["yes", 3]])],
    ]);
    const distributions = answerDistributions(QUESTIONS, counts, { locale: "en", yes: "Yes", no: "No" });
    expect(distributions.map((d) => [d.questionKey, d.multiple, d.rows.map((r) => [r.value, r.label.text, r.count])])).toEqual([
      [
        "maturity",
        false,
        [
          ["idea", "Idea", 4],
          ["mvp", "Produit minimum", 0],
          ["removed", "removed", 1],
        ],
      ],
      [
        "markets",
        true,
        [
          ["morocco", "Morocco", 0],
          ["africa", "Africa", 0],
          ["europe", "Europe", 0],
        ],
      ],
      [
        "has_prototype",
        false,
        [
          ["yes", "Yes", 3],
          ["no", "No", 0],
        ],
      ],
    ]);
  });
});

describe("the CSV export's answer columns", () => {
  it("names a column after its question's key, never after a fixed column", () => {
    expect(answerColumn({ key: "status" })).toBe("q_status");
  });

  it("writes answers in no language", () => {
    expect(answerCell(undefined)).toBe("");
    expect(answerCell(true)).toBe("yes");
    expect(answerCell(false)).toBe("no");
    expect(answerCell(12.5)).toBe(12.5);
    expect(answerCell(["morocco", "europe"])).toBe("morocco; europe");
    expect(answerCell("2024-03-15")).toBe("2024-03-15");
    expect(answerCell('=HYPERLINK("x")')).toBe('=HYPERLINK("x")');
  });
});
