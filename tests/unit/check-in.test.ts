// The check-in form's schema (app/schemas/check-in.ts): posted as a plain HTML form posts it, every
// value a string, read into typed answers; and the autosave's field-by-field draft.
import { describe, expect, it } from "vitest";
import { FUNDING_TYPES, LEGAL_FORMS, REVENUE_BANDS, SUPPORT_TRACKS } from "~/domain/check-in-options.ts";
import { CHECK_IN_ARRAY_FIELDS, checkInSchema, parseCheckInDraft, type CheckInAnswers } from "~/schemas/check-in.ts";
import { issuesToErrors, parseForm } from "~/schemas/form-data.ts";

/** A complete check-in of a project still operating, as its form posts it. */
const VALID: Record<string, string> = {
  operating: "yes",
  ceasedOn: "",
  ceasedReason: "",
  legalForm: "SARL_AU",
  registeredOn: "2024-03-12",
  fullTimeJobs: "4",
  partTimeJobs: "2",
  revenueBand: "100K_500K",
  exportShare: "15",
  fundingAmount: "250000",
  customers: "38",
  "support.NETWORKING": "5",
  "support.FUNDING_ACCESS": "3",
  "support.SKILLS": "",
  "support.MARKET_ACCESS": "4",
  comments: "  Un deuxième client à l'export.  ",
};

/** The form posted with `changes` (undefined: the field not posted) and the ticked funding boxes. */
function post(changes: Record<string, string | undefined> = {}, fundingTypes: string[] = ["GRANT", "EQUITY"]) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...VALID, ...changes })) if (value !== undefined) form.append(name, value);
  for (const type of fundingTypes) form.append("fundingTypes", type);
  return parseForm(checkInSchema, form, { arrays: CHECK_IN_ARRAY_FIELDS });
}
const errorsOf = (parsed: ReturnType<typeof post>) => (parsed.ok ? {} : parsed.errors);
const dataOf = (parsed: ReturnType<typeof post>): CheckInAnswers => {
  if (!parsed.ok) throw new Error(`refused: ${JSON.stringify(parsed.errors)}`);
  return parsed.data;
};

