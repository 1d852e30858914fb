-- The reconciler (src/jobs/reconciler.ts): tries of a script generation name its job, and both
-- renders and scripts count the times their lost jobs were re-created.

-- AlterTable
ALTER TABLE "Render" ADD COLUMN     "enqueuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "recoveries" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Script" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "recoveries" INTEGER NOT NULL DEFAULT 0;
