// A call's own questions (app/domain/call-questions.ts): definitions, visibility, the answers
// schema shared by the wizard and the action, and what freezes once answers are submitted.
import { describe, expect, it } from "vitest";
import {
  ANSWER_ERROR_KEYS,
  DEFAULT_QUESTION_STEP,
  ELIGIBILITY_STEP,
  QUESTION_TYPES,
  answerErrorParams,
  answerIssueMessage,
  answerKeysToRefuse,
  buildAnswersSchema,
  isQuestionKey,
  offeredChoices,
  shownQuestionKeys,
  visibleQuestions,
  type AnswerValues,
  type Choice,
  type QuestionContext,
  type QuestionDefinition,
  type QuestionSettings,
} from "~/domain/call-questions.ts";
import {
  freezeViolations,
  questionDefinitionSchema,
  validateQuestionDefinitions,
  type Questionnaire,
} from "~/domain/call-questions-editor.ts";
import type { EligibilityRule } from "~/domain/eligibility.ts";
import { showText } from "~/domain/call-texts.ts";
import { parseForm } from "~/schemas/form-data.ts";
import { translate } from "../support/translate.ts";

const MB = 1024 * 1024;

let lastPosition = 0;
/** A question with defaults: optional, not identifying, on the questions step, positioned after the previous one. */
function define<S extends QuestionSettings>(
  key: string,
  settings: S,
  extra: Partial<Pick<QuestionDefinition, "position" | "step" | "required" | "identifying" | "label" | "help" | "condition">> = {},
): QuestionDefinition & S {
  lastPosition += 1;
  const common: Omit<QuestionDefinition, "type"> = {
    id: `id_${key}`,
    key,
    position: lastPosition,
    step: DEFAULT_QUESTION_STEP,
    required: false,
    identifying: false,
    label: { fr: `Question ${key}` },
    ...extra,
  };
  // TypeScript cannot tell that a generic S picks one member of the settings union.
  return { ...common, ...settings } as QuestionDefinition & S;
}

const choice = (value: string, hidden = false): Choice => ({
  value,
  label: { fr: `Choix ${value}`, en: `Choice ${value}` },
  ...(hidden && { hidden }),
});

const shortText = define("project_name", { type: "SHORT_TEXT", maxLength: 10 });
const longText = define("pitch", { type: "LONG_TEXT", maxLength: 20 });
const stage = define("stage", { type: "SINGLE_CHOICE", choices: [choice("idea"), choice("mvp"), choice("legacy", true)] });
const needs = define("needs", {
  type: "MULTIPLE_CHOICE",
  choices: [choice("funding"), choice("mentoring"), choice("office"), choice("legal"), choice("old", true)],
  minPicks: 2,
  maxPicks: 3,
});
const amount = define("amount", { type: "NUMBER", integer: true });
const share = define("share", { type: "NUMBER", min: 0, max: 100, integer: false });
const age = define("age", { type: "NUMBER", min: 18, integer: true });
const employees = define("employees", { type: "NUMBER", max: 50, integer: true });
const prototype = define("has_prototype", { type: "YES_NO" });
const founded = define("founded", { type: "DATE" });
const website = define("website", { type: "URL" });
const deck = define("deck", { type: "PDF", maxBytes: 5 * MB });
const ALL_TYPES = [shortText, longText, stage, needs, amount, share, age, employees, prototype, founded, website, deck];

const NO_CONTEXT: QuestionContext = { answers: {} };

type Outcome = { data: Record<string, unknown> } | { errors: Record<string, { key: string; params: Record<string, string | number> }> };

function parse(
  questions: readonly QuestionDefinition[],
  posted: unknown,
  { mode = "draft", context = NO_CONTEXT }: { mode?: "draft" | "submit"; context?: QuestionContext } = {},
): Outcome {
  const result = buildAnswersSchema(questions, context, { mode }).safeParse(posted);
  if (result.success) return { data: result.data };
  return { errors: Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), answerIssueMessage(issue)])) };
}

/** The typed value one question's answer parses to. */
function accepted(question: QuestionDefinition, raw: unknown, context: QuestionContext = NO_CONTEXT): unknown {
  const outcome = parse([question], { [question.key]: raw }, { context });
  if (!("data" in outcome)) throw new Error(`refused ${JSON.stringify(raw)}: ${JSON.stringify(outcome.errors)}`);
  return outcome.data[question.key];
}

/** The error one question's answer is refused with. */
function refused(question: QuestionDefinition, raw: unknown, context: QuestionContext = NO_CONTEXT) {
  const outcome = parse([question], { [question.key]: raw }, { context });
  if (!("errors" in outcome)) throw new Error(`accepted ${JSON.stringify(raw)} as ${JSON.stringify(outcome.data)}`);
  return outcome.errors[question.key];
}

