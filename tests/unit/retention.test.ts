// Retention per call (issue 20), the pure rules of app/domain/retention.ts: when each kind of application falls
// due (calendar months, month ends, the exact moment), what never does, the order and cap of a run, the bound the
// planner's queries read up to, and the periods an admin may set. Time is passed in (`now`), never read.
import { describe, expect, it } from "vitest";
import type { ApplicationStatus } from "~/domain/constants.ts";
import {
  parseRetentionMonths,
  RETENTION_MAX_MONTHS,
  RETENTION_MIN_MONTHS,
  retentionCandidatesUntil,
  retentionDue,
  retentionEnd,
  retentionPeriodsErrors,
  selectDue,
  type RetentionFacts,
} from "~/domain/retention.ts";
import { catalogs } from "~/i18n/catalogs.ts";
import { parseForm } from "~/schemas/form-data.ts";
import { retentionPeriodsSchema } from "~/schemas/retention.ts";

const at = (iso: string) => new Date(iso);
const MS = 1;

const CALL = { closesAt: at("2024-03-31T23:59:00Z"), retainRejectedMonths: 24, retainDraftMonths: 6 };

function facts(overrides: Partial<RetentionFacts> & { status: ApplicationStatus }): RetentionFacts {
  return {
    decisionReleasedAt: null,
    withdrawnAt: null,
    submittedAt: at("2024-03-01T10:00:00Z"),
    anonymizedAt: null,
    call: CALL,
    ...overrides,
  };
}

describe("a rejected application", () => {
  const rejected = facts({ status: "REJECTED", decisionReleasedAt: at("2024-05-15T09:30:00Z") });

  it("is due from its decision's release plus the call's period, to the millisecond", () => {
    const end = at("2026-05-15T09:30:00Z");
    expect(retentionDue(rejected, new Date(end.getTime() - MS))).toBeNull();
    expect(retentionDue(rejected, end)).toEqual({ reason: "REJECTED", dueSince: end });
    expect(retentionDue(rejected, at("2031-01-01T00:00:00Z"))).toEqual({ reason: "REJECTED", dueSince: end });
  });

  it("counts calendar months: a decision on 31 January ends on the last day of the month", () => {
    const oneMonth = { ...CALL, retainRejectedMonths: 1 };
    const leap = facts({ status: "REJECTED", decisionReleasedAt: at("2024-01-31T22:00:00Z"), call: oneMonth });
    expect(retentionEnd(leap)?.dueSince).toEqual(at("2024-02-29T22:00:00Z"));
    const common = facts({ status: "REJECTED", decisionReleasedAt: at("2025-01-31T22:00:00Z"), call: oneMonth });
    expect(retentionEnd(common)?.dueSince).toEqual(at("2025-02-28T22:00:00Z"));
    expect(retentionDue(common, at("2025-02-28T21:59:59.999Z"))).toBeNull();
    expect(retentionDue(common, at("2025-02-28T22:00:00Z"))?.reason).toBe("REJECTED");
    // 29 February plus two years: 28 February; across a year's end: 30 November + 3 months = 28 February.
    const fromLeapDay = facts({ status: "REJECTED", decisionReleasedAt: at("2024-02-29T12:00:00Z") });
    expect(retentionEnd(fromLeapDay)?.dueSince).toEqual(at("2026-02-28T12:00:00Z"));
    const acrossYear = facts({
      status: "REJECTED",
      decisionReleasedAt: at("2024-11-30T08:00:00Z"),
      call: { ...CALL, retainRejectedMonths: 3 },
    });
    expect(retentionEnd(acrossYear)?.dueSince).toEqual(at("2025-02-28T08:00:00Z"));
  });

  it("follows its own call's period", () => {
    const longer = facts({
      status: "REJECTED",
      decisionReleasedAt: at("2024-05-15T09:30:00Z"),
      call: { ...CALL, retainRejectedMonths: 36 },
    });
    expect(retentionDue(longer, at("2026-05-15T09:30:00Z"))).toBeNull();
    expect(retentionDue(longer, at("2027-05-15T09:30:00Z"))?.dueSince).toEqual(at("2027-05-15T09:30:00Z"));
  });

  it("is never due before its decision is told (a rejection staged, not released)", () => {
    const staged = facts({ status: "REJECTED", decisionReleasedAt: null });
    expect(retentionEnd(staged)).toBeNull();
    expect(retentionDue(staged, at("2099-01-01T00:00:00Z"))).toBeNull();
  });
});

