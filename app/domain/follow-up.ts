// Follow-up after enrollment (issue 17): where a check-in stands for the team and for the admins. Pure.
import { REMINDER_DAYS } from "./outcomes.ts";

export type CheckInState = "upcoming" | "open" | "overdue" | "submitted";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A check-in is upcoming before its due date, open from then, overdue once its first reminder is due
 * (REMINDER_DAYS[0] days later, unanswered), and submitted once answered.
 */
export function checkInState(checkIn: { dueAt: Date; submittedAt: Date | null }, now: Date): CheckInState {
  if (checkIn.submittedAt) return "submitted";
  if (now < checkIn.dueAt) return "upcoming";
  return now.getTime() >= checkIn.dueAt.getTime() + REMINDER_DAYS[0] * DAY_MS ? "overdue" : "open";
}
