import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { FormMessage } from "~/components/form-message.tsx";
import { ShownTextView } from "~/components/shown-text.tsx";
import { showCallText } from "~/domain/call-texts.ts";
import type { MessageParams } from "~/domain/errors.ts";
import type { HalfDay } from "~/domain/panels.ts";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { jurorInterviews } from "~/models/interview-pages.server.ts";
import { saveAvailability } from "~/models/interview.server.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";
import { AVAILABILITY_ARRAY_FIELDS, availabilitySchema } from "~/schemas/interview.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.interviews.jury.title);

export async function loader({ request }: LoaderFunctionArgs) {
  const reviewer = await requireUser(request, { role: "REVIEWER" });
  const locale = await getLocale(request);
  const view = await jurorInterviews(reviewer.id, locale);
  return json({
    calls: view.calls.map((call) => ({ ...call, title: showCallText(call.title, "title", locale) })),
    panels: view.panels.map((panel) => ({ ...panel, call: showCallText(panel.call, "title", locale) })),
  });
}

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request }: ActionFunctionArgs) {
  const reviewer = await requireUser(request, { role: "REVIEWER" });
  const parsed = parseForm(availabilitySchema, await readFormData(request), { arrays: AVAILABILITY_ARRAY_FIELDS });
  if (!parsed.ok) return json({ ok: false as const, message: "errors.choose" as const, errors: parsed.errors }, { status: 400 });
  const choices = parsed.data.halfDays.map((value) => {
    const [dayId, halfDay] = value.split(":");
    return { dayId, halfDay: halfDay as HalfDay };
  });
  // Only this juror's calls are written; a call that did not invite them is refused (404) by the model.
  await saveAvailability(reviewer.id, parsed.data.callId, choices);
  return redirectWithFlash("/reviewer/interviews", { kind: "success", key: "interviews.jury.saved" });
}

/** A juror's interviews: for each call that invited them, the half-days they can attend; then their panels. */
export default function JurorInterviewsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const refusal = actionData && !actionData.ok ? actionData : null;
  return (
    <div className="stack">
      <h1>{t("interviews.jury.title")}</h1>
      <p>{t("interviews.jury.intro")}</p>
      {refusal ? (
        <FormMessage kind="error">{t(refusal.message, "params" in refusal ? (refusal.params as MessageParams) : {})}</FormMessage>
      ) : null}
      {data.calls.length === 0 ? <p className="card">{t("interviews.jury.none")}</p> : null}
      {data.calls.map((call) => (
        <Form method="post" key={call.id} className="card stack">
          <ShownTextView as="h2" value={call.title} />
          <input type="hidden" name="callId" value={call.id} />
          {call.days.length === 0 ? <p className="muted">{t("interviews.days.none")}</p> : null}
          {call.days.map((day) => (
            <fieldset key={day.id} className="radio-group">
              <legend>
                {day.label} ({day.hours})
              </legend>
              {day.halves.map((half) => (
                <label key={half} className="choice">
                  <input type="checkbox" name="halfDays" value={`${day.id}:${half}`} defaultChecked={day.available.includes(half)} />
                  {t(`interviews.halfDays.${half}`)}
                </label>
              ))}
            </fieldset>
          ))}
          <div>
            <button type="submit" className="button">
              {t("interviews.jury.save")}
            </button>
          </div>
        </Form>
      ))}
      <section className="card stack" aria-labelledby="my-panels">
        <h2 id="my-panels">{t("interviews.jury.panels")}</h2>
        {data.panels.length === 0 ? (
          <p className="muted">{t("interviews.jury.noPanels")}</p>
        ) : (
          <ul>
            {data.panels.map((panel) => (
              <li key={panel.id}>
                <Link to={`/reviewer/panels/${panel.id}`}>
                  {panel.label} — {t(`interviews.halfDays.${panel.halfDay}`)}
                </Link>{" "}
                (<ShownTextView value={panel.call} />)
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
