-- AlterTable
ALTER TABLE "Application" ADD COLUMN "ceasedAt" DATETIME;
ALTER TABLE "Application" ADD COLUMN "graduatedAt" DATETIME;
ALTER TABLE "Application" ADD COLUMN "incubationStartedAt" DATETIME;

-- CreateTable
CREATE TABLE "FollowUpPlan" (
    "cohortId" TEXT NOT NULL PRIMARY KEY,
    "months" TEXT NOT NULL,
    "tracks" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FollowUpPlan_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CheckIn" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "applicationId" TEXT NOT NULL,
    "monthsAfter" INTEGER NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "openedAt" DATETIME,
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "draft" TEXT NOT NULL DEFAULT '{}',
    "answers" TEXT,
    "submittedAt" DATETIME,
    "submittedById" TEXT,
    "onBehalf" BOOLEAN NOT NULL DEFAULT false,
    "operating" BOOLEAN,
    "ceasedOn" DATETIME,
    "fullTimeJobs" INTEGER,
    "partTimeJobs" INTEGER,
    "exportShare" INTEGER,
    "fundingAmount" REAL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CheckIn_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CheckIn_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CheckIn_openedAt_submittedAt_dueAt_idx" ON "CheckIn"("openedAt", "submittedAt", "dueAt");

-- CreateIndex
CREATE INDEX "CheckIn_submittedById_idx" ON "CheckIn"("submittedById");

-- CreateIndex
CREATE UNIQUE INDEX "CheckIn_applicationId_monthsAfter_key" ON "CheckIn"("applicationId", "monthsAfter");