describe("answers to each type of question", () => {
  it("short text: trimmed, at most its length, text only", () => {
    expect(accepted(shortText, "  Atlas AI  ")).toBe("Atlas AI");
    expect(accepted(shortText, "0123456789")).toBe("0123456789");
    expect(refused(shortText, "01234567890")).toEqual({ key: "questions.tooLong", params: { max: 10 } });
    expect(refused(shortText, ["Atlas"])).toEqual({ key: "questions.invalid", params: {} });
    expect(refused(shortText, 12)).toEqual({ key: "questions.invalid", params: {} });
  });

  it("long text: a line break posted as CRLF counts as one character, as the text area counted it", () => {
    const twentyWithBreak = "0123456789\r\n012345678";
    expect(accepted(longText, twentyWithBreak)).toBe("0123456789\n012345678");
    expect(refused(longText, `${twentyWithBreak}9`)).toEqual({ key: "questions.tooLong", params: { max: 20 } });
  });

  it("single choice: one of the offered values", () => {
    expect(accepted(stage, "mvp")).toBe("mvp");
    expect(refused(stage, "MVP")).toEqual({ key: "questions.notAChoice", params: {} });
    expect(refused(stage, ["mvp"])).toEqual({ key: "questions.invalid", params: {} });
  });

  it("single choice: a hidden choice is refused to a new answer, kept by an answer that already holds it", () => {
    expect(refused(stage, "legacy")).toEqual({ key: "questions.notAChoice", params: {} });
    expect(accepted(stage, "legacy", { answers: { stage: "legacy" } })).toBe("legacy");
    expect(refused(stage, "legacy", { answers: { stage: "idea" } })).toEqual({ key: "questions.notAChoice", params: {} });
  });

  it("multiple choice: offered values, without duplicates, in the question's order, within the picks", () => {
    expect(accepted(needs, ["office", "funding"])).toEqual(["funding", "office"]);
    expect(accepted(needs, ["legal", "funding", "mentoring"])).toEqual(["funding", "mentoring", "legal"]);
    expect(refused(needs, ["funding", "funding"])).toEqual({ key: "questions.pickAtLeast", params: { min: 2 } });
    expect(refused(needs, "funding")).toEqual({ key: "questions.pickAtLeast", params: { min: 2 } });
    expect(refused(needs, ["funding", "mentoring", "office", "legal"])).toEqual({ key: "questions.pickAtMost", params: { max: 3 } });
    expect(refused(needs, ["funding", "catering"])).toEqual({ key: "questions.notAChoice", params: {} });
    expect(refused(needs, ["funding", 3])).toEqual({ key: "questions.invalid", params: {} });
  });

  it("multiple choice: a lone string is one pick; a hidden choice stays only for an answer that holds it", () => {
    const single = define("single_pick", { type: "MULTIPLE_CHOICE", choices: [choice("a"), choice("b")], minPicks: 1, maxPicks: 2 });
    expect(accepted(single, "b")).toEqual(["b"]);
    expect(refused(needs, ["funding", "old"])).toEqual({ key: "questions.notAChoice", params: {} });
    expect(accepted(needs, ["funding", "old"], { answers: { needs: ["old", "legal"] } })).toEqual(["funding", "old"]);
  });

  it("number: ',' or '.' before decimals, spaces between digit groups, typed numbers as they are", () => {
    expect(accepted(share, "3,5")).toBe(3.5);
    expect(accepted(share, " 3.25 ")).toBe(3.25);
    expect(accepted(share, 42)).toBe(42);
    expect(accepted(amount, "12 500")).toBe(12500);
    expect(accepted(amount, "1\u202f250\u00a0000")).toBe(1250000);
    expect(accepted(amount, "-3")).toBe(-3);
    for (const text of ["abc", "1e3", "3,5,1", "3.", "0x10", "1 000 ,5", "--3"]) {
      expect(refused(share, text), text).toEqual({ key: "questions.numberInvalid", params: {} });
    }
    expect(refused(share, Number.POSITIVE_INFINITY)).toEqual({ key: "questions.numberInvalid", params: {} });
    expect(refused(amount, "99999999999999999999")).toEqual({ key: "questions.numberInvalid", params: {} });
    expect(refused(share, true)).toEqual({ key: "questions.numberInvalid", params: {} });
  });

  it("number: a whole number takes no decimal separator, so '50,000' is refused rather than read as 50", () => {
    expect(refused(amount, "50,000")).toEqual({ key: "questions.integerOnly", params: {} });
    expect(refused(amount, "2.5")).toEqual({ key: "questions.integerOnly", params: {} });
    expect(refused(amount, "3.")).toEqual({ key: "questions.integerOnly", params: {} });
    expect(refused(amount, 2.5)).toEqual({ key: "questions.integerOnly", params: {} });
    expect(accepted(amount, 7)).toBe(7);
  });

  it("number: bounds are inclusive, and the message names the bounds the question has", () => {
    expect(accepted(share, "0")).toBe(0);
    expect(accepted(share, "100")).toBe(100);
    expect(refused(share, "100,5")).toEqual({ key: "questions.numberRange", params: { min: 0, max: 100 } });
    expect(refused(share, "-1")).toEqual({ key: "questions.numberRange", params: { min: 0, max: 100 } });
    expect(refused(age, "17")).toEqual({ key: "questions.numberTooSmall", params: { min: 18 } });
    expect(accepted(age, "120")).toBe(120);
    expect(refused(employees, "51")).toEqual({ key: "questions.numberTooLarge", params: { max: 50 } });
  });

  it("yes/no: 'yes' and 'no' as posted, booleans as stored; nothing else", () => {
    expect(accepted(prototype, "yes")).toBe(true);
    expect(accepted(prototype, "no")).toBe(false);
    expect(accepted(prototype, true)).toBe(true);
    expect(accepted(prototype, false)).toBe(false);
    for (const raw of ["on", "true", "oui", "maybe", 1])
      expect(refused(prototype, raw), String(raw)).toEqual({ key: "questions.notAChoice", params: {} });
  });

  it("date: a day that exists, written yyyy-mm-dd", () => {
    expect(accepted(founded, "2024-02-29")).toBe("2024-02-29");
    expect(accepted(founded, " 2023-12-29 ")).toBe("2023-12-29");
    for (const raw of ["2023-02-29", "2023-13-01", "29/12/2023", "2023-12-29T10:00", "2023-1-5", 20231229]) {
      expect(refused(founded, raw), String(raw)).toEqual({ key: "questions.dateInvalid", params: {} });
    }
  });

  it("URL: a web address; a bare host gets https://; other schemes are refused", () => {
    expect(accepted(website, "https://atlas.ma/about")).toBe("https://atlas.ma/about");
    expect(accepted(website, "http://atlas.ma")).toBe("http://atlas.ma");
    expect(accepted(website, " www.atlas.ma ")).toBe("https://www.atlas.ma");
    for (const raw of [
      "javascript:alert(1)",
      "mailto:team@atlas.ma",
      "data:text/html,hi",
      "localhost",
      "not a url",
      "https://at las.ma",
      3,
    ]) {
      expect(refused(website, raw), String(raw)).toEqual({ key: "questions.urlInvalid", params: {} });
    }
    expect(refused(website, `https://atlas.ma/${"a".repeat(2040)}`)).toEqual({ key: "questions.tooLong", params: { max: 2048 } });
  });

  it("PDF: the id of an uploaded attachment, never a path", () => {
    expect(accepted(deck, "clx9f0a1b0000")).toBe("clx9f0a1b0000");
    for (const raw of ["../../etc/passwd", "a b", "x".repeat(65), 12])
      expect(refused(deck, raw), String(raw)).toEqual({ key: "questions.fileInvalid", params: {} });
  });

  it("a blank answer of any type is no answer: null, in draft and for an optional question on submit", () => {
    const blanks: Record<string, unknown> = {};
    for (const question of ALL_TYPES) blanks[question.key] = question.type === "MULTIPLE_CHOICE" ? [""] : "  ";
    blanks.has_prototype = null;
    blanks.needs = [];
    const expected = Object.fromEntries(ALL_TYPES.map((question) => [question.key, null]));
    expect(parse(ALL_TYPES, blanks)).toEqual({ data: expected });
    expect(parse(ALL_TYPES, blanks, { mode: "submit" })).toEqual({ data: expected });
  });
});

describe("draft and submit", () => {
  const required = ALL_TYPES.map((question) => ({ ...question, required: true }));

  it("a draft takes any subset, even nothing, and keeps only what was posted", () => {
    expect(parse(required, {})).toEqual({ data: {} });
    expect(parse(required, { stage: "idea", share: "12,5" })).toEqual({ data: { stage: "idea", share: 12.5 } });
  });

  it("a draft still refuses a malformed answer, and keeps the others' errors apart", () => {
    expect(parse(required, { stage: "nope", share: "12,5", founded: "yesterday" })).toEqual({
      errors: { stage: { key: "questions.notAChoice", params: {} }, founded: { key: "questions.dateInvalid", params: {} } },
    });
  });

  it("submitting needs every required question answered, and says so for each", () => {
    const outcome = parse(required, { stage: "idea" }, { mode: "submit" });
    expect("errors" in outcome && Object.keys(outcome.errors).sort()).toEqual(
      ALL_TYPES.map((question) => question.key)
        .filter((key) => key !== "stage")
        .sort(),
    );
    expect("errors" in outcome && outcome.errors.pitch).toEqual({ key: "questions.required", params: {} });
  });

  it("a saved answer counts on submit; an answer emptied now does not", () => {
    const questions = [
      { ...stage, required: true },
      { ...prototype, required: true },
    ];
    const context = { answers: { stage: "idea", has_prototype: false } };
    expect(parse(questions, {}, { mode: "submit", context })).toEqual({ data: {} });
    expect(parse(questions, { stage: "" }, { mode: "submit", context })).toEqual({
      errors: { stage: { key: "questions.required", params: {} } },
    });
  });

  it("'no' answers a required yes/no question", () => {
    expect(parse([{ ...prototype, required: true }], { has_prototype: "no" }, { mode: "submit" })).toEqual({
      data: { has_prototype: false },
    });
  });

  it("a malformed answer is reported once, not also as missing", () => {
    expect(parse([{ ...share, required: true }], { share: "lots" }, { mode: "submit" })).toEqual({
      errors: { share: { key: "questions.numberInvalid", params: {} } },
    });
  });

  it("drops keys of no question of the call, and refuses a body that is not an object", () => {
    expect(parse([stage], { stage: "idea", other_call_key: "x" })).toEqual({ data: { stage: "idea" } });
    expect(parse([stage], "stage=idea")).toEqual({ errors: { "": { key: "questions.invalid", params: {} } } });
  });
});

