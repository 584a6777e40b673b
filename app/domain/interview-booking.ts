// Pitch day (issue 19): whether a team may book, or move its booking to, an interview slot. Pure: the caller
// reads the slot, the team's current booking and the call inside the transaction that writes the booking, and
// the unique key on a slot's booking keeps two teams from holding one slot (this function cannot see a race).

/** A booking can be made or changed until this long before the interview it leaves or takes. */
export const BOOKING_CHANGE_NOTICE_MS = 48 * 3600_000;

export type BookableSlot = { id: string; siteId: string; startsAt: Date; takenByApplicationId: string | null };

export type BookingRefusal =
  | "booking.errors.otherSite"
  | "booking.errors.pastSlot"
  | "booking.errors.tooLate"
  | "booking.errors.taken"
  | "booking.errors.currentTooSoon"
  | "booking.errors.sameSlot";

/**
 * Why `applicationId` may not take `slot` now, or null when it may. A team books a slot of its preferred site
 * unless the call allows remote interviews; never a slot already passed or within the notice; never one
 * another team holds; and a booking within the notice stays as it is (moving it would leave its slot empty
 * too late for another team to take it).
 */
export function bookingRefusal(input: {
  applicationId: string;
  preferredSiteId: string;
  remoteAllowed: boolean;
  slot: BookableSlot;
  current: { slotId: string; startsAt: Date } | null;
  now: Date;
}): BookingRefusal | null {
  const { slot, current, now } = input;
  if (current?.slotId === slot.id) return "booking.errors.sameSlot";
  if (!input.remoteAllowed && slot.siteId !== input.preferredSiteId) return "booking.errors.otherSite";
  if (slot.startsAt.getTime() <= now.getTime()) return "booking.errors.pastSlot";
  if (slot.startsAt.getTime() - now.getTime() < BOOKING_CHANGE_NOTICE_MS) return "booking.errors.tooLate";
  if (current && current.startsAt.getTime() - now.getTime() < BOOKING_CHANGE_NOTICE_MS) return "booking.errors.currentTooSoon";
  if (slot.takenByApplicationId !== null && slot.takenByApplicationId !== input.applicationId) return "booking.errors.taken";
  return null;
}
