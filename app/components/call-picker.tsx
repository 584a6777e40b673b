import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { textInSentence, type ShownText } from "~/domain/call-texts.ts";

/** Chooses which call an admin page works on (a GET form: the choice lives in the URL). */
export function CallPicker({ calls, current }: { calls: Array<{ slug: string; title: ShownText }>; current: string | null }) {
  const { t } = useTranslation();
  if (calls.length < 2) return null;
  return (
    <Form method="get" className="inline-form">
      <div className="field">
        <label htmlFor="call-picker">{t("admin.call")}</label>
        <select id="call-picker" name="call" defaultValue={current ?? undefined}>
          {calls.map((call) => (
            <option key={call.slug} value={call.slug} lang={call.title.lang} dir={call.title.inFrench ? call.title.dir : "auto"}>
              {textInSentence(call.title, t("calls.inFrench"))}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-small">
        {t("admin.show")}
      </button>
    </Form>
  );
}
