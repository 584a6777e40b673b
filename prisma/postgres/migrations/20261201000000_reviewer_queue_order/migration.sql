-- DropIndex
DROP INDEX "ReviewAssignment_reviewerId_status_idx";

-- CreateIndex
CREATE INDEX "ReviewAssignment_reviewerId_status_dueAt_createdAt_id_idx" ON "ReviewAssignment"("reviewerId", "status", "dueAt", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ReviewAssignment_reviewerId_dueAt_createdAt_id_idx" ON "ReviewAssignment"("reviewerId", "dueAt", "createdAt", "id");
