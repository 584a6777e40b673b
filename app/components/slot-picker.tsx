import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** A free interview slot as the admin's pages list it: its id, and its day, time and site written on the server. */
export type FreeSlot = { id: string; label: string };

/**
 * An admin gives one application an interview slot (issue 19): assigning one to a team that has none, or moving
 * a booking (to empty a day before deleting it). The team is emailed either way; `intent` tells the two apart.
 */
export function SlotPicker({
  applicationId,
  projectName,
  slots,
  intent,
  label,
  submitLabel,
}: {
  applicationId: string;
  projectName: string;
  slots: readonly FreeSlot[];
  intent: "assign" | "move";
  label: string;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const id = `${intent}-${applicationId}`;
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="applicationId" value={applicationId} />
      <label className="visually-hidden" htmlFor={id}>
        {label} — {projectName}
      </label>
      <select id={id} name="slotId" defaultValue="">
        <option value="">{t("interviews.unbooked.chooseSlot")}</option>
        {slots.map((slot) => (
          <option key={slot.id} value={slot.id}>
            {slot.label}
          </option>
        ))}
      </select>
      <button type="submit" name="intent" value={intent} className="button button-secondary">
        {submitLabel}
      </button>
    </Form>
  );
}
