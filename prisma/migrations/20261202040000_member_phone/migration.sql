-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TeamMembership" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "applicationId" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "lead" BOOLEAN NOT NULL DEFAULT false,
    "consentAt" DATETIME,
    "linkUrl" TEXT NOT NULL DEFAULT '',
    "phone" TEXT NOT NULL DEFAULT '',
    "phoneKey" TEXT NOT NULL DEFAULT '',
    "residesInMorocco" BOOLEAN,
    "bio" TEXT NOT NULL DEFAULT '',
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TeamMembership_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TeamMembership_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TeamMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_TeamMembership" ("applicationId", "bio", "callId", "consentAt", "id", "joinedAt", "lead", "linkUrl", "residesInMorocco", "userId") SELECT "applicationId", "bio", "callId", "consentAt", "id", "joinedAt", "lead", "linkUrl", "residesInMorocco", "userId" FROM "TeamMembership";
DROP TABLE "TeamMembership";
ALTER TABLE "new_TeamMembership" RENAME TO "TeamMembership";
CREATE INDEX "TeamMembership_userId_idx" ON "TeamMembership"("userId");
CREATE INDEX "TeamMembership_callId_phoneKey_idx" ON "TeamMembership"("callId", "phoneKey");
CREATE UNIQUE INDEX "TeamMembership_callId_userId_key" ON "TeamMembership"("callId", "userId");
CREATE UNIQUE INDEX "TeamMembership_applicationId_userId_key" ON "TeamMembership"("applicationId", "userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

