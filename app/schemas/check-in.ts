// The follow-up check-in form (issue 17), shared by the form (browser) and the action (server); the
// autosave reads the same fields one by one (parseCheckInDraft). zod/mini, like application.ts: the form
// fetches it on its first check (check-in-form.tsx), and the page's action imports it when a check-in is
// posted. Every field is read by one function below, so the schema and the draft cannot disagree on what
// a field accepts.
import * as z from "zod/mini";
import { isIsoDate, parseTypedNumber } from "~/domain/typed-values.ts";
import {
  FUNDING_TYPES,
  LEGAL_FORMS,
  REVENUE_BANDS,
  SUPPORT_TRACKS,
  type FundingType,
  type LegalForm,
  type RevenueBand,
  type SupportTrack,
} from "~/domain/check-in-options.ts";

const JOBS_MAX = 100_000;
const FUNDING_MAX = 10_000_000_000;
const CUSTOMERS_MAX = 10_000_000;
const CEASED_REASON_MAX = 1000;
const COMMENTS_MAX = 2000;

/** The answers as checked: what the action stores and the dashboard adds up. */
type Answers = {
  operating: boolean;
  /** yyyy-mm-dd; null when the project operates. */
  ceasedOn: string | null;
  ceasedReason: string | null;
  legalForm: LegalForm;
  /** yyyy-mm-dd, when the company was registered; null when not said. */
  registeredOn: string | null;
  /** Founders included. */
  fullTimeJobs: number;
  partTimeJobs: number;
  revenueBand: RevenueBand;
  /** Whole percent of revenue from exports. */
  exportShare: number;
  /** Whole MAD raised since the last check-in (0: none). */
  fundingAmount: number;
  /** In FUNDING_TYPES' order. */
  fundingTypes: FundingType[];
  customers: number | null;
  support: Record<SupportTrack, number | null>;
  comments: string;
};

type ErrorKey =
  | "errors.choose"
  | "errors.required"
  | "errors.numberInvalid"
  | "errors.tooLong"
  | "followUp.errors.dateInvalid"
  | "followUp.errors.percentInvalid"
  | "followUp.errors.fundingTypeRequired";

/** A field as read: its value (undefined: left blank), or why it was refused. */
type Read<T> = { value: T | undefined } | { error: ErrorKey };
const BLANK = { value: undefined };

/** Not answered: not posted, "" from a form post, null from an unticked radio group in the browser. */
const isBlank = (raw: unknown) => raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "");

const readChoice =
  <T extends string>(options: readonly T[]) =>
  (raw: unknown): Read<T> => {
    if (isBlank(raw)) return BLANK;
    return typeof raw === "string" && (options as readonly string[]).includes(raw) ? { value: raw as T } : { error: "errors.choose" };
  };

function readOperating(raw: unknown): Read<boolean> {
  if (isBlank(raw)) return BLANK;
  if (raw === "yes") return { value: true };
  if (raw === "no") return { value: false };
  return { error: "errors.choose" };
}

function readDay(raw: unknown): Read<string> {
  if (isBlank(raw)) return BLANK;
  const text = typeof raw === "string" ? raw.trim() : "";
  return isIsoDate(text) ? { value: text } : { error: "followUp.errors.dateInvalid" };
}

const readText =
  (max: number) =>
  (raw: unknown): Read<string> => {
    if (isBlank(raw)) return BLANK;
    if (typeof raw !== "string") return { error: "errors.tooLong" };
    const text = raw.trim();
    return text.length <= max ? { value: text } : { error: "errors.tooLong" };
  };

/**
 * A whole number from 0 to `max`, read as a call's number question reads one (parseTypedNumber: digit groups
 * spaced or not, "50,000" and "50.000" refused rather than read as 50 or 50000).
 */
const readWhole =
  (max: number, error: ErrorKey, options: { percent?: boolean } = {}) =>
  (raw: unknown): Read<number> => {
    if (isBlank(raw)) return BLANK;
    // "40 %" or "40%": the form asks for a percent, some will type the sign.
    const typed = options.percent && typeof raw === "string" ? raw.trim().replace(/\s*%$/, "") : raw;
    const parsed = parseTypedNumber(typed, true);
    return "value" in parsed && parsed.value >= 0 && parsed.value <= max ? { value: parsed.value } : { error };
  };

