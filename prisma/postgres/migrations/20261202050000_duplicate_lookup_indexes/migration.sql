-- Duplicate detection looks a name (or a phone number) up, then checks its call: indexes on the key alone, so the
-- admin list's queries, which filter by call, keep their own (a (callId, key) index tempted PostgreSQL's planner).
-- DropIndex
DROP INDEX "Application_callId_projectNameKey_idx";

-- DropIndex
DROP INDEX "TeamMembership_callId_phoneKey_idx";

-- CreateIndex
CREATE INDEX "Application_projectNameKey_idx" ON "Application"("projectNameKey");

-- CreateIndex
CREATE INDEX "TeamMembership_phoneKey_idx" ON "TeamMembership"("phoneKey");

