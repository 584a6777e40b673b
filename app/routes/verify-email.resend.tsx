import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser, safeRedirectPath } from "~/auth/guards.server.ts";
import { hitRateLimit, RATE_LIMITS } from "~/auth/rate-limit.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { resendVerificationEmail } from "~/models/email-verification.server.ts";
import { readFormData } from "~/schemas/form-data.ts";

/** A new confirmation link for the signed-in user; back to the page that asked, saying what happened. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const returnTo = safeRedirectPath((await readFormData(request)).get("returnTo"), "/founder");
  const limit = await hitRateLimit(`verification-resend:user:${user.id}`, RATE_LIMITS.verificationResendPerUser);
  if (!limit.allowed) return redirectWithFlash(returnTo, { kind: "error", key: "verification.resendLimited" });
  await resendVerificationEmail(user.id, returnTo);
  return redirectWithFlash(returnTo, { kind: "success", key: "verification.resent" });
}

export async function loader() {
  return redirect("/founder");
}
