// An admin's wording of an email template (issue 18), shared by the editor and its action. zod/mini: the form
// ships it to the browser, built from the placeholders of the template edited (the loader sends them).
import * as z from "zod/mini";
import { checkWording, type PlaceholderSpec } from "~/domain/email-placeholders.ts";

/** The version the editor was opened at: a save about another version is refused as stale. */
const baseVersion = z.coerce
  .number({ error: "errors.numberInvalid" })
  .check(z.int("errors.numberInvalid"), z.gte(0, "errors.numberInvalid"));

export function emailWordingSchema(spec: PlaceholderSpec) {
  return z
    .object({
      subject: z._default(z.string(), ""),
      body: z._default(z.string(), ""),
      baseVersion,
    })
    .check(
      z.superRefine((wording, ctx) => {
        for (const error of checkWording(wording, spec)) {
          ctx.issues.push({
            code: "custom",
            input: wording[error.field],
            path: [error.field],
            message: `emailTemplates.errors.${error.key}`,
          });
        }
      }),
    );
}
export type EmailWordingInput = z.output<ReturnType<typeof emailWordingSchema>>;

/** Bringing back the default wording, at the version the page was read at. */
export const emailWordingResetSchema = z.object({ baseVersion });
