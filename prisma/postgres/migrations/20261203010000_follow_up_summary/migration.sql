-- CreateTable
CREATE TABLE "FollowUpSummary" (
    "applicationId" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "sector" "Sector",
    "score" DOUBLE PRECISION,
    "survivalMonths" DOUBLE PRECISION NOT NULL,
    "ceased" BOOLEAN NOT NULL,
    "outcomeKnownAt" TIMESTAMP(3) NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "answered" INTEGER NOT NULL,
    "funding" DOUBLE PRECISION NOT NULL,
    "latestFullTimeJobs" INTEGER,
    "latestPartTimeJobs" INTEGER,
    "latestExportShare" INTEGER,

    CONSTRAINT "FollowUpSummary_pkey" PRIMARY KEY ("applicationId")
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
    "outcomeKnownAt" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "sumOfSquares" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "FollowUpCriterionMoments_pkey" PRIMARY KEY ("cohortId","sectorKey","succeeded","criterionKey")
);

-- CreateTable
CREATE TABLE "FollowUpReviewerMoments" (
    "cohortId" TEXT NOT NULL,
    "sectorKey" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "outcomeKnownAt" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "sumOfSquares" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "FollowUpReviewerMoments_pkey" PRIMARY KEY ("cohortId","sectorKey","succeeded","reviewerId")
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

    CONSTRAINT "FollowUpJobsByMonth_pkey" PRIMARY KEY ("cohortId","sectorKey","monthsAfter")
);

-- CreateIndex
CREATE INDEX "FollowUpSummary_cohortId_sector_idx" ON "FollowUpSummary"("cohortId", "sector");

-- CreateIndex
CREATE INDEX "FollowUpSummary_siteId_sector_survivalMonths_ceased_idx" ON "FollowUpSummary"("siteId", "sector", "survivalMonths", "ceased");

-- CreateIndex
CREATE INDEX "FollowUpSummary_callId_idx" ON "FollowUpSummary"("callId");

-- CreateIndex
CREATE INDEX "CheckIn_submittedAt_dueAt_idx" ON "CheckIn"("submittedAt", "dueAt");

-- AddForeignKey
ALTER TABLE "FollowUpSummary" ADD CONSTRAINT "FollowUpSummary_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpCriterionMoments" ADD CONSTRAINT "FollowUpCriterionMoments_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpReviewerMoments" ADD CONSTRAINT "FollowUpReviewerMoments_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpJobsByMonth" ADD CONSTRAINT "FollowUpJobsByMonth_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