describe("checkInSchema", () => {
  it("reads a complete post into typed answers", () => {
    expect(dataOf(post())).toEqual({
      operating: true,
      ceasedOn: null,
      ceasedReason: null,
      legalForm: "SARL_AU",
      registeredOn: "2024-03-12",
      fullTimeJobs: 4,
      partTimeJobs: 2,
      revenueBand: "100K_500K",
      exportShare: 15,
      fundingAmount: 250000,
      // In FUNDING_TYPES' order, whatever order the boxes were posted in.
      fundingTypes: ["GRANT", "EQUITY"],
      customers: 38,
      support: { NETWORKING: 5, FUNDING_ACCESS: 3, SKILLS: null, MARKET_ACCESS: 4 },
      comments: "Un deuxième client à l'export.",
    } satisfies CheckInAnswers);
    expect(dataOf(post({}, ["EQUITY", "GRANT", "EQUITY"])).fundingTypes).toEqual(["GRANT", "EQUITY"]);
  });

  it("exports the choices as given", () => {
    expect(LEGAL_FORMS).toEqual(["NONE", "AUTO_ENTREPRENEUR", "SARL", "SARL_AU", "SA", "COOPERATIVE", "OTHER"]);
    expect(REVENUE_BANDS).toEqual(["NONE", "UNDER_100K", "100K_500K", "500K_1M", "1M_5M", "OVER_5M"]);
    expect(FUNDING_TYPES).toEqual(["GRANT", "LOAN", "EQUITY", "PRIZE"]);
    expect(SUPPORT_TRACKS).toEqual(["NETWORKING", "FUNDING_ACCESS", "SKILLS", "MARKET_ACCESS"]);
  });

  it("asks whether the project operates", () => {
    expect(errorsOf(post({ operating: undefined }))).toEqual({ operating: "errors.choose" });
    expect(errorsOf(post({ operating: "" }))).toEqual({ operating: "errors.choose" });
    expect(errorsOf(post({ operating: "maybe" }))).toEqual({ operating: "errors.choose" });
  });

  it("requires the day and the reason when the project no longer operates", () => {
    expect(errorsOf(post({ operating: "no" }))).toEqual({ ceasedOn: "errors.required", ceasedReason: "errors.required" });
    expect(errorsOf(post({ operating: "no", ceasedOn: "2025-02-30", ceasedReason: "Funds ran out" }))).toEqual({
      ceasedOn: "followUp.errors.dateInvalid",
    });
    expect(errorsOf(post({ operating: "no", ceasedOn: "2025-11-05", ceasedReason: "x".repeat(1001) }))).toEqual({
      ceasedReason: "errors.tooLong",
    });
    const ceased = dataOf(post({ operating: "no", ceasedOn: " 2025-11-05 ", ceasedReason: "  Funds ran out " }));
    expect([ceased.operating, ceased.ceasedOn, ceased.ceasedReason]).toEqual([false, "2025-11-05", "Funds ran out"]);
  });

  it("ignores the day and the reason of a project that operates, even malformed", () => {
    const answers = dataOf(post({ operating: "yes", ceasedOn: "not a day", ceasedReason: "x".repeat(5000) }));
    expect([answers.ceasedOn, answers.ceasedReason]).toEqual([null, null]);
  });

  it("checks the registration day when given", () => {
    expect(dataOf(post({ registeredOn: "" })).registeredOn).toBeNull();
    expect(errorsOf(post({ registeredOn: "12/03/2024" }))).toEqual({ registeredOn: "followUp.errors.dateInvalid" });
    expect(errorsOf(post({ registeredOn: "2023-02-29" }))).toEqual({ registeredOn: "followUp.errors.dateInvalid" });
  });

  it("takes only the offered legal forms and revenue bands", () => {
    expect(errorsOf(post({ legalForm: "SAS", revenueBand: "" }))).toEqual({ legalForm: "errors.choose", revenueBand: "errors.choose" });
    expect(errorsOf(post({ legalForm: undefined }))).toEqual({ legalForm: "errors.choose" });
  });

  it("reads numbers spaced by thousands, and refuses other separators", () => {
    // A space, a no-break space and a narrow no-break space between digit groups.
    const answers = dataOf(post({ fundingAmount: "1 250 000", fullTimeJobs: "1\u00a0200", customers: "12\u202f500" }));
    expect([answers.fundingAmount, answers.fullTimeJobs, answers.customers]).toEqual([1_250_000, 1200, 12_500]);
    expect(errorsOf(post({ fundingAmount: "250,000" }))).toEqual({ fundingAmount: "errors.numberInvalid" });
    expect(errorsOf(post({ fundingAmount: "250.000" }))).toEqual({ fundingAmount: "errors.numberInvalid" });
    expect(errorsOf(post({ fundingAmount: "250 000 MAD" }))).toEqual({ fundingAmount: "errors.numberInvalid" });
  });

  it("bounds the jobs and requires them", () => {
    expect(dataOf(post({ fullTimeJobs: "0", partTimeJobs: "100 000" })).partTimeJobs).toBe(100_000);
    expect(errorsOf(post({ fullTimeJobs: "", partTimeJobs: "100001" }))).toEqual({
      fullTimeJobs: "errors.numberInvalid",
      partTimeJobs: "errors.numberInvalid",
    });
    expect(errorsOf(post({ fullTimeJobs: "-1", partTimeJobs: "2.5" }))).toEqual({
      fullTimeJobs: "errors.numberInvalid",
      partTimeJobs: "errors.numberInvalid",
    });
  });

  it.each([
    ["0", 0],
    ["100", 100],
    ["40 %", 40],
    ["40%", 40],
  ])("takes %j as an export share of %i percent", (typed, share) => {
    expect(dataOf(post({ exportShare: typed })).exportShare).toBe(share);
  });

  it.each(["101", "-1", "12.5", "", "abc"])("refuses %j as an export share", (typed) => {
    expect(errorsOf(post({ exportShare: typed }))).toEqual({ exportShare: "followUp.errors.percentInvalid" });
  });

  it("reads no funding amount as 0, and asks what kind of funding an amount is", () => {
    const none = dataOf(post({ fundingAmount: "" }, []));
    expect([none.fundingAmount, none.fundingTypes]).toEqual([0, []]);
    expect(errorsOf(post({ fundingAmount: "50 000" }, []))).toEqual({ fundingTypes: "followUp.errors.fundingTypeRequired" });
    expect(errorsOf(post({}, ["GRANT", "CRYPTO"]))).toEqual({ fundingTypes: "errors.choose" });
    expect(errorsOf(post({ fundingAmount: "10000000001" }))).toEqual({ fundingAmount: "errors.numberInvalid" });
    expect(dataOf(post({ fundingAmount: "10 000 000 000" })).fundingAmount).toBe(10_000_000_000);
  });

  it("reads a lone ticked box posted as a string", () => {
    const result = checkInSchema.safeParse({ ...VALID, fundingTypes: "LOAN" });
    expect(result.success && result.data.fundingTypes).toEqual(["LOAN"]);
  });

  it("reads the support ratings 1 to 5, blank as not rated", () => {
    const blank = Object.fromEntries(SUPPORT_TRACKS.map((track) => [`support.${track}`, ""]));
    expect(dataOf(post(blank)).support).toEqual({ NETWORKING: null, FUNDING_ACCESS: null, SKILLS: null, MARKET_ACCESS: null });
    expect(dataOf(post({ "support.SKILLS": "1" })).support.SKILLS).toBe(1);
    expect(errorsOf(post({ "support.SKILLS": "6", "support.NETWORKING": "0" }))).toEqual({
      "support.SKILLS": "errors.choose",
      "support.NETWORKING": "errors.choose",
    });
    expect(errorsOf(post({ "support.MARKET_ACCESS": "4.5" }))).toEqual({ "support.MARKET_ACCESS": "errors.choose" });
  });

  it("reads customers as optional, and bounds the comments", () => {
    expect(dataOf(post({ customers: "" })).customers).toBeNull();
    expect(errorsOf(post({ customers: "10000001" }))).toEqual({ customers: "errors.numberInvalid" });
    expect(dataOf(post({ comments: undefined })).comments).toBe("");
    expect(dataOf(post({ comments: ` ${"x".repeat(2000)} ` })).comments).toHaveLength(2000);
    expect(errorsOf(post({ comments: "x".repeat(2001) }))).toEqual({ comments: "errors.tooLong" });
  });

  it("reports every field's error at once", () => {
    const result = checkInSchema.safeParse({ operating: "no" });
    expect(result.success ? {} : issuesToErrors(result.error.issues)).toEqual({
      ceasedOn: "errors.required",
      ceasedReason: "errors.required",
      legalForm: "errors.choose",
      fullTimeJobs: "errors.numberInvalid",
      partTimeJobs: "errors.numberInvalid",
      revenueBand: "errors.choose",
      exportShare: "followUp.errors.percentInvalid",
    });
  });
});

