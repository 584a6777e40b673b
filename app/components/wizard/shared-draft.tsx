// The wizard's side of a draft shared by a team (issue 16, app/domain/draft-merge.ts): every save posts the
// values the page started from (`base`, a hidden field), the page takes the fields another member changed,
// and a field both changed shows both versions until the member picks one.
import { useCallback, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AutosaveReply } from "~/components/autosave.tsx";
import { FIELD_STEP } from "~/schemas/wizard-steps.ts";

type Values = Record<string, unknown>;

/** The fields a save compares beside the team: those of the project and site steps. */
const BASE_FIELDS = Object.keys(FIELD_STEP).filter((field) => FIELD_STEP[field] === "project" || FIELD_STEP[field] === "site");

export function useSharedDraft(
  fields: Values,
  teamMembers: unknown,
  postConflicts: Values | undefined,
  /** Puts another member's value in a field of the page's form. */
  takeValue: (field: string, value: unknown) => void,
) {
  // The stored values the page was rendered from; a new page (another step, after a save) starts again from its own.
  const initialBase = useMemo(
    () => JSON.stringify({ ...Object.fromEntries(BASE_FIELDS.map((field) => [field, fields[field] ?? ""])), team: teamMembers }),
    [fields, teamMembers],
  );
  const baseRef = useRef<HTMLInputElement>(null);
  const [replyConflicts, setReplyConflicts] = useState<Values>({});

  const moveBase = useCallback((changes: Values) => {
    const input = baseRef.current;
    if (!input) return;
    input.value = JSON.stringify({ ...(JSON.parse(input.value || "{}") as Values), ...changes });
  }, []);

  const onReply = useCallback(
    (reply: AutosaveReply) => {
      for (const [field, value] of Object.entries(reply.updated ?? {})) takeValue(field, value);
      moveBase(reply.base ?? {});
      setReplyConflicts(reply.conflicts ?? {});
    },
    [moveBase, takeValue],
  );

  const [resolved, setResolved] = useState<string[]>([]);
  const conflicts = Object.fromEntries(
    Object.entries({ ...(postConflicts ?? {}), ...replyConflicts }).filter(([field]) => !resolved.includes(field)),
  );
  /** The member chose: their next save starts from the other member's value, so it is theirs to keep or replace. */
  const resolve = useCallback(
    (field: string, theirs: unknown) => {
      moveBase({ [field]: theirs });
      setResolved((fields) => [...fields, field]);
      setReplyConflicts(({ [field]: _resolved, ...rest }) => rest);
    },
    [moveBase],
  );
  return { initialBase, baseRef, onReply, conflicts, resolve };
}

/** A team's list shown as text: one line per person. */
function shownValue(value: unknown): string {
  if (Array.isArray(value))
    return value.map((row: Record<string, string>) => [row.name, row.email, row.role].filter(Boolean).join(", ")).join("\n");
  return String(value ?? "");
}

const FIELD_LABELS: Record<string, string> = {
  team: "apply.steps.team",
  stage: "apply.fields.stage",
  sector: "apply.fields.sector",
  preferredSiteId: "apply.fields.preferredSite",
  alternateSiteId: "apply.fields.alternateSite",
};

/** Each field another member changed while this one was editing it: both versions, and the choice. */
export function ConflictNotices({
  conflicts,
  mine,
  onUseTheirs,
  onKeepMine,
}: {
  conflicts: Values;
  mine: (field: string) => unknown;
  onUseTheirs: (field: string, theirs: unknown) => void;
  onKeepMine: (field: string, theirs: unknown) => void;
}) {
  const { t } = useTranslation();
  const entries = Object.entries(conflicts);
  if (entries.length === 0) return null;
  return (
    <div className="stack">
      {entries.map(([field, theirs]) => {
        const label = t((FIELD_LABELS[field] ?? `apply.fields.${field}`) as "apply.fields.projectName");
        return (
          <div key={field} className="form-message form-message-error" role="alert">
            <p>{t("teams.conflict.title", { field: label })}</p>
            <dl>
              <dt>{t("teams.conflict.theirs")}</dt>
              <dd dir="auto" className="pre-line">
                {shownValue(theirs)}
              </dd>
              <dt>{t("teams.conflict.mine")}</dt>
              <dd dir="auto" className="pre-line">
                {shownValue(mine(field))}
              </dd>
            </dl>
            <p className="actions">
              <button type="button" className="button button-secondary" onClick={() => onUseTheirs(field, theirs)}>
                {t("teams.conflict.useTheirs", { field: label })}
              </button>
              <button type="button" className="button button-secondary" onClick={() => onKeepMine(field, theirs)}>
                {t("teams.conflict.keepMine", { field: label })}
              </button>
            </p>
          </div>
        );
      })}
    </div>
  );
}
