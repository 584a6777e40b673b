import { useTranslation } from "react-i18next";
import { ADMIN_TRANSITIONS, type TransitionName } from "~/domain/lifecycle.ts";
import { errorId, FieldError } from "./form.tsx";

/** A cohort an admin may give a seat in by hand, with the seats it has left. */
export type CohortChoice = { id: string; name: string; siteName: string; capacity: number; free: number };

/** The transitions that give a seat: the admin names its cohort (checked again by the server). */
const SEATING: readonly TransitionName[] = ["accept", "promote"];

/**
 * Transition, reason, override, interview slot and, where a move gives a seat,
 * its cohort: the controls of a move, for one application or a selection.
 */
export function MoveControls({
  errors,
  only,
  cohorts,
  previewFirst = false,
  teamsBook = false,
}: {
  errors: Record<string, string>;
  only?: TransitionName[];
  cohorts?: CohortChoice[];
  /** A bulk move: the button previews what it will do and whom it will email; a second form confirms (issue 18). */
  previewFirst?: boolean;
  /** The call has interview days: a shortlisted team books its own slot, so no time or place is typed. */
  teamsBook?: boolean;
}) {
  const { t } = useTranslation();
  const choices = (only ?? ADMIN_TRANSITIONS).filter((name) => cohorts !== undefined || !SEATING.includes(name));
  if (choices.length === 0) return null;
  return (
    <fieldset className="card stack radio-group">
      <legend>{t("admin.move")}</legend>
      <div className="field">
        <label htmlFor="move-transition">{t("admin.transition")}</label>
        <select id="move-transition" name="transition" required>
          {choices.map((name) => (
            <option key={name} value={name}>
              {t(`transitions.${name}`)}
            </option>
          ))}
        </select>
        <FieldError name="transition" error={errors.transition} />
      </div>
      {cohorts !== undefined && choices.some((name) => SEATING.includes(name)) ? (
        <div className="field">
          <label htmlFor="move-cohort">{t("admin.cohort")}</label>
          <p className="field-hint" id="move-cohort-hint">
            {t("admin.cohortHint")}
          </p>
          <select id="move-cohort" name="cohortId" defaultValue="" aria-describedby="move-cohort-hint">
            <option value="">{t("admin.chooseCohort")}</option>
            {cohorts.map((c) => (
              <option key={c.id} value={c.id} disabled={c.free === 0}>
                {t("admin.cohortOption", { name: c.name, site: c.siteName, free: c.free, capacity: c.capacity })}
              </option>
            ))}
          </select>
          <FieldError name="cohortId" error={errors.cohortId} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="move-reason">{t("admin.reason")}</label>
        <textarea id="move-reason" name="reason" rows={2} dir="auto" />
      </div>
      <label className="choice">
        <input type="checkbox" name="override" /> {t("admin.override")}
      </label>
      {teamsBook ? (
        <p className="field-hint">
          <input type="hidden" name="teamsBook" value="on" />
          {t("interviews.teamsBook")}
        </p>
      ) : (
        <div className="inline-form">
          <div className="field">
            <label htmlFor="move-at">{t("admin.interviewAt")}</label>
            <input
              id="move-at"
              name="interviewAt"
              type="datetime-local"
              aria-invalid={errors.interviewAt ? true : undefined}
              aria-describedby={errors.interviewAt ? errorId("interviewAt") : undefined}
            />
            <FieldError name="interviewAt" error={errors.interviewAt} />
          </div>
          <div className="field">
            <label htmlFor="move-place">{t("admin.interviewPlace")}</label>
            <input
              id="move-place"
              name="interviewPlace"
              dir="auto"
              aria-invalid={errors.interviewPlace ? true : undefined}
              aria-describedby={errors.interviewPlace ? errorId("interviewPlace") : undefined}
            />
            <FieldError name="interviewPlace" error={errors.interviewPlace} />
          </div>
        </div>
      )}
      {previewFirst ? (
        <button type="submit" name="intent" value="previewMove" className="button">
          {t("admin.previewMove")}
        </button>
      ) : (
        <button type="submit" name="intent" value="move" className="button">
          {t("admin.apply")}
        </button>
      )}
    </fieldset>
  );
}
