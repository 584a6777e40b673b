-- CreateTable
CREATE TABLE "ReviewerEffect" (
    "callId" TEXT NOT NULL,
    "stage" "ReviewStage" NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "bias" DOUBLE PRECISION NOT NULL,
    "scale" DOUBLE PRECISION NOT NULL,
    "overall" DOUBLE PRECISION NOT NULL,
    "reviewCount" INTEGER NOT NULL,

    CONSTRAINT "ReviewerEffect_pkey" PRIMARY KEY ("callId","stage","reviewerId")
);

-- CreateIndex
CREATE INDEX "ReviewerEffect_reviewerId_idx" ON "ReviewerEffect"("reviewerId");

-- AddForeignKey
ALTER TABLE "ReviewerEffect" ADD CONSTRAINT "ReviewerEffect_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewerEffect" ADD CONSTRAINT "ReviewerEffect_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