/** The ticked boxes: none (nothing posted, "" or an empty list), one (a lone string) or several. */
function readFundingTypes(raw: unknown): Read<FundingType[]> {
  if (isBlank(raw) || raw === false) return { value: [] };
  const picked = typeof raw === "string" ? [raw] : raw;
  if (!Array.isArray(picked) || picked.some((value) => typeof value !== "string")) return { error: "errors.choose" };
  const values = new Set((picked as string[]).filter((value) => value !== ""));
  if ([...values].some((value) => !(FUNDING_TYPES as readonly string[]).includes(value))) return { error: "errors.choose" };
  // In FUNDING_TYPES' order, whatever order the boxes were posted in.
  return { value: FUNDING_TYPES.filter((type) => values.has(type)) };
}

/** A track's rating, 1 to 5, from a radio group; blank: not rated. */
function readRating(raw: unknown): Read<number> {
  if (isBlank(raw)) return BLANK;
  const text = typeof raw === "number" ? String(raw) : raw;
  return typeof text === "string" && /^[1-5]$/.test(text) ? { value: Number(text) } : { error: "errors.choose" };
}

/**
 * The posted rating of a track: `support.NETWORKING` arrives nested (`{ support: { NETWORKING } }`)
 * from parseForm and from the browser form; a flat record of the form's names (Object.fromEntries)
 * is read too.
 */
function postedRating(posted: Record<string, unknown>, track: SupportTrack): unknown {
  const nested = posted.support;
  if (nested !== null && typeof nested === "object" && Object.hasOwn(nested, track)) return (nested as Record<string, unknown>)[track];
  return Object.hasOwn(posted, `support.${track}`) ? posted[`support.${track}`] : undefined;
}

/** The fields read one by one, each the same in the schema and the draft. */
const FIELD_READERS = {
  operating: readOperating,
  ceasedOn: readDay,
  ceasedReason: readText(CEASED_REASON_MAX),
  legalForm: readChoice(LEGAL_FORMS),
  registeredOn: readDay,
  fullTimeJobs: readWhole(JOBS_MAX, "errors.numberInvalid"),
  partTimeJobs: readWhole(JOBS_MAX, "errors.numberInvalid"),
  revenueBand: readChoice(REVENUE_BANDS),
  exportShare: readWhole(100, "followUp.errors.percentInvalid", { percent: true }),
  fundingAmount: readWhole(FUNDING_MAX, "errors.numberInvalid"),
  fundingTypes: readFundingTypes,
  customers: readWhole(CUSTOMERS_MAX, "errors.numberInvalid"),
  comments: readText(COMMENTS_MAX),
} satisfies { [K in Exclude<keyof Answers, "support">]: (raw: unknown) => Read<Answers[K]> };
type ReadField = keyof typeof FIELD_READERS;

/**
 * What a blank field stands for: a value, or "required" and the error the form shows then. The
 * ceasing fields are required only when the project no longer operates (see readCheckIn).
 */
const WHEN_BLANK: { [K in ReadField]: { value: Answers[K] } | { required: ErrorKey } } = {
  operating: { required: "errors.choose" },
  ceasedOn: { value: null },
  ceasedReason: { value: null },
  legalForm: { required: "errors.choose" },
  registeredOn: { value: null },
  fullTimeJobs: { required: "errors.numberInvalid" },
  partTimeJobs: { required: "errors.numberInvalid" },
  revenueBand: { required: "errors.choose" },
  exportShare: { required: "followUp.errors.percentInvalid" },
  fundingAmount: { value: 0 },
  fundingTypes: { value: [] },
  customers: { value: null },
  comments: { value: "" },
};

type Checked = { values: Partial<Answers>; errors: Record<string, ErrorKey> };

/**
 * Reads every field of a posted check-in. "submit": a blank required field is an error, and the
 * answers must agree with one another (a project that stopped says when and why; money raised says
 * of what kind). "draft": a blank required field is left out, nothing is required, and a field
 * that is not posted at all is left out (a blank one is kept as blank, so clearing it is saved).
 */
