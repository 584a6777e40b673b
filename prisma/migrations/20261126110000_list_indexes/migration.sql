-- DropIndex
DROP INDEX "Application_callId_normalizedScore_idx";

-- CreateIndex
CREATE INDEX "Application_list_by_score_idx" ON "Application"("callId", "normalizedScore" DESC, "rawScore" DESC, "submittedAt", "id", "status", "sector", "preferredSiteId", "disagreement", "projectName", "tagline");

-- CreateIndex
CREATE INDEX "Application_list_by_raw_idx" ON "Application"("callId", "rawScore" DESC, "submittedAt", "id", "status");

-- CreateIndex
CREATE INDEX "Application_list_by_submission_idx" ON "Application"("callId", "submittedAt", "id", "status");

-- CreateIndex
CREATE INDEX "Application_enrolledCohortId_idx" ON "Application"("enrolledCohortId");

-- CreateIndex
CREATE INDEX "Application_allocatedCohortId_idx" ON "Application"("allocatedCohortId");

