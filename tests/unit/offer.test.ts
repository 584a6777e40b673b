// A seat offer's deadline, decided in the domain (app/domain/offer.ts).
import { describe, expect, it } from "vitest";
import { OFFER_STATUSES } from "~/domain/constants.ts";
import { isOfferOpen, isPastDeadline, offerExpiresAt, offerStatusAt } from "~/domain/offer.ts";

const MADE = new Date("2026-07-01T09:30:00Z");
const DAY_MS = 24 * 60 * 60 * 1000;

describe("offerExpiresAt", () => {
  it("gives the founder the call's response days, to the millisecond", () => {
    expect(offerExpiresAt(MADE, 7)).toEqual(new Date(MADE.getTime() + 7 * DAY_MS));
    expect(offerExpiresAt(MADE, 1)).toEqual(new Date("2026-07-02T09:30:00Z"));
  });

  it("refuses a deadline that is not a whole number of days ahead", () => {
    for (const days of [0, -1, 1.5, Number.NaN]) expect(() => offerExpiresAt(MADE, days), String(days)).toThrow(RangeError);
  });
});

describe("an offer's deadline", () => {
  const expiresAt = offerExpiresAt(MADE, 7);
  const justBefore = new Date(expiresAt.getTime() - 1);

  it("is open until the last millisecond before its deadline, and expired at it", () => {
    expect(isOfferOpen({ status: "PENDING", expiresAt }, justBefore)).toBe(true);
    expect(isOfferOpen({ status: "PENDING", expiresAt }, expiresAt)).toBe(false);
    expect(isPastDeadline({ expiresAt }, justBefore)).toBe(false);
    expect(isPastDeadline({ expiresAt }, expiresAt)).toBe(true);
    expect(offerStatusAt({ status: "PENDING", expiresAt }, justBefore)).toBe("PENDING");
    expect(offerStatusAt({ status: "PENDING", expiresAt }, expiresAt)).toBe("EXPIRED");
  });

  it("shows a pending offer past its deadline as expired before the job records it; an answered one keeps its answer", () => {
    const late = new Date(expiresAt.getTime() + DAY_MS);
    for (const status of OFFER_STATUSES) {
      expect(offerStatusAt({ status, expiresAt }, late), status).toBe(status === "PENDING" ? "EXPIRED" : status);
      expect(isOfferOpen({ status, expiresAt }, MADE), status).toBe(status === "PENDING");
    }
  });
});
