-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "descriptionAr" TEXT,
ADD COLUMN     "descriptionEn" TEXT,
ADD COLUMN     "eligibilityText" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "eligibilityTextAr" TEXT,
ADD COLUMN     "eligibilityTextEn" TEXT,
ADD COLUMN     "supportOffer" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "supportOfferAr" TEXT,
ADD COLUMN     "supportOfferEn" TEXT,
ADD COLUMN     "titleAr" TEXT,
ADD COLUMN     "titleEn" TEXT;