describe("error messages and their values", () => {
  it("every answer error exists in the three languages and interpolates nothing but min and max", () => {
    for (const key of ANSWER_ERROR_KEYS) {
      for (const locale of ["fr", "en", "ar"] as const) {
        const text = translate(locale, key, { min: 1, max: 9 });
        expect(text, `${key} ${locale}`).not.toMatch(/{{/);
      }
    }
  });

  it("an issue's params are among what answerErrorParams gives for its question, so both ways read the same", () => {
    const cases: Array<[QuestionDefinition, unknown]> = [
      [shortText, "x".repeat(11)],
      [longText, "x".repeat(21)],
      [needs, ["funding"]],
      [needs, ["funding", "mentoring", "office", "legal"]],
      [share, "101"],
      [age, "3"],
      [employees, "99"],
      [website, `https://a.ma/${"a".repeat(2048)}`],
    ];
    for (const [question, raw] of cases) {
      const { key, params } = refused(question, raw);
      expect(Object.keys(params).length, key).toBeGreaterThan(0);
      expect(answerErrorParams(question), key).toMatchObject(params);
      const text = translate("fr", key, answerErrorParams(question));
      expect(text, key).not.toMatch(/{{/);
      for (const value of Object.values(params)) expect(text, key).toContain(String(value));
    }
  });

  it("answerIssueMessage reads any other issue as an invalid answer, and keeps only printable params", () => {
    expect(answerIssueMessage({ message: "Invalid input: expected string" })).toEqual({ key: "questions.invalid", params: {} });
    expect(answerIssueMessage({ message: "questions.tooLong", params: { max: 5, extra: { nested: true } } })).toEqual({
      key: "questions.tooLong",
      params: { max: 5 },
    });
  });
});

describe("which questions are shown", () => {
  const founder = define("founder_name", { type: "SHORT_TEXT", maxLength: 80 });
  const green = define("emissions", { type: "LONG_TEXT", maxLength: 500 }, { condition: { sectors: ["GREEN_TECH"] } });
  const rabat = define("rabat_needs", { type: "SHORT_TEXT", maxLength: 80 }, { condition: { sites: ["site_rabat"] } });
  const registered = define("registered", { type: "YES_NO" });
  const registeredOn = define("registered_on", { type: "DATE" }, { condition: { answer: { questionKey: "registered", equals: true } } });
  const size = define("team_size", { type: "NUMBER", integer: true });
  const solo = define(
    "solo_plan",
    { type: "LONG_TEXT", maxLength: 500 },
    { condition: { answer: { questionKey: "team_size", equals: 1 } } },
  );
  const model = define("model", { type: "SINGLE_CHOICE", choices: [choice("b2b"), choice("b2c"), choice("b2g")] });
  const clients = define(
    "clients",
    { type: "SHORT_TEXT", maxLength: 80 },
    { condition: { answer: { questionKey: "model", in: ["b2b", "b2g"] } } },
  );
  const channels = define("channels", {
    type: "MULTIPLE_CHOICE",
    choices: [choice("web"), choice("shop"), choice("export")],
    minPicks: 0,
    maxPicks: 3,
  });
  const exportPlan = define(
    "export_plan",
    { type: "LONG_TEXT", maxLength: 500 },
    { condition: { answer: { questionKey: "channels", in: ["export"] } } },
  );
  const keys = (questions: QuestionDefinition[]) => questions.map((question) => question.key);

  it("a question without condition is always shown", () => {
    expect(keys(visibleQuestions([founder], NO_CONTEXT))).toEqual(["founder_name"]);
  });

  it("by sector: shown to the sectors named, hidden while no sector is chosen", () => {
    expect(keys(visibleQuestions([founder, green], { sector: "GREEN_TECH", answers: {} }))).toEqual(["founder_name", "emissions"]);
    expect(keys(visibleQuestions([founder, green], { sector: "NEW_TECH", answers: {} }))).toEqual(["founder_name"]);
    expect(keys(visibleQuestions([founder, green], { sector: null, answers: {} }))).toEqual(["founder_name"]);
  });

  it("by site: shown when the preferred or the alternate site is one named", () => {
    expect(keys(visibleQuestions([rabat], { siteIds: ["site_rabat"], answers: {} }))).toEqual(["rabat_needs"]);
    expect(keys(visibleQuestions([rabat], { siteIds: ["site_fes", "site_rabat"], answers: {} }))).toEqual(["rabat_needs"]);
    expect(keys(visibleQuestions([rabat], { siteIds: ["site_fes"], answers: {} }))).toEqual([]);
    expect(keys(visibleQuestions([rabat], NO_CONTEXT))).toEqual([]);
  });

  it("by a yes/no answer, a number answer; hidden while the other question is unanswered", () => {
    expect(keys(visibleQuestions([registered, registeredOn], { answers: { registered: true } }))).toEqual(["registered", "registered_on"]);
    expect(keys(visibleQuestions([registered, registeredOn], { answers: { registered: false } }))).toEqual(["registered"]);
    expect(keys(visibleQuestions([registered, registeredOn], NO_CONTEXT))).toEqual(["registered"]);
    expect(keys(visibleQuestions([size, solo], { answers: { team_size: 1 } }))).toEqual(["team_size", "solo_plan"]);
    expect(keys(visibleQuestions([size, solo], { answers: { team_size: 2 } }))).toEqual(["team_size"]);
  });

  it("by a choice answer in a list; for multiple choice, when any pick is in it", () => {
    expect(keys(visibleQuestions([model, clients], { answers: { model: "b2g" } }))).toEqual(["model", "clients"]);
    expect(keys(visibleQuestions([model, clients], { answers: { model: "b2c" } }))).toEqual(["model"]);
    expect(keys(visibleQuestions([channels, exportPlan], { answers: { channels: ["web", "export"] } }))).toEqual([
      "channels",
      "export_plan",
    ]);
    expect(keys(visibleQuestions([channels, exportPlan], { answers: { channels: ["web", "shop"] } }))).toEqual(["channels"]);
  });

  it("only when every part holds", () => {
    const both = define(
      "green_rabat",
      { type: "YES_NO" },
      { condition: { sectors: ["GREEN_TECH"], sites: ["site_rabat"], answer: { questionKey: "registered", equals: true } } },
    );
    const all = { sector: "GREEN_TECH" as const, siteIds: ["site_rabat"], answers: { registered: true } };
    expect(keys(visibleQuestions([registered, both], all))).toEqual(["registered", "green_rabat"]);
    expect(keys(visibleQuestions([registered, both], { ...all, sector: "NEW_TECH" }))).toEqual(["registered"]);
    expect(keys(visibleQuestions([registered, both], { ...all, siteIds: ["site_fes"] }))).toEqual(["registered"]);
    expect(keys(visibleQuestions([registered, both], { ...all, answers: { registered: false } }))).toEqual(["registered"]);
  });

  it("a question that depends on a hidden one is hidden, whatever that hidden one's saved answer", () => {
    const first = define("chain_first", { type: "YES_NO" });
    const second = define("chain_second", { type: "YES_NO" }, { condition: { answer: { questionKey: "chain_first", equals: true } } });
    const third = define("chain_third", { type: "YES_NO" }, { condition: { answer: { questionKey: "chain_second", equals: true } } });
    const chain = [first, second, third];
    expect(keys(visibleQuestions(chain, { answers: { chain_first: true, chain_second: true } }))).toEqual([
      "chain_first",
      "chain_second",
      "chain_third",
    ]);
    expect(keys(visibleQuestions(chain, { answers: { chain_first: false, chain_second: true } }))).toEqual(["chain_first"]);
    const required = chain.map((question) => ({ ...question, required: true }));
    expect(parse(required, { chain_first: "no" }, { mode: "submit", context: { answers: { chain_second: true } } })).toEqual({
      data: { chain_first: false },
    });
    expect(parse(required, { chain_first: "yes" }, { mode: "submit", context: { answers: { chain_second: true } } })).toEqual({
      errors: { chain_third: { key: "questions.required", params: {} } },
    });
  });

  it("in position order, whatever the order of the list", () => {
    expect(keys(visibleQuestions([registeredOn, registered], { answers: { registered: true } }))).toEqual(["registered", "registered_on"]);
  });

  it("the answers schema neither requires nor keeps a hidden question, and does not check its value", () => {
    const questions = [registered, { ...registeredOn, required: true }];
    expect(parse(questions, { registered: "no", registered_on: "not a date" }, { mode: "submit" })).toEqual({
      data: { registered: false },
    });
    expect(parse(questions, { registered: "yes" }, { mode: "submit" })).toEqual({
      errors: { registered_on: { key: "questions.required", params: {} } },
    });
    expect(parse(questions, { registered: "yes", registered_on: "2024-03-01" }, { mode: "submit" })).toEqual({
      data: { registered: true, registered_on: "2024-03-01" },
    });
  });

  it("the answers schema reads the saved answers for the questions not posted now, and the sector and sites of the context", () => {
    const questions = [registered, { ...registeredOn, required: true }, { ...green, required: true }];
    expect(parse(questions, { registered_on: "2024-03-01" }, { context: { answers: { registered: true } } })).toEqual({
      data: { registered_on: "2024-03-01" },
    });
    expect(parse(questions, { registered_on: "2024-03-01" }, { context: { answers: { registered: false } } })).toEqual({ data: {} });
    expect(parse(questions, {}, { mode: "submit", context: { sector: "GREEN_TECH", answers: { registered: false } } })).toEqual({
      errors: { emissions: { key: "questions.required", params: {} } },
    });
  });

  it("a malformed answer hides what depends on it instead of asking for it too", () => {
    const questions = [size, { ...solo, required: true }];
    expect(parse(questions, { team_size: "one" }, { mode: "submit", context: { answers: { team_size: 1 } } })).toEqual({
      errors: { team_size: { key: "questions.numberInvalid", params: {} } },
    });
  });

  it("a question emptied now hides what depends on it, even if its saved answer showed it", () => {
    expect(
      parse(
        [registered, { ...registeredOn, required: true }],
        { registered: "" },
        { mode: "submit", context: { answers: { registered: true } } },
      ),
    ).toEqual({
      data: { registered: null },
    });
  });
});

describe("shownQuestionKeys (the wizard's live conditions)", () => {
  const registered = define("is_registered", { type: "YES_NO" });
  const date = define("registration_date", { type: "DATE" }, { condition: { answer: { questionKey: "is_registered", equals: true } } });
  const city = define(
    "city",
    { type: "SHORT_TEXT", maxLength: 80 },
    { condition: { answer: { questionKey: "registration_date", in: ["2024-05-02"] } } },
  );
  const size = define("team_size", { type: "NUMBER", integer: true });
  const solo = define(
    "solo_plan",
    { type: "LONG_TEXT", maxLength: 500 },
    { condition: { answer: { questionKey: "team_size", equals: 1 } } },
  );
  const questions = [registered, date, size, solo];

  it("reads the answers as the form holds them, typed as the action types them", () => {
    expect(shownQuestionKeys(questions, NO_CONTEXT, { is_registered: "yes", team_size: "1" })).toEqual([
      "is_registered",
      "registration_date",
      "team_size",
      "solo_plan",
    ]);
    expect(shownQuestionKeys(questions, NO_CONTEXT, { is_registered: "no", team_size: "2" })).toEqual(["is_registered", "team_size"]);
  });

  it("for a question the form does not post, the saved answer decides; a posted answer overrides it", () => {
    const context = { answers: { is_registered: true, team_size: 1 } };
    expect(shownQuestionKeys(questions, context, {})).toEqual(["is_registered", "registration_date", "team_size", "solo_plan"]);
    expect(shownQuestionKeys(questions, context, { is_registered: "no" })).toEqual(["is_registered", "team_size", "solo_plan"]);
  });

  it("an answer not yet valid shows nothing that hangs on it, and a question hanging on a hidden one stays hidden", () => {
    expect(shownQuestionKeys(questions, NO_CONTEXT, { is_registered: "yes", team_size: "1,5" })).toEqual([
      "is_registered",
      "registration_date",
      "team_size",
    ]);
    const savedDate = { answers: { is_registered: true, registration_date: "2024-05-02" } };
    expect(shownQuestionKeys([registered, date, city], savedDate, {})).toEqual(["is_registered", "registration_date", "city"]);
    expect(shownQuestionKeys([registered, date, city], savedDate, { is_registered: "no" })).toEqual(["is_registered"]);
  });

  it("agrees with the questions the action then refuses or keeps (answerKeysToRefuse)", () => {
    const posted = { is_registered: "yes", registration_date: "2024-05-02" };
    expect(shownQuestionKeys(questions, { answers: { is_registered: false } }, posted)).toContain("registration_date");
    expect(answerKeysToRefuse(questions, { answers: { is_registered: false } }, posted)).toEqual({ unknown: [], hidden: [] });
  });
});

describe("answers a request must be refused for", () => {
  const registered = define("is_registered", { type: "YES_NO" });
  const date = define("registration_date", { type: "DATE" }, { condition: { answer: { questionKey: "is_registered", equals: true } } });
  const questions = [registered, date];

  it("keys of no question of the call", () => {
    expect(answerKeysToRefuse(questions, NO_CONTEXT, { is_registered: "yes", team_size: "3", __proto__x: "1" })).toEqual({
      unknown: ["team_size", "__proto__x"],
      hidden: [],
    });
  });

  it("a value for a question hidden before the request and still hidden after it", () => {
    expect(answerKeysToRefuse(questions, { answers: { is_registered: false } }, { registration_date: "2024-01-01" })).toEqual({
      unknown: [],
      hidden: ["registration_date"],
    });
    expect(answerKeysToRefuse(questions, NO_CONTEXT, { is_registered: "no", registration_date: "2024-01-01" }).hidden).toEqual([
      "registration_date",
    ]);
  });

  it("not a blank for a hidden question (a form may post its empty fields)", () => {
    expect(answerKeysToRefuse(questions, { answers: { is_registered: false } }, { registration_date: "" })).toEqual({
      unknown: [],
      hidden: [],
    });
  });

  it("not a question this very request shows, nor one it hides (its stale value is only dropped)", () => {
    expect(
      answerKeysToRefuse(questions, { answers: { is_registered: false } }, { is_registered: "yes", registration_date: "2024-01-01" }),
    ).toEqual({
      unknown: [],
      hidden: [],
    });
    const context = { answers: { is_registered: true } };
    const posted = { is_registered: "no", registration_date: "2024-01-01" };
    expect(answerKeysToRefuse(questions, context, posted)).toEqual({ unknown: [], hidden: [] });
    expect(parse(questions, posted, { context })).toEqual({ data: { is_registered: false } });
  });

  it("the key of a file question, blank or not, shown or not: its answer is set by the upload only, never typed", () => {
    const plan = define("business_plan", { type: "PDF", maxBytes: MB }, { required: true });
    const statutes = define(
      "statutes",
      { type: "PDF", maxBytes: MB },
      { condition: { answer: { questionKey: "is_registered", equals: true } } },
    );
    const withFiles = [registered, date, plan, statutes];
    for (const value of ["att_123", "", "  "]) {
      expect(answerKeysToRefuse(withFiles, NO_CONTEXT, { is_registered: "yes", business_plan: value }), JSON.stringify(value)).toEqual({
        unknown: ["business_plan"],
        hidden: [],
      });
    }
    // Shown (registered) or hidden, the file question's key is unknown, not merely hidden.
    expect(answerKeysToRefuse(withFiles, { answers: { is_registered: true } }, { statutes: "att_123" })).toEqual({
      unknown: ["statutes"],
      hidden: [],
    });
    expect(answerKeysToRefuse(withFiles, { answers: { is_registered: false } }, { statutes: "att_123", business_plan: "" })).toEqual({
      unknown: ["statutes", "business_plan"],
      hidden: [],
    });
    // The saved file answers (in the context) refuse nothing: only what is posted counts.
    expect(answerKeysToRefuse(withFiles, { answers: { business_plan: "att_1" } }, { is_registered: "no" })).toEqual({
      unknown: [],
      hidden: [],
    });
  });
});

describe("texts and choices offered", () => {
  it("a label in the reader's language, else in French, saying so (the rule of every text a call writes)", () => {
    const label = { fr: "Taille de l'équipe", en: "Team size", ar: " " };
    expect(showText(label, "en")).toEqual({ text: "Team size", lang: "en", dir: "ltr", inFrench: false });
    expect(showText(label, "ar")).toEqual({ text: "Taille de l'équipe", lang: "fr", dir: "ltr", inFrench: true });
    expect(showText({ fr: "Stade" }, "en")).toEqual({ text: "Stade", lang: "fr", dir: "ltr", inFrench: true });
  });

  it("hidden choices are offered only to an answer that holds them", () => {
    const values = (choices: Choice[]) => choices.map((offered) => offered.value);
    expect(values(offeredChoices(needs))).toEqual(["funding", "mentoring", "office", "legal"]);
    expect(values(offeredChoices(needs, ["old"]))).toEqual(["funding", "mentoring", "office", "legal", "old"]);
    expect(values(offeredChoices(stage, "legacy"))).toEqual(["idea", "mvp", "legacy"]);
  });

  it("question keys: a slug of 2 to 31 characters, never an Object property name", () => {
    for (const key of ["team_size", "q2", "a_very_long_key_of_31_chars_xyz"]) expect(isQuestionKey(key), key).toBe(true);
    for (const key of ["a", "2team", "Team", "team-size", "a_very_long_key_of_32_chars_xyzw", "constructor", "prototype", "__proto__"])
      expect(isQuestionKey(key), key).toBe(false);
  });
});

describe("validateQuestionDefinitions", () => {
  const codes = (questions: QuestionDefinition[]) =>
    validateQuestionDefinitions(questions).map(({ path, key, params }) => ({ path, key, ...(params && { params }) }));
  const gate = define("gate", { type: "YES_NO" });

  it("finds nothing wrong with a sound call", () => {
    const follow = define(
      "follow",
      { type: "SHORT_TEXT", maxLength: 300 },
      { condition: { sectors: ["NEW_TECH"], sites: ["s1"], answer: { questionKey: "gate", equals: false } } },
    );
    const eligibility = define("resident", { type: "YES_NO" }, { step: ELIGIBILITY_STEP });
    const dependsOnEligibility = define(
      "resident_city",
      { type: "SHORT_TEXT", maxLength: 80 },
      { step: ELIGIBILITY_STEP, condition: { answer: { questionKey: "resident", equals: true } } },
    );
    expect(codes([...ALL_TYPES, gate, follow, eligibility, dependsOnEligibility])).toEqual([]);
  });

  it("a key that is no slug, or that another question already has", () => {
    expect(codes([define("Bad-Key", { type: "YES_NO" }), define("good_key", { type: "YES_NO" })])).toEqual([
      { path: "questions.0.key", key: "questionEditor.keyInvalid" },
    ]);
    expect(codes([gate, define("gate", { type: "DATE" })])).toEqual([
      { path: "questions.1.key", key: "questionEditor.duplicateKey", params: { key: "gate" } },
    ]);
  });

  it("a question or a choice without its French text", () => {
    expect(
      codes([
        define(
          "untitled",
          { type: "SINGLE_CHOICE", choices: [choice("a"), { value: "b", label: { fr: " ", en: "B" } }] },
          { label: { fr: "", en: "Title" } },
        ),
      ]),
    ).toEqual([
      { path: "questions.0.label.fr", key: "questionEditor.labelRequired" },
      { path: "questions.0.choices.1.label.fr", key: "questionEditor.labelRequired" },
    ]);
  });

  it("a maximum length out of range for its type", () => {
    for (const [type, maxLength] of [
      ["SHORT_TEXT", 0],
      ["SHORT_TEXT", 301],
      ["LONG_TEXT", 10_001],
      ["LONG_TEXT", 2.5],
    ] as const) {
      expect(codes([define("text", { type, maxLength })]), `${type} ${maxLength}`).toEqual([
        { path: "questions.0.maxLength", key: "questionEditor.maxLengthRange", params: { max: type === "SHORT_TEXT" ? 300 : 10_000 } },
      ]);
    }
    expect(codes([define("text", { type: "LONG_TEXT", maxLength: 10_000 })])).toEqual([]);
  });

  it("no choice offered: none at all, or all hidden", () => {
    expect(codes([define("pick", { type: "SINGLE_CHOICE", choices: [] })])).toEqual([
      { path: "questions.0.choices", key: "questionEditor.noChoices" },
    ]);
    expect(codes([define("pick", { type: "SINGLE_CHOICE", choices: [choice("a", true)] })])).toEqual([
      { path: "questions.0.choices", key: "questionEditor.noChoices" },
    ]);
  });

  it("a choice value that is no slug, or that another choice already has", () => {
    expect(codes([define("pick", { type: "SINGLE_CHOICE", choices: [choice("a"), choice("Not OK"), choice("a")] })])).toEqual([
      { path: "questions.0.choices.1.value", key: "questionEditor.choiceValueInvalid" },
      { path: "questions.0.choices.2.value", key: "questionEditor.duplicateChoice", params: { value: "a" } },
    ]);
  });

  it("picks: not whole numbers, minimum above maximum, minimum above the choices offered", () => {
    const picks = (minPicks: number, maxPicks: number) =>
      codes([define("many", { type: "MULTIPLE_CHOICE", choices: [choice("a"), choice("b"), choice("c", true)], minPicks, maxPicks })]);
    expect(picks(-1, 2)).toEqual([{ path: "questions.0.minPicks", key: "questionEditor.picksInvalid" }]);
    expect(picks(0, 0)).toEqual([{ path: "questions.0.maxPicks", key: "questionEditor.picksInvalid" }]);
    expect(picks(1.5, 2)).toEqual([{ path: "questions.0.minPicks", key: "questionEditor.picksInvalid" }]);
    expect(picks(3, 2)).toEqual([{ path: "questions.0.minPicks", key: "questionEditor.minAboveMax", params: { min: 3, max: 2 } }]);
    expect(picks(3, 3)).toEqual([{ path: "questions.0.minPicks", key: "questionEditor.minPicksAboveChoices", params: { count: 2 } }]);
    expect(picks(2, 5)).toEqual([]);
  });

  it("a number's minimum above its maximum", () => {
    expect(codes([define("nb", { type: "NUMBER", min: 10, max: 1, integer: false })])).toEqual([
      { path: "questions.0.min", key: "questionEditor.minAboveMax", params: { min: 10, max: 1 } },
    ]);
    expect(codes([define("nb", { type: "NUMBER", min: 1, max: 1, integer: true })])).toEqual([]);
  });

  it("a PDF size cap above the upload limit, or not a whole number of bytes", () => {
    for (const maxBytes of [0, 11 * MB, 1.5]) {
      expect(codes([define("file", { type: "PDF", maxBytes })]), String(maxBytes)).toEqual([
        { path: "questions.0.maxBytes", key: "questionEditor.maxBytesRange", params: { max: 10 } },
      ]);
    }
  });

  it("a condition on a missing question, on a later one, on itself", () => {
    const on = (questionKey: string) => ({ condition: { answer: { questionKey, equals: true } } });
    expect(codes([gate, define("after", { type: "YES_NO" }, on("nowhere"))])).toEqual([
      { path: "questions.1.condition.answer.questionKey", key: "questionEditor.conditionMissing", params: { key: "nowhere" } },
    ]);
    const early = define("early", { type: "YES_NO" }, on("late"));
    const late = define("late", { type: "YES_NO" });
    expect(codes([early, late])).toEqual([
      { path: "questions.0.condition.answer.questionKey", key: "questionEditor.conditionLater", params: { key: "late" } },
    ]);
    expect(codes([define("selfish", { type: "YES_NO" }, on("selfish"))])).toEqual([
      { path: "questions.0.condition.answer.questionKey", key: "questionEditor.conditionLater", params: { key: "selfish" } },
    ]);
  });

  it("earlier and later are by position, not by place in the list", () => {
    const late = define("late", { type: "YES_NO" });
    const early = define(
      "early",
      { type: "YES_NO" },
      { position: late.position + 1, condition: { answer: { questionKey: "late", equals: true } } },
    );
    expect(codes([early, late])).toEqual([]);
  });

  it("a condition on an answer that cannot be compared", () => {
    for (const target of [longText, shortText, founded, website, deck]) {
      expect(
        codes([target, define("follow", { type: "YES_NO" }, { condition: { answer: { questionKey: target.key, in: ["x"] } } })]),
        target.type,
      ).toEqual([
        { path: "questions.1.condition.answer.questionKey", key: "questionEditor.conditionNotComparable", params: { key: target.key } },
      ]);
    }
  });

  it("a condition value of the wrong kind for its question", () => {
    const follow = (answer: Record<string, unknown>) => define("follow", { type: "YES_NO" }, { condition: { answer: answer as never } });
    expect(codes([gate, follow({ questionKey: "gate", in: ["yes"] })])).toEqual([
      { path: "questions.1.condition.answer.in", key: "questionEditor.conditionValueType" },
    ]);
    expect(codes([gate, follow({ questionKey: "gate", equals: 1 })])).toEqual([
      { path: "questions.1.condition.answer.equals", key: "questionEditor.conditionValueType" },
    ]);
    expect(codes([amount, follow({ questionKey: "amount", equals: true })])).toEqual([
      { path: "questions.1.condition.answer.equals", key: "questionEditor.conditionValueType" },
    ]);
    expect(codes([amount, follow({ questionKey: "amount", equals: Number.NaN })])).toEqual([
      { path: "questions.1.condition.answer.equals", key: "questionEditor.conditionValueType" },
    ]);
    expect(codes([stage, follow({ questionKey: "stage", equals: true })])).toEqual([
      { path: "questions.1.condition.answer.equals", key: "questionEditor.conditionValueType" },
    ]);
    expect(codes([amount, follow({ questionKey: "amount", equals: 3 })])).toEqual([]);
  });

  it("a condition value that is not among the question's choices, or an empty list", () => {
    const follow = (values: string[]) =>
      define("follow", { type: "YES_NO" }, { condition: { answer: { questionKey: "needs", in: values } } });
    expect(codes([needs, follow(["funding", "free_lunch"])])).toEqual([
      { path: "questions.1.condition.answer.in.1", key: "questionEditor.notAChoice", params: { value: "free_lunch" } },
    ]);
    expect(codes([needs, follow(["old"])])).toEqual([]);
    expect(codes([needs, follow([])])).toEqual([{ path: "questions.1.condition.answer.in", key: "questionEditor.listEmpty" }]);
  });

  it("an empty list of sectors or sites, which would show the question to no one", () => {
    expect(codes([define("nobody", { type: "YES_NO" }, { condition: { sectors: [], sites: [] } })])).toEqual([
      { path: "questions.0.condition.sectors", key: "questionEditor.listEmpty" },
      { path: "questions.0.condition.sites", key: "questionEditor.listEmpty" },
    ]);
  });

  it("an eligibility question that depends on what exists only once a draft does", () => {
    const eligibility = (condition: QuestionDefinition["condition"]) =>
      define("eligible_q", { type: "YES_NO" }, { step: ELIGIBILITY_STEP, condition });
    expect(codes([eligibility({ sectors: ["NEW_TECH"] })])).toEqual([
      { path: "questions.0.condition", key: "questionEditor.conditionBeforeDraft" },
    ]);
    expect(codes([eligibility({ sites: ["s1"] })])).toEqual([
      { path: "questions.0.condition", key: "questionEditor.conditionBeforeDraft" },
    ]);
    expect(codes([gate, eligibility({ answer: { questionKey: "gate", equals: true } })])).toEqual([
      { path: "questions.1.condition", key: "questionEditor.conditionBeforeDraft" },
    ]);
  });

  it("every problem's message exists in the three staff catalogs with the values it names", () => {
    const problems = validateQuestionDefinitions([
      define("Bad", { type: "SHORT_TEXT", maxLength: 0 }, { label: { fr: "" } }),
      gate,
      define("gate", { type: "MULTIPLE_CHOICE", choices: [choice("a"), choice("a")], minPicks: 3, maxPicks: 2 }),
      define("file", { type: "PDF", maxBytes: 0 }),
      define("follow", { type: "YES_NO" }, { condition: { sectors: [], answer: { questionKey: "nowhere", equals: true } } }),
    ]);
    expect(new Set(problems.map((problem) => problem.key)).size).toBeGreaterThanOrEqual(8);
    for (const problem of problems) {
      for (const locale of ["fr", "en", "ar"] as const)
        expect(translate(locale, problem.key, problem.params), `${problem.key} ${locale}`).not.toMatch(/{{/);
    }
  });
});

describe("questionDefinitionSchema (the editor's form)", () => {
  const ARRAYS = ["conditionSectors", "conditionSites", "conditionIn"];
  function post(fields: Record<string, string | string[]>) {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) form.append(name, item);
    return parseForm(questionDefinitionSchema, form, { arrays: ARRAYS });
  }
  const base = {
    key: "team_story",
    "label.fr": "Votre histoire",
    "label.en": "",
    "label.ar": "",
    "help.fr": "",
    "help.en": "",
    "help.ar": "",
  };

  it("turns a text question's form into its definition: default step, no empty translation, no empty help", () => {
    expect(post({ ...base, type: "LONG_TEXT", maxLength: "2000", required: "on", "label.en": "Your story" })).toEqual({
      ok: true,
      data: {
        key: "team_story",
        step: "questions",
        required: true,
        identifying: false,
        label: { fr: "Votre histoire", en: "Your story" },
        type: "LONG_TEXT",
        maxLength: 2000,
      },
    });
  });

  it("reads choices, picks, help and the flags", () => {
    const result = post({
      ...base,
      type: "MULTIPLE_CHOICE",
      step: "eligibility",
      identifying: "on",
      "help.fr": "Plusieurs réponses possibles",
      "help.ar": "يمكن اختيار أكثر من إجابة",
      "choices.0.value": "web",
      "choices.0.label.fr": "Site web",
      "choices.1.value": "shop",
      "choices.1.label.fr": "Boutique",
      "choices.1.hidden": "on",
      maxPicks: "2",
    });
    expect(result).toEqual({
      ok: true,
      data: {
        key: "team_story",
        step: "eligibility",
        required: false,
        identifying: true,
        label: { fr: "Votre histoire" },
        help: { fr: "Plusieurs réponses possibles", ar: "يمكن اختيار أكثر من إجابة" },
        type: "MULTIPLE_CHOICE",
        choices: [
          { value: "web", label: { fr: "Site web" }, hidden: false },
          { value: "shop", label: { fr: "Boutique" }, hidden: true },
        ],
        minPicks: 0,
        maxPicks: 2,
      },
    });
  });

  it("reads a number's bounds as typed, leaving a blank bound out", () => {
    expect(post({ ...base, type: "NUMBER", min: "0,5", max: "" })).toMatchObject({
      ok: true,
      data: { type: "NUMBER", min: 0.5, integer: false },
    });
    const withMax = post({ ...base, type: "NUMBER", min: "", max: "10", integer: "on" });
    expect(withMax).toMatchObject({ ok: true, data: { type: "NUMBER", max: 10, integer: true } });
    expect(withMax.ok && "min" in withMax.data).toBe(false);
  });

  it("takes a PDF's size cap in megabytes", () => {
    expect(post({ ...base, type: "PDF", maxMegabytes: "5" })).toMatchObject({ ok: true, data: { type: "PDF", maxBytes: 5 * MB } });
  });

  it("builds the condition from its fields: sectors, sites, and an answer in a list or equal to yes, no or a number", () => {
    const yesNo = (fields: Record<string, string | string[]>) => post({ ...base, type: "YES_NO", ...fields });
    expect(yesNo({ conditionSectors: ["GREEN_TECH", "NEW_TECH"], conditionSites: "s1" })).toMatchObject({
      ok: true,
      data: { condition: { sectors: ["GREEN_TECH", "NEW_TECH"], sites: ["s1"] } },
    });
    expect(yesNo({ conditionQuestionKey: "stage", conditionIn: ["idea", "mvp"] })).toMatchObject({
      ok: true,
      data: { condition: { answer: { questionKey: "stage", in: ["idea", "mvp"] } } },
    });
    expect(yesNo({ conditionQuestionKey: "registered", conditionEquals: "no" })).toMatchObject({
      ok: true,
      data: { condition: { answer: { questionKey: "registered", equals: false } } },
    });
    expect(yesNo({ conditionQuestionKey: "team_size", conditionEquals: "1" })).toMatchObject({
      ok: true,
      data: { condition: { answer: { questionKey: "team_size", equals: 1 } } },
    });
    const none = yesNo({ conditionQuestionKey: "", conditionEquals: "", conditionSectors: [] });
    expect(none.ok && "condition" in none.data).toBe(false);
  });

  it("says what is wrong beside each field, with translation keys", () => {
    expect(post({ ...base, type: "YES_NO", conditionQuestionKey: "registered", conditionEquals: "maybe" })).toMatchObject({
      ok: false,
      errors: { conditionEquals: "questionEditor.conditionValueInvalid" },
    });
    expect(post({ ...base, key: "Team Story", type: "SHORT_TEXT", maxLength: "abc", "label.fr": " " })).toMatchObject({
      ok: false,
      errors: { key: "questionEditor.keyInvalid", maxLength: "errors.numberInvalid", "label.fr": "errors.required" },
    });
    expect(post({ ...base, type: "ESSAY" })).toMatchObject({ ok: false, errors: { type: "errors.choose" } });
    expect(post({ ...base, type: "DATE", step: "Step 2!" })).toMatchObject({ ok: false, errors: { step: "questionEditor.stepInvalid" } });
    expect(post({ ...base, type: "DATE", "help.en": "Only in English" })).toMatchObject({
      ok: false,
      errors: { "help.fr": "errors.required" },
    });
    expect(post({ ...base, type: "DATE", "label.fr": "x".repeat(301) })).toMatchObject({
      ok: false,
      errors: { "label.fr": "errors.tooLong" },
    });
    expect(post({ ...base, type: "NUMBER", min: "ten" })).toMatchObject({ ok: false, errors: { min: "errors.numberInvalid" } });
    expect(post({ ...base, type: "DATE", conditionSectors: "SPACE" })).toMatchObject({
      ok: false,
      errors: { "conditionSectors.0": "errors.choose" },
    });
    expect(post({ ...base, type: "SINGLE_CHOICE", "choices.0.value": "Web Site", "choices.0.label.fr": "Site" })).toMatchObject({
      ok: false,
      errors: { "choices.0.value": "questionEditor.choiceValueInvalid" },
    });
    expect(post({ key: "q_without_label", type: "DATE" })).toMatchObject({ ok: false, errors: { label: "errors.required" } });
  });

  it("knows every question type", () => {
    const settings: Record<(typeof QUESTION_TYPES)[number], Record<string, string>> = {
      SHORT_TEXT: { maxLength: "80" },
      LONG_TEXT: { maxLength: "2000" },
      SINGLE_CHOICE: { "choices.0.value": "a", "choices.0.label.fr": "A" },
      MULTIPLE_CHOICE: { "choices.0.value": "a", "choices.0.label.fr": "A", maxPicks: "1" },
      NUMBER: {},
      YES_NO: {},
      DATE: {},
      URL: {},
      PDF: { maxMegabytes: "2" },
    };
    for (const type of QUESTION_TYPES) expect(post({ ...base, type, ...settings[type] }), type).toMatchObject({ ok: true, data: { type } });
  });

  it("leaves the meaning to validateQuestionDefinitions: a valid form may still define a question with a problem", () => {
    const result = post({ ...base, type: "SHORT_TEXT", maxLength: "5000" });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const question: QuestionDefinition = { ...result.data, id: "new", position: 1 };
    expect(validateQuestionDefinitions([question])).toEqual([
      { path: "questions.0.maxLength", key: "questionEditor.maxLengthRange", params: { max: 300 } },
    ]);
  });
});

describe("freezeViolations (once a call has a submitted application)", () => {
  const pitch = define("frozen_pitch", { type: "LONG_TEXT", maxLength: 1000 });
  const pick = define("frozen_pick", { type: "SINGLE_CHOICE", choices: [choice("a"), choice("b")] });
  const many = define("frozen_many", {
    type: "MULTIPLE_CHOICE",
    choices: [choice("a"), choice("b"), choice("c")],
    minPicks: 1,
    maxPicks: 2,
  });
  const count = define("frozen_count", { type: "NUMBER", min: 1, max: 10, integer: false });
  const open = define("frozen_open", { type: "NUMBER", integer: false });
  const file = define("frozen_file", { type: "PDF", maxBytes: 5 * MB });
  const questions = [pitch, pick, many, count, open, file];
  const rule: EligibilityRule = { id: "r1", questionKey: "frozen_count", operator: "between", min: 1, max: 3 };
  const listRule: EligibilityRule = { id: "r2", questionKey: "frozen_pick", operator: "in", values: ["a", "b"] };
  const before: Questionnaire = { questions, rules: [rule, listRule] };
  const answered = new Set(questions.map((question) => question.id));

  const edit = (index: number, change: Partial<QuestionDefinition>) => ({
    ...before,
    questions: questions.map((question, i) => (i === index ? ({ ...question, ...change } as QuestionDefinition) : question)),
  });
  const violations = (after: typeof before, answeredIds: ReadonlySet<string> = answered) =>
    freezeViolations(before, after, answeredIds).map(({ path, key, params }) => ({ path, key, ...(params && { params }) }));

  it("allows texts, flags, order, steps, conditions, new questions, new and hidden choices and wider limits", () => {
    const allowed = [
      edit(0, {
        label: { fr: "Nouveau", en: "New", ar: "جديد" },
        help: { fr: "Aide" },
        required: true,
        identifying: true,
        step: "project",
        position: 99,
      }),
      edit(0, { condition: { sectors: ["GREEN_TECH"] }, maxLength: 2000 }),
      edit(1, { choices: [choice("a", true), { value: "b", label: { fr: "Bé" } }, choice("c")] }),
      edit(2, { minPicks: 0, maxPicks: 3 }),
      edit(3, { min: 0, max: 20, integer: false }),
      edit(3, { min: undefined, max: undefined }),
      edit(5, { maxBytes: 10 * MB }),
      { ...before, questions: [...questions, define("frozen_new", { type: "YES_NO" }, { required: true })] },
      {
        ...before,
        rules: [
          { ...rule, message: { fr: "Une équipe de 1 à 3 personnes" } },
          { ...listRule, values: ["b", "a"] },
        ],
      },
    ];
    for (const after of allowed) expect(violations(after)).toEqual([]);
  });

  it("refuses removing a question with answers, allows removing one without", () => {
    const without = { ...before, questions: questions.filter((question) => question !== pitch) };
    expect(violations(without)).toEqual([{ path: "questions", key: "questionEditor.frozenRemoved", params: { key: "frozen_pitch" } }]);
    expect(violations(without, new Set([pick.id]))).toEqual([]);
  });

  it("refuses a new key and a new type (and then nothing more about the type's settings)", () => {
    expect(violations(edit(0, { key: "renamed" }))).toEqual([
      { path: "questions.0.key", key: "questionEditor.frozenKey", params: { key: "frozen_pitch" } },
    ]);
    expect(violations(edit(0, { type: "SHORT_TEXT", maxLength: 10 }))).toEqual([
      { path: "questions.0.type", key: "questionEditor.frozenType", params: { key: "frozen_pitch" } },
    ]);
    expect(violations(edit(2, { type: "SINGLE_CHOICE" }))).toEqual([
      { path: "questions.2.type", key: "questionEditor.frozenType", params: { key: "frozen_many" } },
    ]);
  });

  it("refuses removing a choice, or renaming its value (hiding it is the way)", () => {
    expect(violations(edit(1, { choices: [choice("a")] }))).toEqual([
      { path: "questions.1.choices", key: "questionEditor.frozenChoiceRemoved", params: { value: "b" } },
    ]);
    expect(violations(edit(2, { choices: [choice("a"), choice("b"), choice("see")] }))).toEqual([
      { path: "questions.2.choices", key: "questionEditor.frozenChoiceRemoved", params: { value: "c" } },
    ]);
  });

  it("refuses narrowing a limit stored answers were checked against", () => {
    const narrowed = (index: number, change: Partial<QuestionDefinition>) =>
      violations(edit(index, change)).map((violation) => violation.path);
    expect(narrowed(0, { maxLength: 999 })).toEqual(["questions.0.maxLength"]);
    expect(narrowed(2, { minPicks: 2 })).toEqual(["questions.2.minPicks"]);
    expect(narrowed(2, { maxPicks: 1 })).toEqual(["questions.2.maxPicks"]);
    expect(narrowed(3, { min: 2 })).toEqual(["questions.3.min"]);
    expect(narrowed(3, { max: 9 })).toEqual(["questions.3.max"]);
    expect(narrowed(3, { integer: true })).toEqual(["questions.3.integer"]);
    expect(narrowed(4, { min: 0 })).toEqual(["questions.4.min"]);
    expect(narrowed(4, { max: 100 })).toEqual(["questions.4.max"]);
    expect(narrowed(5, { maxBytes: 4 * MB })).toEqual(["questions.5.maxBytes"]);
    expect(violations(edit(0, { maxLength: 999 }))).toEqual([
      { path: "questions.0.maxLength", key: "questionEditor.frozenNarrowed", params: { key: "frozen_pitch" } },
    ]);
  });

  it("refuses any change to what a rule tests, adding a rule and removing one", () => {
    const rules = (changed: EligibilityRule[]) => violations({ ...before, rules: changed });
    expect(rules([{ ...rule, max: 4 }, listRule])).toEqual([{ path: "rules.0", key: "questionEditor.frozenRules" }]);
    expect(rules([{ ...rule, questionKey: "frozen_open" }, listRule])).toEqual([{ path: "rules.0", key: "questionEditor.frozenRules" }]);
    expect(rules([rule, { ...listRule, values: ["a"] }])).toEqual([{ path: "rules.1", key: "questionEditor.frozenRules" }]);
    expect(rules([rule, listRule, { id: "r3", questionKey: "frozen_count", operator: "atLeast", min: 1 }])).toEqual([
      { path: "rules.2", key: "questionEditor.frozenRules" },
    ]);
    expect(rules([rule])).toEqual([{ path: "rules", key: "questionEditor.frozenRules" }]);
  });

  it("every violation's message exists in the three staff catalogs with the values it names", () => {
    const all = freezeViolations(
      before,
      {
        questions: [
          { ...pick, choices: [choice("a")] },
          { ...many, key: "renamed" },
          { ...count, type: "YES_NO" } as QuestionDefinition,
          { ...open, min: 5 },
        ],
        rules: [],
      },
      answered,
    );
    expect(new Set(all.map((violation) => violation.key)).size).toBe(6);
    for (const violation of all) {
      for (const locale of ["fr", "en", "ar"] as const)
        expect(translate(locale, violation.key, violation.params), violation.key).not.toMatch(/{{/);
    }
  });
});

describe("stored answers read back through the schema", () => {
  it("parse to themselves, so a saved application can be checked again on submit", () => {
    const stored: AnswerValues = {
      project_name: "Atlas",
      pitch: "line one\nline two",
      stage: "mvp",
      needs: ["funding", "legal"],
      amount: 12500,
      share: 3.5,
      age: 30,
      employees: 4,
      has_prototype: false,
      founded: "2024-01-05",
      website: "https://atlas.ma",
      deck: "clx9f0a1b0000",
    };
    expect(parse(ALL_TYPES, stored, { mode: "submit" })).toEqual({ data: stored });
  });
});
