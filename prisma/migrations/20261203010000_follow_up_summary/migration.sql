-- CreateTable
CREATE TABLE "FollowUpSummary" (
    "applicationId" TEXT NOT NULL PRIMARY KEY,
    "callId" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "sector" TEXT,
    "score" REAL,
    "survivalMonths" REAL NOT NULL,
    "ceased" BOOLEAN NOT NULL,
    "outcomeKnownAt" DATETIME NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "answered" INTEGER NOT NULL,
    "funding" REAL NOT NULL,
    "latestFullTimeJobs" INTEGER,
    "latestPartTimeJobs" INTEGER,
    "latestExportShare" INTEGER,
    CONSTRAINT "FollowUpSummary_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FollowUpCriterionMoments" (
    "cohortId" TEXT NOT NULL,
    "sectorKey" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "criterionKey" TEXT NOT NULL,
    "criterionLabel" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "outcomeKnownAt" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" REAL NOT NULL,
    "sumOfSquares" REAL NOT NULL,
    "min" REAL NOT NULL,
    "max" REAL NOT NULL,

    PRIMARY KEY ("cohortId", "sectorKey", "succeeded", "criterionKey"),
    CONSTRAINT "FollowUpCriterionMoments_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FollowUpReviewerMoments" (
    "cohortId" TEXT NOT NULL,
    "sectorKey" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "outcomeKnownAt" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" REAL NOT NULL,
    "sumOfSquares" REAL NOT NULL,
    "min" REAL NOT NULL,
    "max" REAL NOT NULL,

    PRIMARY KEY ("cohortId", "sectorKey", "succeeded", "reviewerId"),
    CONSTRAINT "FollowUpReviewerMoments_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FollowUpJobsByMonth" (
    "cohortId" TEXT NOT NULL,
    "sectorKey" TEXT NOT NULL,
    "monthsAfter" INTEGER NOT NULL,
    "callId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "fullTime" INTEGER NOT NULL,
    "partTime" INTEGER NOT NULL,
    "answered" INTEGER NOT NULL,

    PRIMARY KEY ("cohortId", "sectorKey", "monthsAfter"),
    CONSTRAINT "FollowUpJobsByMonth_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "FollowUpSummary_cohortId_sector_idx" ON "FollowUpSummary"("cohortId", "sector");

-- CreateIndex
CREATE INDEX "FollowUpSummary_siteId_sector_survivalMonths_ceased_idx" ON "FollowUpSummary"("siteId", "sector", "survivalMonths", "ceased");

-- CreateIndex
CREATE INDEX "FollowUpSummary_callId_idx" ON "FollowUpSummary"("callId");

-- CreateIndex
CREATE INDEX "CheckIn_submittedAt_dueAt_idx" ON "CheckIn"("submittedAt", "dueAt");

