// A post of an application's discussion (issue 18), shared by its form and its action. zod/mini: the form
// ships it to the browser.
import * as z from "zod/mini";
import { DISCUSSION_MAX_LENGTH } from "~/domain/discussion.ts";

const body = z
  .string({ error: "discussion.errors.bodyRequired" })
  .check(z.trim(), z.minLength(1, "discussion.errors.bodyRequired"), z.maxLength(DISCUSSION_MAX_LENGTH, "errors.tooLong"));

/** A new post, or a reply (`parentId`), with the people it notifies (`mentions`: user ids the page offered). */
export const discussionPostSchema = z.object({
  body,
  parentId: z.optional(
    z.pipe(
      z.string(),
      z.transform((id) => (id === "" ? undefined : id)),
    ),
  ),
  mentions: z._default(z.array(z.string()), []),
});
export type DiscussionPostInput = z.output<typeof discussionPostSchema>;

/** The author's rewrite of their post, within the edit window. */
export const discussionEditSchema = z.object({ postId: z.string().check(z.minLength(1, "errors.required")), body });
export type DiscussionEdit = z.output<typeof discussionEditSchema>;

/** The field names that repeat in the form (checkboxes). */
export const DISCUSSION_ARRAY_FIELDS = ["mentions"] as const;
