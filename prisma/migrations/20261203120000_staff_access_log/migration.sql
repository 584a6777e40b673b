-- CreateTable
CREATE TABLE "StaffAccess" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "staffId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "applicationId" TEXT,
    "detail" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StaffAccess_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "StaffAccess_applicationId_createdAt_idx" ON "StaffAccess"("applicationId", "createdAt");

-- CreateIndex
CREATE INDEX "StaffAccess_staffId_createdAt_idx" ON "StaffAccess"("staffId", "createdAt");

-- CreateIndex
CREATE INDEX "StaffAccess_createdAt_idx" ON "StaffAccess"("createdAt");

