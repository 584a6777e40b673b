-- CreateTable
CREATE TABLE "InterviewDay" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "callId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "startTime" TEXT NOT NULL,
    "endTime" TEXT NOT NULL,
    "slotMinutes" INTEGER NOT NULL,
    "breaks" TEXT NOT NULL DEFAULT '[]',
    "room" TEXT NOT NULL DEFAULT '',
    "videoLink" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "InterviewDay_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InterviewDay_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InterviewSlot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dayId" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    CONSTRAINT "InterviewSlot_dayId_fkey" FOREIGN KEY ("dayId") REFERENCES "InterviewDay" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InterviewBooking" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "applicationId" TEXT NOT NULL,
    "slotId" TEXT,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "bookedAt" DATETIME NOT NULL,
    "assignedById" TEXT,
    "noShowAt" DATETIME,
    "reminded48At" DATETIME,
    "reminded2At" DATETIME,
    "cancelledAt" DATETIME,
    CONSTRAINT "InterviewBooking_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InterviewBooking_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "InterviewSlot" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InterviewJuror" (
    "callId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "invitedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("callId", "reviewerId"),
    CONSTRAINT "InterviewJuror_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InterviewJuror_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InterviewAvailability" (
    "dayId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "halfDay" TEXT NOT NULL,

    PRIMARY KEY ("dayId", "reviewerId", "halfDay"),
    CONSTRAINT "InterviewAvailability_dayId_fkey" FOREIGN KEY ("dayId") REFERENCES "InterviewDay" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InterviewAvailability_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InterviewPanel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dayId" TEXT NOT NULL,
    "halfDay" TEXT NOT NULL,
    CONSTRAINT "InterviewPanel_dayId_fkey" FOREIGN KEY ("dayId") REFERENCES "InterviewDay" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InterviewPanelJuror" (
    "panelId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "halfDay" TEXT NOT NULL,

    PRIMARY KEY ("panelId", "reviewerId"),
    CONSTRAINT "InterviewPanelJuror_panelId_fkey" FOREIGN KEY ("panelId") REFERENCES "InterviewPanel" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InterviewPanelJuror_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "offerResponseDays" INTEGER NOT NULL DEFAULT 7,
    "maxTeamSize" INTEGER NOT NULL DEFAULT 3,
    "anyMemberAnswersOffer" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Call" ("anyMemberAnswersOffer", "blindReview", "closesAt", "createdAt", "description", "descriptionAr", "descriptionEn", "eligibilityText", "eligibilityTextAr", "eligibilityTextEn", "hasInterview", "id", "interviewWeight", "maxTeamSize", "offerResponseDays", "opensAt", "reviewersPerApplication", "showReviewerNames", "slug", "status", "supportOffer", "supportOfferAr", "supportOfferEn", "title", "titleAr", "titleEn", "updatedAt") SELECT "anyMemberAnswersOffer", "blindReview", "closesAt", "createdAt", "description", "descriptionAr", "descriptionEn", "eligibilityText", "eligibilityTextAr", "eligibilityTextEn", "hasInterview", "id", "interviewWeight", "maxTeamSize", "offerResponseDays", "opensAt", "reviewersPerApplication", "showReviewerNames", "slug", "status", "supportOffer", "supportOfferAr", "supportOfferEn", "title", "titleAr", "titleEn", "updatedAt" FROM "Call";
DROP TABLE "Call";
ALTER TABLE "new_Call" RENAME TO "Call";
CREATE UNIQUE INDEX "Call_slug_key" ON "Call"("slug");
CREATE INDEX "Call_status_closesAt_idx" ON "Call"("status", "closesAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "InterviewDay_callId_date_idx" ON "InterviewDay"("callId", "date");

-- CreateIndex
CREATE INDEX "InterviewSlot_startsAt_idx" ON "InterviewSlot"("startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "InterviewSlot_dayId_startsAt_key" ON "InterviewSlot"("dayId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "InterviewBooking_applicationId_key" ON "InterviewBooking"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "InterviewBooking_slotId_key" ON "InterviewBooking"("slotId");

-- CreateIndex
CREATE INDEX "InterviewJuror_reviewerId_idx" ON "InterviewJuror"("reviewerId");

-- CreateIndex
CREATE INDEX "InterviewAvailability_reviewerId_idx" ON "InterviewAvailability"("reviewerId");

-- CreateIndex
CREATE UNIQUE INDEX "InterviewPanel_dayId_halfDay_key" ON "InterviewPanel"("dayId", "halfDay");

-- CreateIndex
CREATE UNIQUE INDEX "InterviewPanelJuror_reviewerId_date_halfDay_key" ON "InterviewPanelJuror"("reviewerId", "date", "halfDay");

