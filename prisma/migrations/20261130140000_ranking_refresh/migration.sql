-- CreateTable
CREATE TABLE "RankingRefresh" (
    "callId" TEXT NOT NULL PRIMARY KEY,
    "requested" INTEGER NOT NULL DEFAULT 0,
    "computed" INTEGER NOT NULL DEFAULT 0,
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "computedAt" DATETIME,
    CONSTRAINT "RankingRefresh_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

