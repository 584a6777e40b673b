import { describe, expect, it } from "vitest";
import { issuesToErrors } from "~/schemas/form-data.ts";
import { interviewSlot, moveSchema } from "~/schemas/admin.ts";

function errorsOf(input: Record<string, string>) {
  const parsed = moveSchema.safeParse(input);
  return parsed.success ? {} : issuesToErrors(parsed.error.issues);
}

describe("moving applications to an interview", () => {
  it("requires the interview's date and place, each with its own translated error", () => {
    expect(errorsOf({ transition: "shortlist" })).toEqual({
      interviewAt: "admin.interviewAtRequired",
      interviewPlace: "admin.interviewPlaceRequired",
    });
    expect(errorsOf({ transition: "shortlist", interviewAt: "", interviewPlace: "   " })).toEqual({
      interviewAt: "admin.interviewAtRequired",
      interviewPlace: "admin.interviewPlaceRequired",
    });
    expect(errorsOf({ transition: "shortlist", interviewAt: "not a date", interviewPlace: "Technopark Rabat" })).toEqual({
      interviewAt: "admin.interviewAtRequired",
    });
    expect(errorsOf({ transition: "shortlist", interviewAt: "2026-12-02T10:00", interviewPlace: "" })).toEqual({
      interviewPlace: "admin.interviewPlaceRequired",
    });
  });

  it("accepts a complete slot and turns it into the invitation's data (Casablanca time)", () => {
    const parsed = moveSchema.parse({
      transition: "shortlist",
      interviewAt: "2026-12-02T10:00",
      interviewPlace: " Technopark Rabat, salle 2 ",
    });
    expect(interviewSlot(parsed)).toEqual({ at: "2026-12-02T09:00:00.000Z", place: "Technopark Rabat, salle 2" });
  });

  it("asks nothing about an interview for the other moves", () => {
    expect(errorsOf({ transition: "sendToCommittee" })).toEqual({});
  });
});
