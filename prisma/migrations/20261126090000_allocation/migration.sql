-- CreateTable
CREATE TABLE "AllocationPin" (
    "applicationId" TEXT NOT NULL PRIMARY KEY,
    "decision" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "cohortId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AllocationPin_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Application" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "founderId" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "projectName" TEXT NOT NULL DEFAULT '',
    "tagline" TEXT NOT NULL DEFAULT '',
    "problem" TEXT NOT NULL DEFAULT '',
    "solution" TEXT NOT NULL DEFAULT '',
    "market" TEXT NOT NULL DEFAULT '',
    "traction" TEXT NOT NULL DEFAULT '',
    "stage" TEXT,
    "sector" TEXT,
    "preferredSiteId" TEXT,
    "alternateSiteId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "rawScore" REAL,
    "normalizedScore" REAL,
    "disagreement" REAL,
    "reviewCount" INTEGER NOT NULL DEFAULT 0,
    "rank" INTEGER,
    "decisionReason" TEXT,
    "decisionReleasedAt" DATETIME,
    "submittedAt" DATETIME,
    "withdrawnAt" DATETIME,
    "enrolledCohortId" TEXT,
    "allocatedCohortId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Application_founderId_fkey" FOREIGN KEY ("founderId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Application_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Application_preferredSiteId_fkey" FOREIGN KEY ("preferredSiteId") REFERENCES "Site" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Application_alternateSiteId_fkey" FOREIGN KEY ("alternateSiteId") REFERENCES "Site" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Application_enrolledCohortId_fkey" FOREIGN KEY ("enrolledCohortId") REFERENCES "Cohort" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Application_allocatedCohortId_fkey" FOREIGN KEY ("allocatedCohortId") REFERENCES "Cohort" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Application" ("alternateSiteId", "callId", "createdAt", "decisionReason", "decisionReleasedAt", "disagreement", "enrolledCohortId", "founderId", "id", "market", "normalizedScore", "preferredSiteId", "problem", "projectName", "rank", "rawScore", "reviewCount", "sector", "solution", "stage", "status", "submittedAt", "tagline", "traction", "updatedAt", "version", "withdrawnAt") SELECT "alternateSiteId", "callId", "createdAt", "decisionReason", "decisionReleasedAt", "disagreement", "enrolledCohortId", "founderId", "id", "market", "normalizedScore", "preferredSiteId", "problem", "projectName", "rank", "rawScore", "reviewCount", "sector", "solution", "stage", "status", "submittedAt", "tagline", "traction", "updatedAt", "version", "withdrawnAt" FROM "Application";
DROP TABLE "Application";
ALTER TABLE "new_Application" RENAME TO "Application";
CREATE INDEX "Application_callId_status_idx" ON "Application"("callId", "status");
CREATE INDEX "Application_callId_normalizedScore_idx" ON "Application"("callId", "normalizedScore");
CREATE INDEX "Application_status_idx" ON "Application"("status");
CREATE INDEX "Application_founderId_idx" ON "Application"("founderId");
CREATE UNIQUE INDEX "Application_founderId_callId_key" ON "Application"("founderId", "callId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

