// Two members of a team editing one draft at once (issue 16): each save carries, beside the values posted,
// the values the member's page started from (its base). Field by field, a three-way merge decides: a field
// the member changed is written when nobody else changed it meanwhile; a field only someone else changed
// keeps their value (and the member's page takes it); a field both changed is a conflict the member
// resolves, seeing both values. Nothing is overwritten by a stale copy. Pure.

/** A field's value as stored or posted: text (or null), the team's list of rows, or a call question's answer. */
export type MergeValue = unknown;

export type FieldMerge =
  /** Changed by this member only: written. */
  | "write"
  /** Unchanged by anyone, or both made the same change: nothing to do. */
  | "same"
  /** Changed by someone else only: theirs stays, and the member's page takes it. */
  | "theirs"
  /** Changed by both, differently: nothing written, the member chooses. */
  | "conflict";

/**
 * Text compared as a form shows it: trimmed, nothing and "" alike; a team's rows field by field, addresses in
 * lower case; a multiple-choice answer's picks in any order (none picked is nothing); a number or a yes/no as
 * its text.
 */
function comparable(value: MergeValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
    const picks = value.filter((item) => item !== "").sort();
    return picks.length === 0 ? "" : JSON.stringify(picks);
  }
  if (Array.isArray(value))
    return JSON.stringify(
      value.map((row: Record<string, unknown>) => [
        String(row.name ?? "").trim(),
        String(row.email ?? "")
          .trim()
          .toLowerCase(),
        String(row.role ?? "").trim(),
      ]),
    );
  return JSON.stringify(value);
}

export function sameValue(a: MergeValue, b: MergeValue): boolean {
  return comparable(a) === comparable(b);
}

/** One field: what the member's page started from, what they post, what the database holds now. */
export function mergeField(base: MergeValue, posted: MergeValue, stored: MergeValue): FieldMerge {
  if (sameValue(posted, stored)) return "same";
  if (sameValue(base, stored)) return "write";
  if (sameValue(base, posted)) return "theirs";
  return "conflict";
}

/**
 * Every posted field merged against its base and the stored value. A field without a base (a page that
 * did not send one: an old tab, a script) is written, as before drafts were shared.
 */
export function mergeDraft(
  posted: Readonly<Record<string, MergeValue>>,
  base: Readonly<Record<string, MergeValue>> | null,
  stored: Readonly<Record<string, MergeValue>>,
): Record<string, FieldMerge> {
  return Object.fromEntries(
    Object.keys(posted).map((key) => [
      key,
      base && key in base ? mergeField(base[key], posted[key], stored[key]) : sameValue(posted[key], stored[key]) ? "same" : "write",
    ]),
  );
}

/** The base a save posts, read back from its JSON; null when absent or unreadable (the save then merges nothing). */
export function parseBase(raw: unknown): Record<string, MergeValue> | null {
  if (typeof raw !== "string" || raw === "") return null;
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, MergeValue>) : null;
  } catch {
    return null;
  }
}
