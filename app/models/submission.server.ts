// The submission rule (DESIGN.md §3): an application leaves DRAFT only complete —
// every field valid under the submission schema and a pitch deck attached. It is
// checked on what the database holds inside the transaction that changes the
// status (applyTransition), so no save or file removal racing the submit can
// slip an incomplete application past it.
import type { Tx } from "~/db/client.server.ts";
import type { ApplicationStatus, CallStatus } from "~/domain/constants.ts";
import { projectColumns, readAttachments, readTeamMembers, type ProjectColumns } from "./application-parts.server.ts";
import { applicationSubmitSchema } from "~/schemas/application.ts";
import { issuesToErrors, type FieldErrors } from "~/schemas/form-data.ts";

/** What the rule checks: stored, or a draft merged over it (keepSubmittable), whose stage and sector may be any text. */
export type SubmissionSubject = Omit<ProjectColumns, "stage" | "sector"> & {
  stage: string | null;
  sector: string | null;
  preferredSiteId: string | null;
  alternateSiteId: string | null;
  teamMembers: ReadonlyArray<{ name: string; email: string; role: string }>;
  attachments: ReadonlyArray<{ kind: string }>;
};

/** The application checked against the full schema, errors keyed by field path. */
export function validateForSubmission(application: SubmissionSubject): FieldErrors {
  const result = applicationSubmitSchema.safeParse({
    projectName: application.projectName,
    tagline: application.tagline,
    problem: application.problem,
    solution: application.solution,
    market: application.market,
    traction: application.traction,
    stage: application.stage ?? undefined,
    team: application.teamMembers,
    sector: application.sector ?? undefined,
    preferredSiteId: application.preferredSiteId ?? undefined,
    alternateSiteId: application.alternateSiteId ?? undefined,
    hasPitchDeck: application.attachments.some((a) => a.kind === "PITCH_DECK"),
  });
  return result.success ? {} : issuesToErrors(result.error.issues);
}

/** The rule checked on the stored application, read with `tx` (call it inside the writing transaction). */
export async function storedSubmissionErrors(tx: Tx, applicationId: string): Promise<FieldErrors> {
  const application = await readSubmissionSubject(tx, applicationId);
  return application ? validateForSubmission(application) : { form: "errors.title404" };
}

type SubjectRow = ProjectColumns & {
  preferredSiteId: string | null;
  alternateSiteId: string | null;
  status: ApplicationStatus;
  version: number;
  callStatus: CallStatus;
  callOpensAt: Date;
  callClosesAt: Date;
};

/**
 * What the rule looks at, with the application's status and version and its call's dates (what a founder's
 * edit checks), read with `tx`; null when there is no such application. Plain queries one after another
 * (statements of a transaction share its connection): Prisma's nested select sent four, each through its
 * query compiler, in every autosave's transaction.
 */
export async function readSubmissionSubject(tx: Tx, applicationId: string) {
  const [row] = await tx.$queryRaw<SubjectRow[]>`
    SELECT a."status", a."version", ${projectColumns("a")}, a."preferredSiteId", a."alternateSiteId",
      c."status" AS "callStatus", c."opensAt" AS "callOpensAt", c."closesAt" AS "callClosesAt"
    FROM "Application" a JOIN "Call" c ON c."id" = a."callId"
    WHERE a."id" = ${applicationId}`;
  if (!row) return null;
  const teamMembers = await readTeamMembers(applicationId, tx);
  const attachments = await readAttachments(applicationId, tx);
  const { callStatus, callOpensAt, callClosesAt, ...application } = row;
  return {
    ...application,
    version: Number(row.version),
    teamMembers,
    attachments,
    call: { status: callStatus, opensAt: callOpensAt, closesAt: callClosesAt },
  };
}
