// Consent per purpose (issue 20, point 1): recorded in the transaction of the act that gives it (a submission, a
// team member's confirmation, a seat accepted) or on the account page for the optional purposes; every change an
// audit event with the text version, so the row's current state never loses its history.
import { db, type Tx } from "~/db/client.server.ts";
import { CONSENT_TEXT_VERSIONS, isGiven, optionalConsentChanges, type ConsentPurpose, type OptionalPurpose } from "~/domain/consent.ts";

/** Records `userId`'s consent to `purpose`, to the current text, now (again, when the text changed or it was withdrawn). */
export async function recordConsent(tx: Tx, userId: string, purpose: ConsentPurpose, now: Date): Promise<void> {
  const textVersion = CONSENT_TEXT_VERSIONS[purpose];
  const stored = await tx.consent.findUnique({ where: { userId_purpose: { userId, purpose } } });
  if (stored && !stored.withdrawnAt && stored.textVersion === textVersion) return;
  await tx.consent.upsert({
    where: { userId_purpose: { userId, purpose } },
    create: { userId, purpose, textVersion, givenAt: now },
    update: { textVersion, givenAt: now, withdrawnAt: null },
  });
  await consentEvent(tx, userId, "CONSENT_GIVEN", purpose, textVersion, now);
}

function consentEvent(tx: Tx, userId: string, type: string, purpose: ConsentPurpose, textVersion: string, now: Date) {
  return tx.auditEvent.create({
    data: {
      actorId: userId,
      subjectType: "User",
      subjectId: userId,
      type,
      details: JSON.stringify({ purpose, textVersion }),
      createdAt: now,
    },
  });
}

/** A person's consents as stored (one row per purpose ever given). */
export function consentsOf(userId: string) {
  return db.consent.findMany({ where: { userId }, select: { purpose: true, textVersion: true, givenAt: true, withdrawnAt: true } });
}

/** The person's choice of optional consents, applied in one transaction: only what changed is written and audited. */
export async function saveOptionalConsents(userId: string, chosen: Record<OptionalPurpose, boolean>, now = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    const stored = await tx.consent.findMany({
      where: { userId },
      select: { purpose: true, textVersion: true, givenAt: true, withdrawnAt: true },
    });
    const changes = optionalConsentChanges(stored, chosen);
    for (const { purpose, give } of changes) {
      if (give) {
        await recordConsent(tx, userId, purpose, now);
        continue;
      }
      await tx.consent.update({ where: { userId_purpose: { userId, purpose } }, data: { withdrawnAt: now } });
      await consentEvent(tx, userId, "CONSENT_WITHDRAWN", purpose, CONSENT_TEXT_VERSIONS[purpose], now);
    }
    return changes.length;
  });
}

/** Whether `userId` consents to `purpose` now, as read by `tx`. */
export async function consents(tx: Tx, userId: string, purpose: ConsentPurpose): Promise<boolean> {
  return isGiven(await tx.consent.findUnique({ where: { userId_purpose: { userId, purpose } } }));
}

/** The active accounts consenting to `purpose` now, as read by `tx` (for the emails it allows). */
export function peopleConsentingTo(tx: Tx, purpose: ConsentPurpose) {
  return tx.user.findMany({
    where: { active: true, consents: { some: { purpose, withdrawnAt: null } } },
    select: { id: true, email: true, name: true, locale: true },
    orderBy: { id: "asc" },
  });
}

/**
 * The public list of selected projects (issue 20): enrolled, in incubation or graduated, whose team's lead agreed to
 * appear on it — name, sector, cohort and its site only, newest cohort first.
 */
export function publicSelectedProjects() {
  return db.application.findMany({
    where: {
      status: { in: ["ENROLLED", "INCUBATING", "GRADUATED"] },
      enrolledCohortId: { not: null },
      founder: { active: true, consents: { some: { purpose: "PUBLIC_LIST", withdrawnAt: null } } },
    },
    select: {
      id: true,
      projectName: true,
      sector: true,
      enrolledCohort: { select: { name: true, startsAt: true, site: { select: { name: true, nameAr: true } } } },
    },
    orderBy: [{ enrolledCohort: { startsAt: "desc" } }, { projectName: "asc" }],
    take: 500,
  });
}
