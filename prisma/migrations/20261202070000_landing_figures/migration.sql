-- The landing page's headline figures (issue 17): typed by an admin, or computed from the follow-up.
-- CreateTable
CREATE TABLE "LandingFigures" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'landing',
    "mode" TEXT NOT NULL DEFAULT 'TYPED',
    "companies" INTEGER NOT NULL DEFAULT 3000,
    "jobs" INTEGER NOT NULL DEFAULT 15000,
    "success" INTEGER NOT NULL DEFAULT 86,
    "survival" INTEGER NOT NULL DEFAULT 89,
    "exporting" INTEGER NOT NULL DEFAULT 25,
    "computedCompanies" INTEGER,
    "computedJobs" INTEGER,
    "computedSuccess" INTEGER,
    "computedSurvival" INTEGER,
    "computedExporting" INTEGER,
    "computedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