describe("a withdrawn application", () => {
  it("is due the rejection period after its withdrawal", () => {
    const withdrawn = facts({ status: "WITHDRAWN", withdrawnAt: at("2024-08-31T16:00:00Z"), call: { ...CALL, retainRejectedMonths: 6 } });
    expect(retentionDue(withdrawn, at("2025-02-28T15:59:59.999Z"))).toBeNull();
    expect(retentionDue(withdrawn, at("2025-02-28T16:00:00Z"))).toEqual({ reason: "WITHDRAWN", dueSince: at("2025-02-28T16:00:00Z") });
  });

  it("without its withdrawal's date, is never due", () => {
    expect(retentionDue(facts({ status: "WITHDRAWN", withdrawnAt: null }), at("2099-01-01T00:00:00Z"))).toBeNull();
  });
});

describe("a draft", () => {
  it("never submitted, is due the draft period after its call's deadline", () => {
    const draft = facts({ status: "DRAFT", submittedAt: null });
    // 31 March 23:59 + 6 months: 30 September 23:59.
    expect(retentionDue(draft, at("2024-09-30T23:58:59.999Z"))).toBeNull();
    expect(retentionDue(draft, at("2024-09-30T23:59:00Z"))).toEqual({ reason: "DRAFT", dueSince: at("2024-09-30T23:59:00Z") });
  });

  it("counts from the call's deadline, not from its decisions or the rejection period", () => {
    const draft = facts({ status: "DRAFT", submittedAt: null, call: { ...CALL, retainDraftMonths: 1, retainRejectedMonths: 120 } });
    expect(retentionDue(draft, at("2024-04-30T23:59:00Z"))?.reason).toBe("DRAFT");
  });

  it("once submitted (then back to draft), is not a draft never submitted", () => {
    expect(retentionEnd(facts({ status: "DRAFT", submittedAt: at("2024-03-02T10:00:00Z") }))).toBeNull();
  });
});

describe("what retention never reaches", () => {
  const longAgo = at("2010-01-01T00:00:00Z");
  const later = at("2099-01-01T00:00:00Z");

  it.each([
    "SUBMITTED",
    "SCREENING",
    "REVIEW",
    "INTERVIEW",
    "COMMITTEE",
    "ACCEPTED",
    "WAITLISTED",
    "ENROLLED",
    "DECLINED",
    "INCUBATING",
    "GRADUATED",
    "LEFT_EARLY",
    "CEASED",
  ] as const)("a %s application, whatever its dates", (status) => {
    expect(retentionDue(facts({ status, decisionReleasedAt: longAgo, withdrawnAt: longAgo, submittedAt: null }), later)).toBeNull();
  });

  it.each([
    facts({ status: "REJECTED", decisionReleasedAt: longAgo }),
    facts({ status: "WITHDRAWN", withdrawnAt: longAgo }),
    facts({ status: "DRAFT", submittedAt: null }),
  ])("an application anonymized already ($status)", (application) => {
    expect(retentionDue(application, later)).not.toBeNull();
    expect(retentionDue({ ...application, anonymizedAt: longAgo }, later)).toBeNull();
  });
});

describe("a run's selection", () => {
  const now = at("2027-01-01T00:00:00Z");
  const row = (id: string, overrides: Partial<RetentionFacts> & { status: ApplicationStatus }) => ({ id, ...facts(overrides) });

  it("takes the due ones, oldest due first (then by id), at most the limit", () => {
    const rows = [
      row("c", { status: "REJECTED", decisionReleasedAt: at("2024-06-01T00:00:00Z") }), // due 2026-06-01
      row("a", { status: "DRAFT", submittedAt: null }), // due 2024-09-30
      row("b", { status: "WITHDRAWN", withdrawnAt: at("2024-06-01T00:00:00Z") }), // due 2026-06-01, same as c
      row("d", { status: "REJECTED", decisionReleasedAt: at("2025-06-01T00:00:00Z") }), // due 2027-06-01: not yet
      row("e", { status: "ACCEPTED", decisionReleasedAt: at("2020-06-01T00:00:00Z") }),
      row("f", { status: "REJECTED", decisionReleasedAt: at("2020-06-01T00:00:00Z"), anonymizedAt: at("2022-06-02T00:00:00Z") }),
    ];
    const all = selectDue(rows, now);
    expect(all.map((due) => [due.id, due.reason])).toEqual([
      ["a", "DRAFT"],
      ["b", "WITHDRAWN"],
      ["c", "REJECTED"],
    ]);
    expect(all[0].dueSince).toEqual(at("2024-09-30T23:59:00Z"));
    expect(selectDue(rows, now, 2).map((due) => due.id)).toEqual(["a", "b"]);
    expect(selectDue(rows, at("2024-09-30T23:58:00Z"))).toEqual([]);
  });
});

