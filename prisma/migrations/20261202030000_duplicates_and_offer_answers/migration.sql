-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Application" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "founderId" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "projectName" TEXT NOT NULL DEFAULT '',
    "projectNameKey" TEXT NOT NULL DEFAULT '',
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
INSERT INTO "new_Application" ("allocatedCohortId", "alternateSiteId", "callId", "createdAt", "decisionReason", "decisionReleasedAt", "disagreement", "enrolledCohortId", "founderId", "id", "market", "normalizedScore", "preferredSiteId", "problem", "projectName", "rank", "rawScore", "reviewCount", "sector", "solution", "stage", "status", "submittedAt", "tagline", "traction", "updatedAt", "version", "withdrawnAt") SELECT "allocatedCohortId", "alternateSiteId", "callId", "createdAt", "decisionReason", "decisionReleasedAt", "disagreement", "enrolledCohortId", "founderId", "id", "market", "normalizedScore", "preferredSiteId", "problem", "projectName", "rank", "rawScore", "reviewCount", "sector", "solution", "stage", "status", "submittedAt", "tagline", "traction", "updatedAt", "version", "withdrawnAt" FROM "Application";
DROP TABLE "Application";
ALTER TABLE "new_Application" RENAME TO "Application";
CREATE INDEX "Application_callId_status_idx" ON "Application"("callId", "status");
CREATE INDEX "Application_list_by_score_idx" ON "Application"("callId", "normalizedScore" DESC, "rawScore" DESC, "submittedAt", "id", "status", "sector", "preferredSiteId", "disagreement", "projectName", "tagline");
CREATE INDEX "Application_list_by_raw_idx" ON "Application"("callId", "rawScore" DESC, "submittedAt", "id", "status");
CREATE INDEX "Application_list_by_submission_idx" ON "Application"("callId", "submittedAt", "id", "status");
CREATE INDEX "Application_callId_id_idx" ON "Application"("callId", "id");
CREATE INDEX "Application_callId_projectNameKey_idx" ON "Application"("callId", "projectNameKey");
CREATE INDEX "Application_status_idx" ON "Application"("status");
CREATE INDEX "Application_founderId_idx" ON "Application"("founderId");
CREATE INDEX "Application_enrolledCohortId_idx" ON "Application"("enrolledCohortId");
CREATE INDEX "Application_allocatedCohortId_idx" ON "Application"("allocatedCohortId");
CREATE UNIQUE INDEX "Application_founderId_callId_key" ON "Application"("founderId", "callId");
CREATE TABLE "new_Call" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleEn" TEXT,
    "titleAr" TEXT,
    "description" TEXT NOT NULL,
    "descriptionEn" TEXT,
    "descriptionAr" TEXT,
    "eligibilityText" TEXT NOT NULL DEFAULT '',
    "eligibilityTextEn" TEXT,
    "eligibilityTextAr" TEXT,
    "supportOffer" TEXT NOT NULL DEFAULT '',
    "supportOfferEn" TEXT,
    "supportOfferAr" TEXT,
    "opensAt" DATETIME NOT NULL,
    "closesAt" DATETIME NOT NULL,
    "reviewersPerApplication" INTEGER NOT NULL DEFAULT 3,
    "blindReview" BOOLEAN NOT NULL DEFAULT true,
    "hasInterview" BOOLEAN NOT NULL DEFAULT false,
    "interviewWeight" REAL NOT NULL DEFAULT 0.3,
    "offerResponseDays" INTEGER NOT NULL DEFAULT 7,
    "maxTeamSize" INTEGER NOT NULL DEFAULT 3,
    "anyMemberAnswersOffer" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Call" ("blindReview", "closesAt", "createdAt", "description", "descriptionAr", "descriptionEn", "eligibilityText", "eligibilityTextAr", "eligibilityTextEn", "hasInterview", "id", "interviewWeight", "maxTeamSize", "offerResponseDays", "opensAt", "reviewersPerApplication", "slug", "status", "supportOffer", "supportOfferAr", "supportOfferEn", "title", "titleAr", "titleEn", "updatedAt") SELECT "blindReview", "closesAt", "createdAt", "description", "descriptionAr", "descriptionEn", "eligibilityText", "eligibilityTextAr", "eligibilityTextEn", "hasInterview", "id", "interviewWeight", "maxTeamSize", "offerResponseDays", "opensAt", "reviewersPerApplication", "slug", "status", "supportOffer", "supportOfferAr", "supportOfferEn", "title", "titleAr", "titleEn", "updatedAt" FROM "Call";
DROP TABLE "Call";
ALTER TABLE "new_Call" RENAME TO "Call";
CREATE UNIQUE INDEX "Call_slug_key" ON "Call"("slug");
CREATE INDEX "Call_status_closesAt_idx" ON "Call"("status", "closesAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- The names already stored, folded as closely as SQL can (lower case, no spaces); the app folds accents and
-- punctuation too (app/domain/duplicates.ts) on every save of a name, and the seed writes the exact key.
UPDATE "Application" SET "projectNameKey" = lower(replace(trim("projectName"), ' ', ''));
