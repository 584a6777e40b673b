import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { startSession } from "~/auth/session.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { hasSecondFactor } from "~/models/two-factor.server.ts";
import { FormMessage } from "~/components/form-message.tsx";
import { NewPasswordForm } from "~/components/new-password-form.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { acceptInvitation } from "~/models/reviewer.server.ts";
import { findValidToken } from "~/models/token.server.ts";
import { resetPasswordSchema } from "~/schemas/auth.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.invitation.welcomeTitle);

export async function loader({ params }: LoaderFunctionArgs) {
  const token = await findValidToken("INVITATION", params.token ?? "");
  return json({ valid: Boolean(token) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = parseForm(resetPasswordSchema, await readFormData(request));
  if (!parsed.ok) return json({ errors: parsed.errors, invalidLink: false }, { status: 400 });
  const userId = await acceptInvitation(params.token ?? "", parsed.data.password);
  if (!userId) return json({ errors: {}, invalidLink: true }, { status: 400 });
  // An account with an authenticator (issue 20) is never signed in by a link alone: its log-in asks for the code.
  if (await hasSecondFactor(userId)) return redirectWithFlash("/login", { kind: "success", key: "reset.done" });
  return redirect("/reviewer", { headers: { "Set-Cookie": await startSession(request, userId, context.clientIp) } });
}

/** An invited reviewer chooses a password and lands on their queue. */
export default function AcceptInvitation() {
  const { valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="card auth-card">
      <h1>{t("invitation.welcomeTitle")}</h1>
      {!valid || actionData?.invalidLink ? (
        <>
          <FormMessage kind="error">{t("invitation.invalid")}</FormMessage>
          <Link to="/">{t("errors.backHome")}</Link>
        </>
      ) : (
        <NewPasswordForm serverErrors={actionData?.errors} submitLabel={t("invitation.setPassword")} intro={t("invitation.welcomeText")} />
      )}
    </div>
  );
}
