import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server.ts";
import { withUserErrors } from "~/errors.server.ts";
import { openNotification } from "~/models/notification.server.ts";

// Opening a notification (issue 18): read from now on, then where it leads. Another user's is not found.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return redirect(await openNotification(params.id ?? "", user.id));
}
