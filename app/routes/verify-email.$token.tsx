import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { safeRedirectPath } from "~/auth/guards.server.ts";
import { startSession } from "~/auth/session.server.ts";
import { hasSecondFactor } from "~/models/two-factor.server.ts";
import { FormMessage } from "~/components/form-message.tsx";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { verifyEmail } from "~/models/email-verification.server.ts";
import { findValidToken } from "~/models/token.server.ts";
import { readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.verification.title);

export async function loader({ params }: LoaderFunctionArgs) {
  const token = await findValidToken("EMAIL_VERIFICATION", params.token ?? "");
  return json({ valid: Boolean(token) });
}

/**
 * The link is used by a button, not by opening it: mail scanners that fetch
 * links must not use it up. Confirming signs the founder in, like a reset link,
 * and takes them straight on to the page the sign-up was heading to, saying so there.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const next = safeRedirectPath((await readFormData(request)).get("next"), "/founder");
  const userId = await verifyEmail(params.token ?? "");
  if (!userId) return json({ message: "verification.invalidLink" }, { status: 400 });
  // An account with an authenticator (issue 20) is never signed in by a link alone: its log-in asks for the code.
  if (await hasSecondFactor(userId)) {
    return redirectWithFlash(`/login?${new URLSearchParams({ redirectTo: next })}`, { kind: "success", key: "verification.done" });
  }
  return redirectWithFlash(
    next,
    { kind: "success", key: "verification.done" },
    { headers: { "Set-Cookie": await startSession(request, userId, context.clientIp) } },
  );
}

export default function VerifyEmail() {
  const { valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  if (!valid || actionData) {
    return (
      <div className="card auth-card">
        <h1>{t("verification.title")}</h1>
        <FormMessage kind="error">{t("verification.invalidLink")}</FormMessage>
        <p>{t("verification.invalidLinkHint")}</p>
        <Link to="/login">{t("nav.login")}</Link>
      </div>
    );
  }
  return (
    <div className="card auth-card">
      <h1>{t("verification.title")}</h1>
      <p>{t("verification.intro")}</p>
      <Form method="post">
        <input type="hidden" name="next" value={searchParams.get("next") ?? ""} />
        <button type="submit" className="button">
          {t("verification.confirm")}
        </button>
      </Form>
    </div>
  );
}
