// Erasure on request (issue 20, point 3), the pure rules of app/domain/erasure.ts: which of a person's applications
// make an erasure wait for an admin (an active selection, an enrolled cohort) and which do not, for every status
// there is; the erased account's address; and the account page's confirmation, as the form and the action parse it.
import { describe, expect, it } from "vitest";
import { APPLICATION_STATUSES, type ApplicationStatus } from "~/domain/constants.ts";
import {
  ACTIVE_SELECTION_STATUSES,
  blockingApplications,
  ENROLLED_COHORT_STATUSES,
  erasedEmail,
  erasureBlock,
  type ErasureBlock,
} from "~/domain/erasure.ts";
import { catalogs } from "~/i18n/catalogs.ts";
import { erasureSchema } from "~/schemas/erasure.ts";
import { parseForm } from "~/schemas/form-data.ts";

/** The rule, status by status, written out: a status added to APPLICATION_STATUSES without a line here fails. */
const EXPECTED: Record<ApplicationStatus, ErasureBlock | null> = {
  DRAFT: null,
  SUBMITTED: "ACTIVE_SELECTION",
  SCREENING: "ACTIVE_SELECTION",
  REVIEW: "ACTIVE_SELECTION",
  INTERVIEW: "ACTIVE_SELECTION",
  COMMITTEE: "ACTIVE_SELECTION",
  ACCEPTED: "ACTIVE_SELECTION",
  WAITLISTED: "ACTIVE_SELECTION",
  REJECTED: null,
  ENROLLED: "ENROLLED_COHORT",
  DECLINED: null,
  WITHDRAWN: null,
  INCUBATING: "ENROLLED_COHORT",
  GRADUATED: null,
  LEFT_EARLY: null,
  CEASED: null,
};

describe("which applications block an immediate erasure", () => {
  it("covers every status there is", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...APPLICATION_STATUSES].sort());
  });

  it.each(APPLICATION_STATUSES.map((status) => [status, EXPECTED[status]] as const))("%s → %s", (status, block) => {
    expect(erasureBlock(status)).toBe(block);
  });

  it("lists the two groups without overlap", () => {
    expect(ACTIVE_SELECTION_STATUSES.filter((status) => (ENROLLED_COHORT_STATUSES as readonly string[]).includes(status))).toEqual([]);
    expect([...ACTIVE_SELECTION_STATUSES, ...ENROLLED_COHORT_STATUSES].sort()).toEqual(
      APPLICATION_STATUSES.filter((status) => EXPECTED[status] !== null).sort(),
    );
  });

  it("keeps the blocking ones in the order given, each with why, and leaves out one already anonymized", () => {
    const applications = [
      { id: "a", status: "DRAFT" as const, anonymizedAt: null },
      { id: "b", status: "INCUBATING" as const, anonymizedAt: null },
      { id: "c", status: "REJECTED" as const, anonymizedAt: new Date("2030-01-01T00:00:00Z") },
      { id: "d", status: "REVIEW" as const },
      { id: "e", status: "COMMITTEE" as const, anonymizedAt: new Date("2030-01-01T00:00:00Z") },
      { id: "f", status: "GRADUATED" as const, anonymizedAt: null },
    ];
    expect(blockingApplications(applications).map((application) => [application.id, application.block])).toEqual([
      ["b", "ENROLLED_COHORT"],
      ["d", "ACTIVE_SELECTION"],
    ]);
    expect(blockingApplications([])).toEqual([]);
    expect(blockingApplications(applications.filter((application) => EXPECTED[application.status] === null))).toEqual([]);
  });
});

describe("the erased account's address", () => {
  it("is the account's own, on a domain nobody can receive mail at", () => {
    expect(erasedEmail("cm1abc")).toBe("erased-cm1abc@erased.invalid");
    expect(erasedEmail("cm1abc")).not.toBe(erasedEmail("cm1abd"));
    expect(erasedEmail("cm1abc").endsWith(".invalid")).toBe(true);
  });
});

describe("the account page's confirmation", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(fields)) data.append(key, value);
    return data;
  };

  it("accepts a ticked box, as posted or as the form holds it", () => {
    expect(parseForm(erasureSchema, form({ intent: "erase", confirm: "on" }))).toEqual({ ok: true, data: { confirm: true } });
    expect(erasureSchema["~standard"].validate({ confirm: true })).toEqual({ value: { confirm: true } });
  });

  it("refuses a box not ticked with the translated message beside it", () => {
    for (const fields of [{ intent: "erase" }, { intent: "erase", confirm: "off" }, { intent: "erase", confirm: "" }] as Array<
      Record<string, string>
    >) {
      const parsed = parseForm(erasureSchema, form(fields));
      expect(parsed).toMatchObject({ ok: false, errors: { confirm: "erasure.errors.confirm" } });
    }
    expect(erasureSchema["~standard"].validate({ confirm: false })).toMatchObject({
      issues: [{ message: "erasure.errors.confirm", path: ["confirm"] }],
    });
    for (const locale of ["fr", "en", "ar"] as const) expect(catalogs[locale].erasure.errors.confirm).toMatch(/\S/);
  });

  it("names no account: a posted user id is not part of what it parses", () => {
    expect(parseForm(erasureSchema, form({ intent: "erase", confirm: "on", userId: "someone-else" }))).toEqual({
      ok: true,
      data: { confirm: true },
    });
  });
});
