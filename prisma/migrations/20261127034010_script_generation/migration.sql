-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ScriptStatus" ADD VALUE 'GENERATING';
ALTER TYPE "ScriptStatus" ADD VALUE 'FAILED';

-- AlterTable
ALTER TABLE "Script" ADD COLUMN     "failureReason" TEXT,
ADD COLUMN     "generation" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "sceneCount" INTEGER,
ADD COLUMN     "style" TEXT;

