// Whether a team may book or move to an interview slot (issue 19): site, past slots, the 48-hour notice on
// both the slot taken and the one left, a slot another team holds.
import { describe, expect, it } from "vitest";
import { BOOKING_CHANGE_NOTICE_MS, bookingRefusal, type BookableSlot } from "~/domain/interview-booking.ts";

const NOW = new Date("2026-04-01T10:00:00Z");
const HOUR = 3600_000;
const at = (hoursFromNow: number) => new Date(NOW.getTime() + hoursFromNow * HOUR);
const slot = (overrides: Partial<BookableSlot> = {}): BookableSlot => ({
  id: "slot-1",
  siteId: "agadir",
  startsAt: at(72),
  takenByApplicationId: null,
  ...overrides,
});
const ask = (overrides: Partial<Parameters<typeof bookingRefusal>[0]> = {}) =>
  bookingRefusal({
    applicationId: "app-1",
    preferredSiteId: "agadir",
    remoteAllowed: false,
    slot: slot(),
    current: null,
    now: NOW,
    ...overrides,
  });

describe("bookingRefusal", () => {
  it("lets a team book a free slot of its site, far enough ahead", () => {
    expect(ask()).toBeNull();
    expect(BOOKING_CHANGE_NOTICE_MS).toBe(48 * HOUR);
    expect(ask({ slot: slot({ startsAt: at(48) }) })).toBeNull();
  });

  it("refuses another site's slot unless the call allows remote interviews", () => {
    expect(ask({ slot: slot({ siteId: "rabat" }) })).toBe("booking.errors.otherSite");
    expect(ask({ slot: slot({ siteId: "rabat" }), remoteAllowed: true })).toBeNull();
  });

  it("refuses a past slot, and one within the 48-hour notice", () => {
    expect(ask({ slot: slot({ startsAt: at(-1) }) })).toBe("booking.errors.pastSlot");
    expect(ask({ slot: slot({ startsAt: NOW }) })).toBe("booking.errors.pastSlot");
    expect(ask({ slot: slot({ startsAt: new Date(at(48).getTime() - 1) }) })).toBe("booking.errors.tooLate");
  });

  it("refuses a slot another team holds, not one the team itself holds", () => {
    expect(ask({ slot: slot({ takenByApplicationId: "app-2" }) })).toBe("booking.errors.taken");
    expect(ask({ slot: slot({ takenByApplicationId: "app-1" }) })).toBeNull();
  });

  it("moves a booking only while the interview it leaves is more than 48 hours away, and never onto itself", () => {
    const other = slot({ id: "slot-2", startsAt: at(96) });
    expect(ask({ slot: other, current: { slotId: "slot-1", startsAt: at(72) } })).toBeNull();
    expect(ask({ slot: other, current: { slotId: "slot-1", startsAt: at(47) } })).toBe("booking.errors.currentTooSoon");
    expect(ask({ current: { slotId: "slot-1", startsAt: at(72) } })).toBe("booking.errors.sameSlot");
  });
});