function readCheckIn(posted: Record<string, unknown>, mode: "submit" | "draft"): Checked {
  const values: Record<string, unknown> = {};
  const errors: Record<string, ErrorKey> = {};
  for (const key of Object.keys(FIELD_READERS) as ReadField[]) {
    const raw = Object.hasOwn(posted, key) ? posted[key] : undefined;
    if (mode === "draft" && raw === undefined) continue;
    const read = FIELD_READERS[key](raw);
    if ("error" in read) errors[key] = read.error;
    else if (read.value !== undefined) values[key] = read.value;
    else {
      const blank = WHEN_BLANK[key];
      if ("value" in blank) values[key] = blank.value;
      else if (mode === "submit") errors[key] = blank.required;
    }
  }

  // A draft keeps the ratings only when the form posted some (a flat or nested support field).
  const ratingsPosted = posted.support !== undefined || SUPPORT_TRACKS.some((track) => Object.hasOwn(posted, `support.${track}`));
  if (mode === "submit" || ratingsPosted) {
    const support = {} as Record<SupportTrack, number | null>;
    for (const track of SUPPORT_TRACKS) {
      const read = readRating(postedRating(posted, track));
      // A refused rating is reported and, in a draft, kept as not rated: the record always names every track.
      if ("error" in read) errors[`support.${track}`] = read.error;
      support[track] = "value" in read && read.value !== undefined ? read.value : null;
    }
    values.support = support;
  }

  if (mode === "submit") {
    if (values.operating === true) {
      // Still operating: a date or reason left in the hidden fields means nothing, whatever it holds.
      values.ceasedOn = null;
      values.ceasedReason = null;
      delete errors.ceasedOn;
      delete errors.ceasedReason;
    } else if (values.operating === false) {
      if (values.ceasedOn === null) errors.ceasedOn ??= "errors.required";
      if (values.ceasedReason === null) errors.ceasedReason ??= "errors.required";
    }
    const amount = values.fundingAmount;
    if (typeof amount === "number" && amount > 0 && Array.isArray(values.fundingTypes) && values.fundingTypes.length === 0) {
      errors.fundingTypes ??= "followUp.errors.fundingTypeRequired";
    }
  }
  return { values: values as Partial<Answers>, errors };
}

const postedFields = Object.fromEntries([...Object.keys(FIELD_READERS), "support"].map((key) => [key, z.optional(z.unknown())])) as {
  [K in keyof Answers]: z.ZodMiniOptional<z.ZodMiniUnknown>;
};

/**
 * The check-in as submitted: the posted form (every value a string, as a plain HTML form posts it;
 * checkbox groups a string or a list; `support.<TRACK>` nested or flat) to the typed answers. Each
 * error is a zod "custom" issue on its field's path (`support.SKILLS` for a rating), its message a
 * translation key; all the fields are checked at once, so the form shows every error together.
 */
export const checkInSchema = z.pipe(
  // Loose: a flat `support.SKILLS` name reaches the reader.
  z.looseObject(postedFields),
  z.transform((posted, ctx): Answers => {
    const { values, errors } = readCheckIn(posted, "submit");
    for (const [path, message] of Object.entries(errors)) {
      const input = path.startsWith("support.") ? postedRating(posted, path.slice("support.".length) as SupportTrack) : posted[path];
      ctx.issues.push({ code: "custom", message, input, path: path.split(".") });
    }
    // With an issue the value is dropped; without one every field was set above.
    return values as Answers;
  }),
);
export type CheckInAnswers = z.output<typeof checkInSchema>;

/**
 * The check-in as the autosave posts it: every field optional, and a field that fails is reported
 * (by its path, as checkInSchema names it) while the others are kept, so one mistyped figure does not
 * lose the rest. A field not posted is left out of `values`; one posted blank is kept blank (null, 0,
 * "" or []) when the answers allow that and left out otherwise. Nothing is required here, nor checked
 * against the other fields: submitting does that.
 */
export function parseCheckInDraft(posted: Record<string, unknown>): { values: Partial<CheckInAnswers>; errors: Record<string, string> } {
  return readCheckIn(posted, "draft");
}

/** The check-in form's fields that a group of checkboxes posts, one value per ticked box (parseForm's `arrays`). */
export const CHECK_IN_ARRAY_FIELDS = ["fundingTypes"] as const;
