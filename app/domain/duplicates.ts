// Duplicate detection (issue 16): two applications to one call that share a team member's address, or whose
// project names are the same once accents, case, spaces and punctuation are set aside ("Atlas Agri-Tech" and
// "atlas agritech"), are flagged for the admin, each linking to the other. Pure.

/** A project's name folded for comparison: letters and digits only (any script), without accents, in lower case. */
export function projectNameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * A phone number as duplicate detection compares it: its digits, without Morocco's country code or trunk
 * zero ("+212 6 12-34-56-78", "00212612345678" and "0612345678" alike); "" for fewer than six digits.
 */
export function phoneKey(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  const national = digits.replace(/^(00212|212|0)/, "");
  return national.length >= 6 ? national : "";
}

export type DuplicateReason = "name" | "email" | "phone";

/** What the admin sees of a possible duplicate: the other application, and why. */
export type DuplicateLink = { otherId: string; reason: DuplicateReason };
