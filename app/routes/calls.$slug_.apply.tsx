import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { isEditableByFounder } from "~/domain/lifecycle.ts";
import { withUserErrors } from "~/errors.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { findApplicationToCall, startOrResumeApplication } from "~/models/application.server.ts";
import { showCallText, textInSentence } from "~/domain/call-texts.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.apply.startTitle);

const wizardOf = (applicationId: string) => `/founder/applications/${applicationId}/edit/project`;

/**
 * Apply. Opening this page never changes anything (a link from another site could
 * open it): an application already started resumes; a new one is started by the
 * form below, a POST that the cross-site check guards.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "FOUNDER" });
  const { call, applicationId } = ensureFound(await findApplicationToCall(user.id, params.slug ?? ""));
  if (applicationId) return redirect(wizardOf(applicationId));
  if (!isEditableByFounder("DRAFT", call, new Date())) return redirect(`/calls/${call.slug}`);
  const locale = await getLocale(request);
  return json({
    call: {
      title: showCallText(call, "title", locale),
      closesAt: call.closesAt,
      closesAtText: formatDate(call.closesAt, locale, "dateTime"),
    },
  });
}

/** A call that closed (or is not open yet) sends the founder back to its page, which says why. */
// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) =>
  withUserErrors(startApplication, { redirectTo: ({ params }) => `/calls/${params.slug}` })(args);

async function startApplication({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "FOUNDER" });
  return redirect(wizardOf(ensureFound(await startOrResumeApplication(user.id, params.slug ?? ""))));
}

export default function StartApplication() {
  const { call } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <h1>{t("apply.startTitle")}</h1>
      <p>
        <time dateTime={call.closesAt}>
          {t("apply.startText", { title: textInSentence(call.title, t("calls.inFrench")), date: call.closesAtText })}
        </time>
      </p>
      <Form method="post">
        <button type="submit" className="button">
          {t("apply.start")}
        </button>
      </Form>
    </section>
  );
}
