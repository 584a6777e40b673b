import type { ReactNode } from "react";

/** A message for the whole form (e.g. wrong credentials), announced to screen readers. */
export function FormMessage({ kind, children }: { kind: "error" | "success"; children: ReactNode }) {
  return (
    <div className={`form-message form-message-${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}
