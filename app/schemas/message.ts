// A message between an application's team and the staff (issue 18), shared by both sides' forms and actions.
// zod/mini: the forms ship it to the browser.
import * as z from "zod/mini";

/** The longest message, in characters. */
export const MESSAGE_MAX_LENGTH = 4000;

export const messageSchema = z.object({
  body: z
    .string({ error: "messages.errors.bodyRequired" })
    .check(z.trim(), z.minLength(1, "messages.errors.bodyRequired"), z.maxLength(MESSAGE_MAX_LENGTH, "errors.tooLong")),
});
export type MessageInput = z.output<typeof messageSchema>;

/**
 * The file input of both sides' forms: one PDF a message may carry. Its name tells the server which
 * types it accepts before the file streams in (app/storage/multipart.server.ts).
 */
export const MESSAGE_FILE_FIELD = "file";

/** A message carries PDFs only, checked by their bytes like an application's files. */
export const MESSAGE_FILE_TYPES = ["application/pdf"] as const;
