// The submission rule (DESIGN.md §3): an application leaves DRAFT only complete —
// every field valid under the submission schema and a pitch deck attached. It is
// checked on what the database holds inside the transaction that changes the
// status (applyTransition), so no save or file removal racing the submit can
// slip an incomplete application past it.
import type { Tx } from "~/db/client.server.ts";
import { applicationSubmitSchema } from "~/schemas/application.ts";
import { issuesToErrors, type FieldErrors } from "~/schemas/form-data.ts";

/** What the rule looks at, as a Prisma select. */
export const SUBMISSION_SELECT = {
  projectName: true,
  tagline: true,
  problem: true,
  solution: true,
  market: true,
  traction: true,
  stage: true,
  sector: true,
  preferredSiteId: true,
  alternateSiteId: true,
  teamMembers: { orderBy: { position: "asc" }, select: { name: true, email: true, role: true } },
  attachments: { select: { kind: true } },
} as const;

export type SubmissionSubject = {
  projectName: string;
  tagline: string;
  problem: string;
  solution: string;
  market: string;
  traction: string;
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
  const application = await tx.application.findUnique({ where: { id: applicationId }, select: SUBMISSION_SELECT });
  return application ? validateForSubmission(application) : { form: "errors.title404" };
}
