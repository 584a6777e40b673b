// The consensus feedback's forms (issue 18), shared by the discussion page and its action. zod/mini: the forms
// ship them to the browser.
import * as z from "zod/mini";
import { CONSENSUS_MAX_LENGTH } from "~/domain/consensus.ts";

/** The version of the text the form was read at: a write about another version is refused as stale. */
const version = z.coerce.number({ error: "errors.numberInvalid" }).check(z.int("errors.numberInvalid"), z.gte(0, "errors.numberInvalid"));

/** The drafter's text for the founder, proposed for approval as the version after `expectedVersion`. */
export const consensusProposalSchema = z.object({
  text: z
    .string({ error: "consensus.errors.textRequired" })
    .check(z.trim(), z.minLength(1, "consensus.errors.textRequired"), z.maxLength(CONSENSUS_MAX_LENGTH, "errors.tooLong")),
  expectedVersion: version,
});
export type ConsensusProposal = z.output<typeof consensusProposalSchema>;

/** A reviewer's answer to `version`: "approve" approves it; "comment" asks for changes and needs a comment. */
export const consensusResponseSchema = z.pipe(
  z
    .object({
      version,
      answer: z.enum(["approve", "comment"], { error: "errors.required" }),
      comment: z._default(z.string().check(z.trim(), z.maxLength(CONSENSUS_MAX_LENGTH, "errors.tooLong")), ""),
    })
    .check(z.refine((v) => v.answer === "approve" || v.comment !== "", { message: "consensus.errors.commentRequired", path: ["comment"] })),
  z.transform(({ version, answer, comment }) => ({ version, approve: answer === "approve", comment })),
);
export type ConsensusResponseInput = z.output<typeof consensusResponseSchema>;

/** The lead reviewer an admin names (a user id the page offered), or none (""). */
export const consensusLeadSchema = z.object({
  leadReviewerId: z.optional(
    z.pipe(
      z.string(),
      z.transform((id) => (id === "" ? undefined : id)),
    ),
  ),
});
export type ConsensusLeadInput = z.output<typeof consensusLeadSchema>;
