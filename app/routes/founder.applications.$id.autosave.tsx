import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { withUserErrors } from "~/errors.server.ts";
import { getFounderApplication, saveDraft } from "~/models/application.server.ts";
import { readFormData } from "~/schemas/form-data.ts";
import { compressDataResponse } from "~/server/compressed-response.server.ts";

/** The wizard's background save: JSON in and out, same rules as a plain step post (a refusal answers as any action's). */
// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "FOUNDER" });
  const application = ensureFound(await getFounderApplication(params.id ?? "", user.id));
  const { errors, conflicts, updated, base } = await saveDraft(application, await readFormData(request), new Date(), user.id);
  // A resource route's answer reaches neither handleDataRequest nor the document's compression (entry.server.tsx):
  // sent the same way, the small answer every few seconds of typing is not gzipped for nothing by the middleware.
  return compressDataResponse(json({ saved: true, errors, conflicts, updated, base, savedAt: new Date().toISOString() }), request);
}
