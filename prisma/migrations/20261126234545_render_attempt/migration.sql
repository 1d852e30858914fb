-- AlterTable
ALTER TABLE "Render" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 0;

