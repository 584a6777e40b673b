-- CreateTable
CREATE TABLE "Consent" (
    "userId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "textVersion" TEXT NOT NULL,
    "givenAt" DATETIME NOT NULL,
    "withdrawnAt" DATETIME,

    PRIMARY KEY ("userId", "purpose"),
    CONSTRAINT "Consent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Consent_purpose_withdrawnAt_idx" ON "Consent"("purpose", "withdrawnAt");

