-- CreateTable
CREATE TABLE "DraftStepChange" (
    "applicationId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DraftStepChange_pkey" PRIMARY KEY ("applicationId","step")
);

-- CreateIndex
CREATE INDEX "DraftStepChange_userId_idx" ON "DraftStepChange"("userId");

-- AddForeignKey
ALTER TABLE "DraftStepChange" ADD CONSTRAINT "DraftStepChange_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DraftStepChange" ADD CONSTRAINT "DraftStepChange_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

