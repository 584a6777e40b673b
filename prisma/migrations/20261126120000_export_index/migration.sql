-- CreateIndex
CREATE INDEX "Application_callId_id_idx" ON "Application"("callId", "id");

