-- CreateTable
CREATE TABLE "ConflictOverride" (
    "applicationId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("applicationId", "reviewerId"),
    CONSTRAINT "ConflictOverride_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ConflictOverride_reviewerId_idx" ON "ConflictOverride"("reviewerId");
