-- AlterTable
ALTER TABLE "Application" ADD COLUMN "discussionOpenedAt" DATETIME;

-- CreateTable
CREATE TABLE "DiscussionPost" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "applicationId" TEXT NOT NULL,
    "authorId" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'POST',
    "parentId" TEXT,
    "body" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" DATETIME,
    CONSTRAINT "DiscussionPost_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DiscussionPost_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "DiscussionPost_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "DiscussionPost" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "offerResponseDays" INTEGER NOT NULL DEFAULT 7,
    "maxTeamSize" INTEGER NOT NULL DEFAULT 3,
    "anyMemberAnswersOffer" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Call" ("anyMemberAnswersOffer", "blindReview", "closesAt", "createdAt", "description", "descriptionAr", "descriptionEn", "eligibilityText", "eligibilityTextAr", "eligibilityTextEn", "hasInterview", "id", "interviewWeight", "maxTeamSize", "offerResponseDays", "opensAt", "reviewersPerApplication", "slug", "status", "supportOffer", "supportOfferAr", "supportOfferEn", "title", "titleAr", "titleEn", "updatedAt") SELECT "anyMemberAnswersOffer", "blindReview", "closesAt", "createdAt", "description", "descriptionAr", "descriptionEn", "eligibilityText", "eligibilityTextAr", "eligibilityTextEn", "hasInterview", "id", "interviewWeight", "maxTeamSize", "offerResponseDays", "opensAt", "reviewersPerApplication", "slug", "status", "supportOffer", "supportOfferAr", "supportOfferEn", "title", "titleAr", "titleEn", "updatedAt" FROM "Call";
DROP TABLE "Call";
ALTER TABLE "new_Call" RENAME TO "Call";
CREATE UNIQUE INDEX "Call_slug_key" ON "Call"("slug");
CREATE INDEX "Call_status_closesAt_idx" ON "Call"("status", "closesAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "DiscussionPost_applicationId_createdAt_idx" ON "DiscussionPost"("applicationId", "createdAt");

-- CreateIndex
CREATE INDEX "DiscussionPost_authorId_idx" ON "DiscussionPost"("authorId");

-- CreateIndex
CREATE INDEX "DiscussionPost_parentId_idx" ON "DiscussionPost"("parentId");

