import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { FormMessage } from "~/components/form-message.tsx";
import { UserError } from "~/domain/errors.ts";
import { offerStatusAt } from "~/domain/offer.ts";
import { withUserErrors } from "~/errors.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { siteName } from "~/i18n/format.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { useLocale } from "~/i18n/use-locale.ts";
import { getFounderOffer, respondToOffer } from "~/models/offer.server.ts";
import { readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.offer.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "FOUNDER" });
  const offer = ensureFound(await getFounderOffer(params.id ?? "", user.id));
  const locale = await getLocale(request);
  return json({
    offer: {
      status: offerStatusAt(offer, new Date()),
      expiresAt: offer.expiresAt,
      expiresAtText: formatDate(offer.expiresAt, locale, "dateTime"),
      cohort: { ...offer.cohort, startsAtText: formatDate(offer.cohort.startsAt, locale) },
    },
    application: { id: offer.application.id, projectName: offer.application.projectName },
    // The team's lead answers; any member too when the call lets them (the others see the offer).
    canAnswer: offer.canAnswer,
  });
}

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "FOUNDER" });
  const offer = ensureFound(await getFounderOffer(params.id ?? "", user.id));
  // A member who may not answer is refused whatever they post (respondToOffer checks it again as it answers).
  if (!offer.canAnswer) throw new UserError("teams.errors.leadOnly", 403);
  const answer = (await readFormData(request)).get("answer");
  if (answer !== "accept" && answer !== "decline") throw new UserError("errors.choose", 400, { field: "answer" });
  await respondToOffer(offer.application.id, user, answer === "accept");
  return redirect(`/founder/applications/${offer.application.id}/offer`);
}

/**
 * The seat offer, shown to every member of the team: accept to enroll, or decline and free the seat for the
 * waitlist — by the lead, or by any member when the call lets them.
 */
export default function OfferPage() {
  const { offer, application, canAnswer } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="stack">
      <p>
        <Link to={`/founder/applications/${application.id}`}>{t("apply.backToApplication")}</Link>
      </p>
      <h1>{t("offer.title")}</h1>
      {actionData?.message ? <FormMessage kind="error">{t(actionData.message)}</FormMessage> : null}
      <dl className="card summary">
        <div>
          <dt>{t("apply.fields.projectName")}</dt>
          <dd>{application.projectName}</dd>
        </div>
        <div>
          <dt>{t("offer.cohort")}</dt>
          <dd>
            {offer.cohort.name} — {siteName(offer.cohort.site, locale)}
          </dd>
        </div>
        <div>
          <dt>{t("offer.startsAt")}</dt>
          <dd>{offer.cohort.startsAtText}</dd>
        </div>
        <div>
          <dt>{t("offer.respondBy")}</dt>
          <dd>
            <time dateTime={offer.expiresAt}>{t("offer.respondByTime", { dateTime: offer.expiresAtText })}</time>
          </dd>
        </div>
      </dl>
      {offer.status === "PENDING" && !canAnswer ? (
        <p className="card">{t("teams.offerLeadAnswers")}</p>
      ) : offer.status === "PENDING" ? (
        <Form method="post" className="stack">
          <p>{t("consent.offerAcceptance", { text: t("consent.purposes.FOLLOW_UP.text") })}</p>
          <div className="wizard-actions">
            <button type="submit" name="answer" value="accept" className="button">
              {t("offer.accept")}
            </button>
            <button type="submit" name="answer" value="decline" className="button button-secondary">
              {t("offer.decline")}
            </button>
          </div>
        </Form>
      ) : (
        <FormMessage kind={offer.status === "ACCEPTED" ? "success" : "error"}>{t(`offer.status.${offer.status}`)}</FormMessage>
      )}
    </div>
  );
}