describe("the dates the planner reads up to", () => {
  it("hold every date due at `now` (a month is never shorter than 28 days, month ends included)", () => {
    const DAY = 24 * 60 * 60 * 1000;
    const start = at("2023-01-01T13:45:00Z").getTime();
    let checked = 0;
    for (const months of [1, 2, 3, 6, 11, 12, 24, 59, 120]) {
      for (let day = 0; day < 3 * 366; day += 1) {
        const decision = new Date(start + day * DAY);
        const application = facts({ status: "REJECTED", decisionReleasedAt: decision, call: { ...CALL, retainRejectedMonths: months } });
        const dueSince = retentionEnd(application)!.dueSince;
        // At the very moment it falls due, the bound at that moment still reads its date.
        expect(decision.getTime()).toBeLessThanOrEqual(retentionCandidatesUntil(dueSince, months).getTime());
        checked += 1;
      }
    }
    expect(checked).toBe(9 * 3 * 366);
  });

  it("goes back 28 days per month of the period, no further", () => {
    const now = at("2026-06-15T00:00:00Z");
    expect(retentionCandidatesUntil(now, 1)).toEqual(at("2026-05-18T00:00:00Z"));
    expect(retentionCandidatesUntil(now, 24).getTime()).toBeGreaterThan(at("2024-06-15T00:00:00Z").getTime());
  });
});

describe("the periods an admin sets", () => {
  it("are whole months from 1 to 120", () => {
    expect(RETENTION_MIN_MONTHS).toBe(1);
    expect(RETENTION_MAX_MONTHS).toBe(120);
    expect(parseRetentionMonths("24")).toEqual({ months: 24 });
    expect(parseRetentionMonths(" 6 ")).toEqual({ months: 6 });
    expect(parseRetentionMonths("1")).toEqual({ months: 1 });
    expect(parseRetentionMonths("120")).toEqual({ months: 120 });
    expect(parseRetentionMonths(36)).toEqual({ months: 36 });
  });

  it.each([
    ["0", "retention.errors.monthsRange"],
    ["121", "retention.errors.monthsRange"],
    ["-3", "retention.errors.monthsRange"],
    ["1.5", "retention.errors.monthsWhole"],
    ["", "retention.errors.monthsWhole"],
    ["douze", "retention.errors.monthsWhole"],
    ["1e2", "retention.errors.monthsWhole"],
    [2.5, "retention.errors.monthsWhole"],
    [undefined, "retention.errors.monthsWhole"],
  ] as const)("refuse %j with %s", (value, key) => {
    expect(parseRetentionMonths(value)).toEqual({ error: key });
  });

  it("are checked by field, with keys translated in every language", () => {
    expect(retentionPeriodsErrors({ retainRejectedMonths: 24, retainDraftMonths: 6 })).toBeNull();
    expect(retentionPeriodsErrors({ retainRejectedMonths: 0, retainDraftMonths: "x" })).toEqual({
      retainRejectedMonths: "retention.errors.monthsRange",
      retainDraftMonths: "retention.errors.monthsWhole",
    });
    for (const locale of ["fr", "en", "ar"] as const) {
      expect(catalogs[locale].retention.errors.monthsRange).toMatch(/120/);
      expect(catalogs[locale].retention.errors.monthsWhole.length).toBeGreaterThan(5);
    }
  });

  it("are read the same way by the form's schema, field by field", () => {
    const form = (fields: Record<string, string>) => {
      const data = new FormData();
      for (const [name, value] of Object.entries(fields)) data.append(name, value);
      return parseForm(retentionPeriodsSchema, data);
    };
    expect(form({ callId: "call-1", retainRejectedMonths: "36", retainDraftMonths: "3" })).toEqual({
      ok: true,
      data: { callId: "call-1", retainRejectedMonths: 36, retainDraftMonths: 3 },
    });
    const refused = form({ callId: "call-1", retainRejectedMonths: "200", retainDraftMonths: "2.5" });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.errors).toEqual({
      retainRejectedMonths: "retention.errors.monthsRange",
      retainDraftMonths: "retention.errors.monthsWhole",
    });
    const noCall = form({ retainRejectedMonths: "24", retainDraftMonths: "6" });
    expect(!noCall.ok && noCall.errors).toEqual({ callId: "staffErrors.formInvalid" });
  });
});
