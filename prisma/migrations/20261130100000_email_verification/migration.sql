-- AlterTable
ALTER TABLE "RateLimit" ADD COLUMN "blockedUntil" DATETIME;

-- AlterTable
ALTER TABLE "User" ADD COLUMN "emailVerifiedAt" DATETIME;

-- Accounts that exist before verification was introduced count as verified.
UPDATE "User" SET "emailVerifiedAt" = "createdAt";
