-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "interviewBlind" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "interviewBookBy" TIMESTAMP(3),
ADD COLUMN     "remoteInterviews" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "InterviewDay" (
    "id" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "startTime" TEXT NOT NULL,
    "endTime" TEXT NOT NULL,
    "slotMinutes" INTEGER NOT NULL,
    "breaks" TEXT NOT NULL DEFAULT '[]',
    "room" TEXT NOT NULL DEFAULT '',
    "videoLink" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InterviewDay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterviewSlot" (
    "id" TEXT NOT NULL,
    "dayId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InterviewSlot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterviewBooking" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "slotId" TEXT,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "bookedAt" TIMESTAMP(3) NOT NULL,
    "assignedById" TEXT,
    "noShowAt" TIMESTAMP(3),
    "reminded48At" TIMESTAMP(3),
    "reminded2At" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "InterviewBooking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterviewJuror" (
    "callId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "invitedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InterviewJuror_pkey" PRIMARY KEY ("callId","reviewerId")
);

-- CreateTable
CREATE TABLE "InterviewAvailability" (
    "dayId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "halfDay" TEXT NOT NULL,

    CONSTRAINT "InterviewAvailability_pkey" PRIMARY KEY ("dayId","reviewerId","halfDay")
);

-- CreateTable
CREATE TABLE "InterviewPanel" (
    "id" TEXT NOT NULL,
    "dayId" TEXT NOT NULL,
    "halfDay" TEXT NOT NULL,

    CONSTRAINT "InterviewPanel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterviewPanelJuror" (
    "panelId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "halfDay" TEXT NOT NULL,

    CONSTRAINT "InterviewPanelJuror_pkey" PRIMARY KEY ("panelId","reviewerId")
);

-- CreateIndex
CREATE INDEX "InterviewDay_callId_date_idx" ON "InterviewDay"("callId", "date");

-- CreateIndex
CREATE INDEX "InterviewSlot_startsAt_idx" ON "InterviewSlot"("startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "InterviewSlot_dayId_startsAt_key" ON "InterviewSlot"("dayId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "InterviewBooking_applicationId_key" ON "InterviewBooking"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "InterviewBooking_slotId_key" ON "InterviewBooking"("slotId");

-- CreateIndex
CREATE INDEX "InterviewJuror_reviewerId_idx" ON "InterviewJuror"("reviewerId");

-- CreateIndex
CREATE INDEX "InterviewAvailability_reviewerId_idx" ON "InterviewAvailability"("reviewerId");

-- CreateIndex
CREATE UNIQUE INDEX "InterviewPanel_dayId_halfDay_key" ON "InterviewPanel"("dayId", "halfDay");

-- CreateIndex
CREATE UNIQUE INDEX "InterviewPanelJuror_reviewerId_date_halfDay_key" ON "InterviewPanelJuror"("reviewerId", "date", "halfDay");

-- AddForeignKey
ALTER TABLE "InterviewDay" ADD CONSTRAINT "InterviewDay_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewDay" ADD CONSTRAINT "InterviewDay_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewSlot" ADD CONSTRAINT "InterviewSlot_dayId_fkey" FOREIGN KEY ("dayId") REFERENCES "InterviewDay"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewBooking" ADD CONSTRAINT "InterviewBooking_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewBooking" ADD CONSTRAINT "InterviewBooking_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "InterviewSlot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewJuror" ADD CONSTRAINT "InterviewJuror_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewJuror" ADD CONSTRAINT "InterviewJuror_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewAvailability" ADD CONSTRAINT "InterviewAvailability_dayId_fkey" FOREIGN KEY ("dayId") REFERENCES "InterviewDay"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewAvailability" ADD CONSTRAINT "InterviewAvailability_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewPanel" ADD CONSTRAINT "InterviewPanel_dayId_fkey" FOREIGN KEY ("dayId") REFERENCES "InterviewDay"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewPanelJuror" ADD CONSTRAINT "InterviewPanelJuror_panelId_fkey" FOREIGN KEY ("panelId") REFERENCES "InterviewPanel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewPanelJuror" ADD CONSTRAINT "InterviewPanelJuror_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

