// The wizard's side of a draft shared by a team (issue 16, app/domain/draft-merge.ts): every save posts the
// values the page started from (`base`, a hidden field), the page takes the fields another member changed,
// and a field both changed shows both versions until the member picks one.
import { memo, useCallback, useMemo, useRef, useState, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import type { AutosaveReply } from "~/components/autosave.tsx";
import { FIELD_STEP } from "~/schemas/wizard-steps.ts";
import { ANSWER_FIELD_PREFIX, answerAsPosted, answerField } from "~/schemas/answers.ts";
import type { QuestionView } from "~/domain/call-questions.ts";

type Values = Record<string, unknown>;

/** The fields a save compares beside the team: those of the project and site steps. */
const BASE_FIELDS = Object.keys(FIELD_STEP).filter((field) => FIELD_STEP[field] === "project" || FIELD_STEP[field] === "site");

export function useSharedDraft(
  fields: Values,
  teamMembers: unknown,
  /** The saved answers to the questions the page's form posts, by question key (null: none). */
  answers: Values,
  postConflicts: Values | undefined,
  /** Puts another member's value in a field of the page's form. */
  takeValue: (field: string, value: unknown) => void,
) {
  // The stored values the page was rendered from; a new page (another step, after a save) starts again from its own.
  const initialBase = useMemo(
    () =>
      JSON.stringify({
        ...Object.fromEntries(BASE_FIELDS.map((field) => [field, fields[field] ?? ""])),
        team: teamMembers,
        ...Object.fromEntries(Object.entries(answers).map(([key, value]) => [answerField(key), value ?? null])),
      }),
    [fields, teamMembers, answers],
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

/**
 * The hidden field that posts the base, rendered once per page data (its key): React applies an input's
 * defaultValue again on every render, and a hidden input's value is its default, so a render of the wizard
 * would put back the base the page has moved since (moveBase) and the next save would merge from a stale one.
 */
export const DraftBaseField = memo(function DraftBaseField({ value, inputRef }: { value: string; inputRef: RefObject<HTMLInputElement> }) {
  return <input type="hidden" name="base" ref={inputRef} defaultValue={value} />;
});

/**
 * Puts an answer in its controls on `form` (boxes ticked, text typed), then tells the form it changed, as
 * a member's own change would: the questions it decides are shown or hidden again.
 */
export function setAnswerControls(form: HTMLFormElement | null, field: string, value: unknown): void {
  if (!form) return;
  const wanted = answerAsPosted(value);
  const controls = Array.from(form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(`[name="${CSS.escape(field)}"]`)).filter(
    // A multiple choice's empty field says the question was shown; it is no answer.
    (control) => control.type !== "hidden",
  );
  for (const control of controls) {
    if (control instanceof HTMLInputElement && (control.type === "checkbox" || control.type === "radio"))
      control.checked = wanted.includes(control.value);
    else control.value = wanted[0] ?? "";
  }
  controls[0]?.dispatchEvent(new Event("change", { bubbles: true }));
}

/** What the page's form posts for an answer now. */
export function postedAnswer(form: HTMLFormElement | null, field: string): string[] {
  if (!form) return [];
  return answerAsPosted(new FormData(form).getAll(field));
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
  questions = [],
  onUseTheirs,
  onKeepMine,
}: {
  conflicts: Values;
  mine: (field: string) => unknown;
  /** The questions the form asks: an answer in conflict is named by its question, its choices by their labels. */
  questions?: readonly QuestionView[];
  onUseTheirs: (field: string, theirs: unknown) => void;
  onKeepMine: (field: string, theirs: unknown) => void;
}) {
  const { t } = useTranslation();
  const entries = Object.entries(conflicts);
  if (entries.length === 0) return null;
  const questionOf = (field: string) =>
    field.startsWith(ANSWER_FIELD_PREFIX) ? questions.find((question) => answerField(question.key) === field) : undefined;
  const shown = (field: string, value: unknown) => {
    const question = questionOf(field);
    if (!question) return shownValue(value);
    return answerAsPosted(value)
      .map((posted) =>
        question.type === "YES_NO"
          ? t(posted === "yes" ? "questions.yes" : "questions.no")
          : (question.choices.find((choice) => choice.value === posted)?.label.text ?? posted),
      )
      .join(", ");
  };
  return (
    <div className="stack">
      {entries.map(([field, theirs]) => {
        const label = questionOf(field)?.label.text ?? t((FIELD_LABELS[field] ?? `apply.fields.${field}`) as "apply.fields.projectName");
        return (
          <div key={field} className="form-message form-message-error" role="alert">
            <p>{t("teams.conflict.title", { field: label })}</p>
            <dl>
              <dt>{t("teams.conflict.theirs")}</dt>
              <dd dir="auto" className="pre-line">
                {shown(field, theirs)}
              </dd>
              <dt>{t("teams.conflict.mine")}</dt>
              <dd dir="auto" className="pre-line">
                {shown(field, mine(field))}
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
