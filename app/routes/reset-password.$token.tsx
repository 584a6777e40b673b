import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormMessage } from "~/components/form-message.tsx";
import { NewPasswordForm } from "~/components/new-password-form.tsx";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { resetPassword } from "~/models/password-reset.server.ts";
import { findValidToken } from "~/models/token.server.ts";
import { resetPasswordSchema } from "~/schemas/auth.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.reset.newTitle);

export async function loader({ params }: LoaderFunctionArgs) {
  const token = await findValidToken("PASSWORD_RESET", params.token ?? "");
  return json({ valid: Boolean(token) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(resetPasswordSchema, await readFormData(request));
  if (!parsed.ok) return json({ errors: parsed.errors, invalidLink: false }, { status: 400 });
  const changed = await resetPassword(params.token ?? "", parsed.data.password);
  if (!changed) return json({ errors: {}, invalidLink: true }, { status: 400 });
  return redirectWithFlash("/login", { kind: "success", key: "reset.done" });
}

export default function ResetPassword() {
  const { valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  if (!valid || actionData?.invalidLink) {
    return (
      <div className="card auth-card">
        <h1>{t("reset.newTitle")}</h1>
        <FormMessage kind="error">{t("reset.invalidLink")}</FormMessage>
        <Link to="/forgot-password">{t("reset.askAgain")}</Link>
      </div>
    );
  }
  return (
    <div className="card auth-card">
      <h1>{t("reset.newTitle")}</h1>
      <NewPasswordForm serverErrors={actionData?.errors} submitLabel={t("reset.newSubmit")} />
    </div>
  );
}
