// Each seeded application's history, written as the app would have written it:
// APPLICATION_STARTED when the draft was created, ATTACHMENT_ADDED for the pitch
// deck, then one TRANSITION_<name> audit event per lifecycle step (checked
// against app/domain/lifecycle.ts), and a `version` counting every write — the
// founder's saves and upload, then each transition (see seededVersion).
import type { ApplicationStatus } from "~/domain/constants.ts";
import { TRANSITIONS, type TransitionName } from "~/domain/lifecycle.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { newId } from "./random.ts";

/** Who applied a step: the application's founder, the demo admin, or the platform (an offer expiring). */
export type StepActor = "founder" | "admin" | "system";

export interface LifecycleStep {
  name: TransitionName;
  at: Date;
  by: StepActor;
  /** Kept in the audit event's details, as applyTransition keeps it. */
  reason?: string;
}

interface Subject {
  id: string;
  founderId: string;
  adminId: string;
}

// Every audit row names each column (the bulk insert writes NULL for a missing one, not its default).

/**
 * The audit events of `steps`, in order, from DRAFT (or `from`). Throws when a step is not a
 * lifecycle transition from the state the previous one left, or `by` may not apply
 * it: a seeded history is one the app could have written.
 */
export function transitionEvents(
  subject: Subject,
  steps: readonly LifecycleStep[],
  from: ApplicationStatus = "DRAFT",
): { events: Prisma.AuditEventCreateManyInput[]; status: ApplicationStatus } {
  let status: ApplicationStatus = from;
  const events = steps.map((step) => {
    const transition = TRANSITIONS[step.name];
    const role = { founder: "OWNER", admin: "ADMIN", system: "SYSTEM" } as const;
    if (
      !(transition.from as readonly ApplicationStatus[]).includes(status) ||
      !(transition.by as readonly string[]).includes(role[step.by])
    ) {
      throw new Error(`seed: ${step.name} by ${step.by} cannot follow ${status}`);
    }
    const event: Prisma.AuditEventCreateManyInput = {
      id: newId(),
      actorId: step.by === "founder" ? subject.founderId : step.by === "admin" ? subject.adminId : null,
      subjectType: "Application",
      subjectId: subject.id,
      type: `TRANSITION_${step.name}`,
      fromState: status,
      toState: transition.to,
      details: JSON.stringify({ reason: step.reason ?? null, override: false }),
      createdAt: step.at,
    };
    status = transition.to;
    return event;
  });
  return { events, status };
}

/** The audit event of a new draft (startOrResumeApplication). */
export function startedEvent(subject: Subject, at: Date): Prisma.AuditEventCreateManyInput {
  return {
    id: newId(),
    actorId: subject.founderId,
    subjectType: "Application",
    subjectId: subject.id,
    type: "APPLICATION_STARTED",
    toState: "DRAFT",
    details: "{}",
    createdAt: at,
  };
}

/** The audit event of an upload (addAttachment). */
export function attachmentAddedEvent(
  subject: Subject,
  attachment: { kind: string; fileName: string; sha256: string },
  at: Date,
): Prisma.AuditEventCreateManyInput {
  const { kind, fileName, sha256 } = attachment;
  return {
    id: newId(),
    actorId: subject.founderId,
    subjectType: "Application",
    subjectId: subject.id,
    type: "ATTACHMENT_ADDED",
    details: JSON.stringify({ kind, fileName, sha256 }),
    createdAt: at,
  };
}

/** The audit event of a committee decision told to its founder (releaseDecisions). */
export function decisionReleasedEvent(subject: Subject, status: ApplicationStatus, at: Date): Prisma.AuditEventCreateManyInput {
  return {
    id: newId(),
    actorId: subject.adminId,
    subjectType: "Application",
    subjectId: subject.id,
    type: "DECISION_RELEASED",
    toState: status,
    details: "{}",
    createdAt: at,
  };
}

/**
 * An application's version as the app counts it: 1 when created, plus one for each
 * write — every wizard step the founder saved (one per step, the first one naming the
 * project), each upload, each transition.
 */
export function seededVersion(writes: { stepsSaved: number; uploads: number; transitions: number }): number {
  return 1 + writes.stepsSaved + writes.uploads + writes.transitions;
}
