-- AlterTable
ALTER TABLE "Application" ADD COLUMN "anonymizedAt" DATETIME;

-- AlterTable
ALTER TABLE "User" ADD COLUMN "anonymizedAt" DATETIME;

-- CreateTable
CREATE TABLE "DataExport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readyAt" DATETIME,
    "expiresAt" DATETIME,
    "downloadedAt" DATETIME,
    "tokenHash" TEXT,
    "storageKey" TEXT,
    "size" INTEGER,
    CONSTRAINT "DataExport_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "showReviewerNames" BOOLEAN NOT NULL DEFAULT false,
    "hasInterview" BOOLEAN NOT NULL DEFAULT false,
    "interviewWeight" REAL NOT NULL DEFAULT 0.3,
    "remoteInterviews" BOOLEAN NOT NULL DEFAULT false,
    "interviewBlind" BOOLEAN NOT NULL DEFAULT false,
    "interviewBookBy" DATETIME,
    "retainRejectedMonths" INTEGER NOT NULL DEFAULT 24,
    "retainDraftMonths" INTEGER NOT NULL DEFAULT 6,
    "offerResponseDays" INTEGER NOT NULL DEFAULT 7,
    "maxTeamSize" INTEGER NOT NULL DEFAULT 3,
    "anyMemberAnswersOffer" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Call" ("anyMemberAnswersOffer", "blindReview", "closesAt", "createdAt", "description", "descriptionAr", "descriptionEn", "eligibilityText", "eligibilityTextAr", "eligibilityTextEn", "hasInterview", "id", "interviewBlind", "interviewBookBy", "interviewWeight", "maxTeamSize", "offerResponseDays", "opensAt", "remoteInterviews", "reviewersPerApplication", "showReviewerNames", "slug", "status", "supportOffer", "supportOfferAr", "supportOfferEn", "title", "titleAr", "titleEn", "updatedAt") SELECT "anyMemberAnswersOffer", "blindReview", "closesAt", "createdAt", "description", "descriptionAr", "descriptionEn", "eligibilityText", "eligibilityTextAr", "eligibilityTextEn", "hasInterview", "id", "interviewBlind", "interviewBookBy", "interviewWeight", "maxTeamSize", "offerResponseDays", "opensAt", "remoteInterviews", "reviewersPerApplication", "showReviewerNames", "slug", "status", "supportOffer", "supportOfferAr", "supportOfferEn", "title", "titleAr", "titleEn", "updatedAt" FROM "Call";
DROP TABLE "Call";
ALTER TABLE "new_Call" RENAME TO "Call";
CREATE UNIQUE INDEX "Call_slug_key" ON "Call"("slug");
CREATE INDEX "Call_status_closesAt_idx" ON "Call"("status", "closesAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "DataExport_tokenHash_key" ON "DataExport"("tokenHash");

-- CreateIndex
CREATE INDEX "DataExport_userId_requestedAt_idx" ON "DataExport"("userId", "requestedAt");

-- CreateIndex
CREATE INDEX "DataExport_status_requestedAt_idx" ON "DataExport"("status", "requestedAt");

