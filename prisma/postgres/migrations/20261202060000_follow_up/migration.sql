-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ApplicationStatus" ADD VALUE 'INCUBATING';
ALTER TYPE "ApplicationStatus" ADD VALUE 'GRADUATED';
ALTER TYPE "ApplicationStatus" ADD VALUE 'LEFT_EARLY';
ALTER TYPE "ApplicationStatus" ADD VALUE 'CEASED';

-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "ceasedAt" TIMESTAMP(3),
ADD COLUMN     "graduatedAt" TIMESTAMP(3),
ADD COLUMN     "incubationStartedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "FollowUpPlan" (
    "cohortId" TEXT NOT NULL,
    "months" TEXT NOT NULL,
    "tracks" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FollowUpPlan_pkey" PRIMARY KEY ("cohortId")
);

-- CreateTable
CREATE TABLE "CheckIn" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "monthsAfter" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "openedAt" TIMESTAMP(3),
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "draft" TEXT NOT NULL DEFAULT '{}',
    "answers" TEXT,
    "submittedAt" TIMESTAMP(3),
    "submittedById" TEXT,
    "onBehalf" BOOLEAN NOT NULL DEFAULT false,
    "operating" BOOLEAN,
    "ceasedOn" TIMESTAMP(3),
    "fullTimeJobs" INTEGER,
    "partTimeJobs" INTEGER,
    "exportShare" INTEGER,
    "fundingAmount" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckIn_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CheckIn_openedAt_submittedAt_dueAt_idx" ON "CheckIn"("openedAt", "submittedAt", "dueAt");

-- CreateIndex
CREATE INDEX "CheckIn_submittedById_idx" ON "CheckIn"("submittedById");

-- CreateIndex
CREATE UNIQUE INDEX "CheckIn_applicationId_monthsAfter_key" ON "CheckIn"("applicationId", "monthsAfter");

-- AddForeignKey
ALTER TABLE "FollowUpPlan" ADD CONSTRAINT "FollowUpPlan_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckIn" ADD CONSTRAINT "CheckIn_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckIn" ADD CONSTRAINT "CheckIn_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