describe("parseCheckInDraft", () => {
  it("keeps the valid fields and reports the invalid ones", () => {
    const { values, errors } = parseCheckInDraft({
      operating: "no",
      ceasedOn: "2025-13-01",
      legalForm: "SARL",
      fullTimeJobs: "3 000",
      partTimeJobs: "many",
      exportShare: "",
      fundingAmount: "",
      fundingTypes: ["LOAN"],
      customers: "",
      support: { NETWORKING: "4", SKILLS: "9" },
      comments: " Draft ",
    });
    expect(values).toEqual({
      operating: false,
      legalForm: "SARL",
      fullTimeJobs: 3000,
      fundingAmount: 0,
      fundingTypes: ["LOAN"],
      customers: null,
      support: { NETWORKING: 4, FUNDING_ACCESS: null, SKILLS: null, MARKET_ACCESS: null },
      comments: "Draft",
    });
    expect(errors).toEqual({
      ceasedOn: "followUp.errors.dateInvalid",
      partTimeJobs: "errors.numberInvalid",
      "support.SKILLS": "errors.choose",
    });
  });

  it("requires nothing and leaves out what was not posted", () => {
    expect(parseCheckInDraft({})).toEqual({ values: {}, errors: {} });
    // A project that stopped, without its day yet; money without its kind: both wait for the submission.
    expect(parseCheckInDraft({ operating: "no", fundingAmount: "5000" })).toEqual({
      values: { operating: false, fundingAmount: 5000 },
      errors: {},
    });
  });

  it("keeps a cleared optional field as blank, so clearing it is saved", () => {
    expect(parseCheckInDraft({ registeredOn: "", ceasedReason: " ", "support.SKILLS": "", fundingTypes: "" }).values).toEqual({
      registeredOn: null,
      ceasedReason: null,
      fundingTypes: [],
      support: { NETWORKING: null, FUNDING_ACCESS: null, SKILLS: null, MARKET_ACCESS: null },
    });
  });
});
