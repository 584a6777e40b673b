import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "REVIEWER" });
  return null;
}

export default function ReviewerArea() {
  return <Outlet />;
}
