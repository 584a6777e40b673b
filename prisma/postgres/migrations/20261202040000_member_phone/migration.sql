-- AlterTable
ALTER TABLE "TeamMembership" ADD COLUMN     "phone" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "phoneKey" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "TeamMembership_callId_phoneKey_idx" ON "TeamMembership"("callId", "phoneKey");

