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
    "hasInterview" BOOLEAN NOT NULL DEFAULT false,
    "interviewWeight" REAL NOT NULL DEFAULT 0.3,
    "offerResponseDays" INTEGER NOT NULL DEFAULT 7,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Call" ("blindReview", "closesAt", "createdAt", "description", "hasInterview", "id", "interviewWeight", "offerResponseDays", "opensAt", "reviewersPerApplication", "slug", "status", "title", "updatedAt") SELECT "blindReview", "closesAt", "createdAt", "description", "hasInterview", "id", "interviewWeight", "offerResponseDays", "opensAt", "reviewersPerApplication", "slug", "status", "title", "updatedAt" FROM "Call";
DROP TABLE "Call";
ALTER TABLE "new_Call" RENAME TO "Call";
CREATE UNIQUE INDEX "Call_slug_key" ON "Call"("slug");
CREATE INDEX "Call_status_closesAt_idx" ON "Call"("status", "closesAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

