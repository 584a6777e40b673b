// Admins' wordings of the emails (issue 18): versions per template and language, never changed once written.
// The highest version of a (template, locale) is in use unless it is a reset; an email queued records the
// version it will be rendered from (enqueueEmail), so a later edit never changes an email already queued.
import { diffLines } from "diff";
import { defaultWordingOf, EDITABLE_TEMPLATES, type CustomWording, type EmailTemplate } from "../../emails/render.tsx";
import { db, type Tx } from "~/db/client.server.ts";
import { LOCALES, type Locale } from "~/domain/constants.ts";
import { UserError } from "~/domain/errors.ts";
import { isUniqueViolation } from "./user.server.ts";

export const isEmailTemplate = (name: string): name is EmailTemplate => (EDITABLE_TEMPLATES as readonly string[]).includes(name);

/** The highest version of a template in one language: the one in use, unless it is a reset. */
function latestVersion(tx: Tx, template: string, locale: string) {
  return tx.emailTemplateVersion.findFirst({
    where: { template, locale },
    orderBy: { version: "desc" },
    select: { id: true, version: true, isReset: true },
  });
}

/** The version an email of `template` in `locale` is rendered from now: its id, or null for the default. */
export async function wordingInUse(tx: Tx, template: string, locale: string): Promise<string | null> {
  const latest = await latestVersion(tx, template, locale);
  return latest && !latest.isReset ? latest.id : null;
}

/** Every template × language: the version in use (0: never edited), whether it is the admins' words, when, by whom. */
export async function emailTemplateOverview() {
  const latest = await db.emailTemplateVersion.findMany({
    orderBy: { version: "desc" },
    distinct: ["template", "locale"],
    select: { template: true, locale: true, version: true, isReset: true, createdAt: true, author: { select: { name: true } } },
  });
  const byKey = new Map(latest.map((row) => [`${row.template}:${row.locale}`, row]));
  return EDITABLE_TEMPLATES.map((template) => ({
    template,
    locales: LOCALES.map((locale) => {
      const row = byKey.get(`${template}:${locale}`);
      return {
        locale,
        version: row?.version ?? 0,
        custom: row ? !row.isReset : false,
        changedAt: row?.createdAt ?? null,
        changedBy: row?.author.name ?? null,
      };
    }),
  }));
}

/** A version as the history shows it: what changed from the version before (a line diff), who, when. */
export type WordingChange = { added: boolean; removed: boolean; value: string };

/**
 * The editor's data for one template in one language: the wording in use (the admins' or the default's, as
 * text with placeholders), the version it was read at, and the history newest first with each version's diff.
 */
export async function wordingEditor(template: EmailTemplate, locale: Locale) {
  const versions = await db.emailTemplateVersion.findMany({
    where: { template, locale },
    orderBy: { version: "asc" },
    select: { id: true, version: true, subject: true, body: true, isReset: true, createdAt: true, author: { select: { name: true } } },
  });
  const defaults = defaultWordingOf(template, locale);
  const textOf = (wording: CustomWording) => `${wording.subject}\n\n${wording.body}`;
  let previous = textOf(defaults);
  const history = versions.map((version) => {
    const wording = version.isReset ? defaults : version;
    const text = textOf(wording);
    const changes: WordingChange[] = diffLines(previous, text).map((part) => ({
      added: part.added,
      removed: part.removed,
      value: part.value,
    }));
    previous = text;
    return { version: version.version, isReset: version.isReset, createdAt: version.createdAt, author: version.author.name, changes };
  });
  const latest = versions.at(-1);
  const custom = latest && !latest.isReset ? { subject: latest.subject, body: latest.body } : null;
  return {
    version: latest?.version ?? 0,
    custom,
    wording: custom ?? defaults,
    history: history.reverse(),
  };
}

/**
 * Writes a new version of a template's wording (checked by the caller's schema) — or, with `reset`, brings back
 * the default — as the version after `baseVersion`. Two admins saving on the same version: the unique key lets
 * one in and the other gets a conflict, never a silent overwrite. Audited in the same transaction.
 */
export async function saveWording(
  input: { template: EmailTemplate; locale: Locale; baseVersion: number; wording: CustomWording | "reset" },
  authorId: string,
): Promise<number> {
  const version = input.baseVersion + 1;
  const reset = input.wording === "reset";
  try {
    await db.$transaction(async (tx) => {
      const latest = await latestVersion(tx, input.template, input.locale);
      if ((latest?.version ?? 0) !== input.baseVersion) throw new UserError("emailTemplates.stale", 409);
      if (reset && (!latest || latest.isReset)) throw new UserError("emailTemplates.alreadyDefault", 409);
      const created = await tx.emailTemplateVersion.create({
        data: {
          template: input.template,
          locale: input.locale,
          version,
          subject: reset ? "" : (input.wording as CustomWording).subject,
          body: reset ? "" : (input.wording as CustomWording).body,
          isReset: reset,
          authorId,
        },
        select: { id: true },
      });
      await tx.auditEvent.create({
        data: {
          actorId: authorId,
          subjectType: "EmailTemplateVersion",
          subjectId: created.id,
          type: reset ? "EMAIL_TEMPLATE_RESET" : "EMAIL_TEMPLATE_CHANGED",
          details: JSON.stringify({ template: input.template, locale: input.locale, version }),
        },
      });
    });
  } catch (error) {
    // Another admin's save of the same version committed first (PostgreSQL lets both read the same latest).
    if (isUniqueViolation(error)) throw new UserError("emailTemplates.stale", 409);
    throw error;
  }
  return version;
}

/** The wording in use in each language (null: the default template), for previews of all three. */
export async function wordingsInUse(template: EmailTemplate): Promise<Record<Locale, CustomWording | null>> {
  const latest = await db.emailTemplateVersion.findMany({
    where: { template },
    orderBy: { version: "desc" },
    distinct: ["locale"],
    select: { locale: true, subject: true, body: true, isReset: true },
  });
  const inUse = (locale: Locale) => {
    const row = latest.find((version) => version.locale === locale);
    return row && !row.isReset ? { subject: row.subject, body: row.body } : null;
  };
  return Object.fromEntries(LOCALES.map((locale) => [locale, inUse(locale)])) as Record<Locale, CustomWording | null>;
}
