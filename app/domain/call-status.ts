// Which status changes a call allows (DRAFT → OPEN → CLOSED → ARCHIVED; a closed call may reopen).
export const CALL_STATUS_CHANGES = {
  open: { from: ["DRAFT", "CLOSED"], to: "OPEN" },
  close: { from: ["OPEN"], to: "CLOSED" },
  archive: { from: ["CLOSED"], to: "ARCHIVED" },
} as const;
export type CallStatusChange = keyof typeof CALL_STATUS_CHANGES;
