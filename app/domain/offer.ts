// A seat offer's deadline (DESIGN.md §3): the founder answers before it; at it,
// the offer has expired (the scheduled job then frees the seat). Pure: the
// model layer (app/models/offer.server.ts) stores and queries the same rule.
import type { OfferStatus } from "./constants.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** When an offer made at `now` stops taking answers: the call's response days later, to the millisecond. */
export function offerExpiresAt(now: Date, responseDays: number): Date {
  if (!Number.isInteger(responseDays) || responseDays < 1)
    throw new RangeError(`offer response days must be a positive integer, got ${responseDays}`);
  return new Date(now.getTime() + responseDays * DAY_MS);
}

/** Past its deadline: from `expiresAt` on, an answer is refused. */
export function isPastDeadline(offer: { expiresAt: Date }, now: Date): boolean {
  return offer.expiresAt.getTime() <= now.getTime();
}

/** Still waiting for the founder's answer, and still before its deadline. */
export function isOfferOpen(offer: { status: OfferStatus; expiresAt: Date }, now: Date): boolean {
  return offer.status === "PENDING" && !isPastDeadline(offer, now);
}

/**
 * The offer's status as of `now`: a pending offer past its deadline has expired,
 * even before the scheduled job records it.
 */
export function offerStatusAt(offer: { status: OfferStatus; expiresAt: Date }, now: Date): OfferStatus {
  return offer.status === "PENDING" && isPastDeadline(offer, now) ? "EXPIRED" : offer.status;
}
