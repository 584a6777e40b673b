-- CreateTable
CREATE TABLE "ReviewerEffect" (
    "callId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "bias" REAL NOT NULL,
    "scale" REAL NOT NULL,
    "overall" REAL NOT NULL,
    "reviewCount" INTEGER NOT NULL,

    PRIMARY KEY ("callId", "stage", "reviewerId"),
    CONSTRAINT "ReviewerEffect_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewerEffect_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ReviewerEffect_reviewerId_idx" ON "ReviewerEffect"("reviewerId");

