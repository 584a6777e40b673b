import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { FieldError } from "~/components/form.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { founderInterviewView } from "~/models/interview-pages.server.ts";
import { bookInterviewSlot } from "~/models/interview.server.ts";
import { issuesToErrors, readFormData } from "~/schemas/form-data.ts";
import { bookingSchema } from "~/schemas/booking.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.interview.title);

async function readView(request: Request, applicationId: string | undefined) {
  const user = await requireUser(request, { role: "FOUNDER" });
  const view = ensureFound(await founderInterviewView(applicationId ?? "", user.id, await getLocale(request)));
  return { user, view };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json((await readView(request, params.id)).view);
}

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, params }: ActionFunctionArgs) {
  const { user, view } = await readView(request, params.id);
  const parsed = bookingSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success)
    return json({ ok: false as const, message: "errors.choose" as const, errors: issuesToErrors(parsed.error.issues) }, { status: 400 });
  // The team's membership, the stage, the site, the notice and the slot's holder are checked as the booking is written.
  await bookInterviewSlot({ applicationId: view.application.id, slotId: parsed.data.slotId, by: { kind: "team", userId: user.id } });
  return redirectWithFlash(`/founder/applications/${view.application.id}/interview`, {
    kind: "success",
    key: view.booking ? "interview.rebooked" : "interview.booked",
  });
}

/** A team chooses (or changes) its interview slot: the free slots it may take, by day, one radio button each. */
export default function InterviewBookingPage() {
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const { booking } = view;
  const canChoose = view.invited && (booking === null || booking.changeable);
  return (
    <div className="stack">
      <p>
        <Link to={`/founder/applications/${view.application.id}`}>{t("apply.backToApplication")}</Link>
      </p>
      <h1>{t("interview.title")}</h1>
      <p className="muted" dir="auto">
        {view.application.projectName}
      </p>
      {actionData && !actionData.ok ? <FormMessage kind="error">{t(actionData.message)}</FormMessage> : null}
      {!view.invited && !booking ? <p className="card">{t("interview.notInvited")}</p> : null}
      {booking ? (
        <section className="card stack" aria-labelledby="current-interview">
          <h2 id="current-interview">{t("interview.current")}</h2>
          <dl className="summary">
            <div>
              <dt>{t("interview.when")}</dt>
              <dd>{booking.when}</dd>
            </div>
            <div>
              <dt>{t("interview.site")}</dt>
              <dd>{booking.site}</dd>
            </div>
            <div>
              <dt>{t("interview.place")}</dt>
              <dd dir="auto">{booking.place}</dd>
            </div>
          </dl>
          <p>{booking.changeable ? t("interview.changeUntil", { date: booking.changeUntilText }) : t("interview.cannotChange")}</p>
        </section>
      ) : view.invited ? (
        <p>
          {t("interview.intro")} {view.bookByText ? t("interview.bookBy", { date: view.bookByText }) : null}
        </p>
      ) : null}
      {canChoose ? (
        view.days.length === 0 ? (
          <p className="card">{t("interview.noSlots")}</p>
        ) : (
          <Form method="post" className="card stack" noValidate>
            <h2>{booking ? t("interview.changeTo") : t("interview.choose")}</h2>
            {view.days.map((day) => (
              <fieldset key={day.id} className="radio-group">
                <legend>
                  {day.label} — <span dir="auto">{day.place}</span>
                </legend>
                <div className="slot-grid">
                  {day.slots.map((slot) => (
                    <label key={slot.id} className="choice">
                      <input type="radio" name="slotId" value={slot.id} required /> {slot.time}
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
            <FieldError name="slotId" error={actionData && !actionData.ok ? actionData.errors.slotId : undefined} />
            <div>
              <button type="submit" className="button">
                {booking ? t("interview.move") : t("interview.book")}
              </button>
            </div>
          </Form>
        )
      ) : null}
    </div>
  );
}
