-- CreateTable
CREATE TABLE "StaffAccess" (
    "id" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "applicationId" TEXT,
    "detail" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffAccess_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StaffAccess_applicationId_createdAt_idx" ON "StaffAccess"("applicationId", "createdAt");

-- CreateIndex
CREATE INDEX "StaffAccess_staffId_createdAt_idx" ON "StaffAccess"("staffId", "createdAt");

-- CreateIndex
CREATE INDEX "StaffAccess_createdAt_idx" ON "StaffAccess"("createdAt");

-- AddForeignKey
ALTER TABLE "StaffAccess" ADD CONSTRAINT "StaffAccess_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

