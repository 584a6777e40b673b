-- CreateTable
CREATE TABLE "ConsensusFeedback" (
    "applicationId" TEXT NOT NULL PRIMARY KEY,
    "leadReviewerId" TEXT,
    "text" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 0,
    "proposedById" TEXT,
    "proposedAt" DATETIME,
    "approvedAt" DATETIME,
    CONSTRAINT "ConsensusFeedback_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConsensusFeedback_leadReviewerId_fkey" FOREIGN KEY ("leadReviewerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ConsensusFeedback_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConsensusResponse" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "applicationId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "approved" BOOLEAN NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ConsensusResponse_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "ConsensusFeedback" ("applicationId") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConsensusResponse_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ConsensusFeedback_leadReviewerId_idx" ON "ConsensusFeedback"("leadReviewerId");

-- CreateIndex
CREATE INDEX "ConsensusFeedback_proposedById_idx" ON "ConsensusFeedback"("proposedById");

-- CreateIndex
CREATE INDEX "ConsensusResponse_reviewerId_idx" ON "ConsensusResponse"("reviewerId");

-- CreateIndex
CREATE UNIQUE INDEX "ConsensusResponse_applicationId_version_reviewerId_key" ON "ConsensusResponse"("applicationId", "version", "reviewerId");

