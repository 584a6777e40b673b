import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import * as z from "zod";
import { getOptionalUser, safeRedirectPath } from "~/auth/guards.server.ts";
import { LOCALES } from "~/domain/constants.ts";
import { localeCookie } from "~/i18n/i18n.server.ts";
import { updateLocale } from "~/models/user.server.ts";
import { readFormData } from "~/schemas/form-data.ts";

const localeChoice = z.object({ locale: z.enum(LOCALES), redirectTo: z.string().optional() });

/** The language switcher: remembered in a cookie, and on the account when signed in. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = localeChoice.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return json({ message: "errors.localeInvalid" }, { status: 400 });
  const user = await getOptionalUser(request);
  if (user) await updateLocale(user.id, parsed.data.locale);
  return redirect(safeRedirectPath(parsed.data.redirectTo, "/"), {
    headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.locale) },
  });
}

export async function loader() {
  return redirect("/");
}
