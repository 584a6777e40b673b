/*
  Every outbox email gets its Message-ID when it is queued, so that a re-send after a
  worker's lease ran out is the same message for the recipient's mail client.
  Rows queued before this migration keep the Message-ID they were sent with, if any,
  and otherwise get one derived from their id.
*/
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxEmail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "to" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "messageId" TEXT NOT NULL,
    "sentAt" DATETIME,
    "dedupeKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_OutboxEmail" ("attempts", "createdAt", "dedupeKey", "id", "lastError", "leaseUntil", "locale", "messageId", "nextAttemptAt", "payload", "sentAt", "status", "template", "to") SELECT "attempts", "createdAt", "dedupeKey", "id", "lastError", "leaseUntil", "locale", COALESCE("messageId", '<' || "id" || '.outbox@tremplin.ma>'), "nextAttemptAt", "payload", "sentAt", "status", "template", "to" FROM "OutboxEmail";
DROP TABLE "OutboxEmail";
ALTER TABLE "new_OutboxEmail" RENAME TO "OutboxEmail";
CREATE UNIQUE INDEX "OutboxEmail_messageId_key" ON "OutboxEmail"("messageId");
CREATE UNIQUE INDEX "OutboxEmail_dedupeKey_key" ON "OutboxEmail"("dedupeKey");
CREATE INDEX "OutboxEmail_status_nextAttemptAt_idx" ON "OutboxEmail"("status", "nextAttemptAt");
CREATE INDEX "OutboxEmail_createdAt_idx" ON "OutboxEmail"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
