-- CreateTable
CREATE TABLE "DraftStepChange" (
    "applicationId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "changedAt" DATETIME NOT NULL,

    PRIMARY KEY ("applicationId", "step"),
    CONSTRAINT "DraftStepChange_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DraftStepChange_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DraftStepChange_userId_idx" ON "DraftStepChange"("userId");

