import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { withUserErrors } from "~/errors.server.ts";
import { getCheckInForTeam, saveCheckInDraft } from "~/models/follow-up.server.ts";
import { CHECK_IN_ARRAY_FIELDS, parseCheckInDraft } from "~/schemas/check-in.ts";
import { formDataToObject, readFormData } from "~/schemas/form-data.ts";

/** The check-in form's background save: the draft as typed, and what the schema finds wrong with it so far. */
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "FOUNDER" });
  const checkIn = ensureFound(await getCheckInForTeam(params.id ?? "", params.checkInId ?? "", user.id));
  const posted = formDataToObject(await readFormData(request), CHECK_IN_ARRAY_FIELDS);
  const { errors } = parseCheckInDraft(posted);
  await saveCheckInDraft(checkIn.id, posted);
  return json({ saved: true, errors });
}
