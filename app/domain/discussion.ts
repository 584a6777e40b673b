// The discussion of an application (issue 18): who may read it, what each reader sees of the other
// participants, and how long a post stays editable. Pure: the model reads the facts and asks here.

/** An author edits their post for this long after writing it; after that it stands as written. */
export const DISCUSSION_EDIT_MINUTES = 10;
/** The longest post, in characters. */
export const DISCUSSION_MAX_LENGTH = 4000;

/** Who is asking to read or write an application's discussion. */
export type DiscussionViewer = { isAdmin: boolean; assigned: boolean; submittedOwnReview: boolean };

export type DiscussionAccess = { ok: true } | { ok: false; reason: "notAssigned" | "reviewFirst" };

/**
 * Admins always; a reviewer of the application once they submitted their own review (nobody is anchored by the
 * others' arguments before scoring); nobody else — founders never.
 */
export function discussionAccess(viewer: DiscussionViewer): DiscussionAccess {
  if (viewer.isAdmin) return { ok: true };
  if (!viewer.assigned) return { ok: false, reason: "notAssigned" };
  return viewer.submittedOwnReview ? { ok: true } : { ok: false, reason: "reviewFirst" };
}

/** A participant as the discussion names them to one reader. */
export type ParticipantLabel = { kind: "name"; name: string } | { kind: "reviewer"; letter: string } | { kind: "system" };

/**
 * How the discussion names its participants to a reader: admins by name; reviewers by the letter of their
 * assignment's order (A, B, C… in the order they were assigned), unless the reader is an admin, the reviewer
 * themselves, or the call shows reviewers' names.
 */
export function participantLabel(
  participant: { id: string; name: string; isAdmin: boolean } | null,
  reviewerOrder: readonly string[],
  reader: { id: string; isAdmin: boolean; showReviewerNames: boolean },
): ParticipantLabel {
  if (participant === null) return { kind: "system" };
  const position = reviewerOrder.indexOf(participant.id);
  if (participant.isAdmin && position === -1) return { kind: "name", name: participant.name };
  if (reader.isAdmin || reader.showReviewerNames || participant.id === reader.id || position === -1)
    return { kind: "name", name: participant.name };
  return { kind: "reviewer", letter: reviewerLetter(position) };
}

/** A, B, … Z, then AA, AB…: a letter for every reviewer however many. */
export function reviewerLetter(position: number): string {
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  return position < letters.length
    ? letters[position]
    : reviewerLetter(Math.floor(position / letters.length) - 1) + letters[position % letters.length];
}

/** Whether `post`, written at `createdAt` by `authorId`, may still be edited by `userId` at `now`. */
export function canEditPost(post: { authorId: string | null; createdAt: Date }, userId: string, now: Date): boolean {
  return post.authorId === userId && now.getTime() - post.createdAt.getTime() <= DISCUSSION_EDIT_MINUTES * 60_000;
}

/** The moment before which a post can no longer be edited at `now` (what the conditional update compares). */
export function editableSince(now: Date): Date {
  return new Date(now.getTime() - DISCUSSION_EDIT_MINUTES * 60_000);
}
