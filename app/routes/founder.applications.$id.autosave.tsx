import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { getFounderApplication, saveDraftFromForm } from "~/models/application.server.ts";
import { TransitionError } from "~/models/lifecycle.server.ts";
import { readFormData } from "~/schemas/form-data.ts";

/** The wizard's background save: JSON in and out, same rules as a plain step post. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "FOUNDER" });
  const application = ensureFound(await getFounderApplication(params.id ?? "", user.id));
  try {
    const errors = await saveDraftFromForm(application, await readFormData(request));
    return json({ saved: true, errors, savedAt: new Date().toISOString() });
  } catch (error) {
    if (error instanceof TransitionError) return json({ saved: false, errors: { form: error.messageKey } }, { status: error.status });
    throw error;
  }
}
