-- Statuses, sectors, stages, roles, token kinds and recommendations become Prisma enums: on SQLite an enum
-- column is the same TEXT column, so they need no SQL. The criterion's scale columns were never read: the
-- review scale is one constant for every criterion (SCORE_SCALE in app/domain/constants.ts).
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Criterion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "callId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "anchors" TEXT NOT NULL,
    "weight" REAL NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "Criterion_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Criterion" ("anchors", "callId", "id", "key", "label", "position", "weight") SELECT "anchors", "callId", "id", "key", "label", "position", "weight" FROM "Criterion";
DROP TABLE "Criterion";
ALTER TABLE "new_Criterion" RENAME TO "Criterion";
CREATE INDEX "Criterion_callId_position_idx" ON "Criterion"("callId", "position");
CREATE UNIQUE INDEX "Criterion_callId_key_key" ON "Criterion"("callId", "key");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

