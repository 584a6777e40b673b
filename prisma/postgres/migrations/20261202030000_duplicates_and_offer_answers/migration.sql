-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "projectNameKey" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "anyMemberAnswersOffer" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Application_callId_projectNameKey_idx" ON "Application"("callId", "projectNameKey");


-- The names already stored, folded as closely as SQL can (lower case, no spaces); the app folds accents and
-- punctuation too (app/domain/duplicates.ts) on every save of a name, and the seed writes the exact key.
UPDATE "Application" SET "projectNameKey" = lower(replace(trim("projectName"), ' ', ''));
