import { useTranslation } from "react-i18next";
import { ADMIN_TRANSITIONS, type TransitionName } from "~/domain/lifecycle.ts";
import { FieldError } from "./form.tsx";


/** Transition, reason, override and interview slot: the controls of a move, for one application or a selection. */
export function MoveControls({ errors, only }: { errors: Record<string, string>; only?: TransitionName[] }) {
  const { t } = useTranslation();
  const choices = only ?? ADMIN_TRANSITIONS;
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
      <div className="field">
        <label htmlFor="move-reason">{t("admin.reason")}</label>
        <textarea id="move-reason" name="reason" rows={2} />
      </div>
      <label className="choice">
        <input type="checkbox" name="override" /> {t("admin.override")}
      </label>
      <div className="inline-form">
        <div className="field">
          <label htmlFor="move-at">{t("admin.interviewAt")}</label>
          <input id="move-at" name="interviewAt" type="datetime-local" />
        </div>
        <div className="field">
          <label htmlFor="move-place">{t("admin.interviewPlace")}</label>
          <input id="move-place" name="interviewPlace" />
        </div>
      </div>
      <button type="submit" name="intent" value="move" className="button">
        {t("admin.apply")}
      </button>
    </fieldset>
  );
}
