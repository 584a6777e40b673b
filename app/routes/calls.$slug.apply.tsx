import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { startOrResumeApplication } from "~/models/application.server.ts";
import { TransitionError } from "~/models/lifecycle.server.ts";

/** Apply: resumes the founder's application to this call, or starts the draft. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "FOUNDER" });
  try {
    const id = ensureFound(await startOrResumeApplication(user.id, params.slug ?? ""));
    return redirect(`/founder/applications/${id}/edit/project`);
  } catch (error) {
    if (error instanceof TransitionError) return redirect(`/calls/${params.slug}`);
    throw error;
  }
}
