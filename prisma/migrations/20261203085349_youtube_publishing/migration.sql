-- CreateEnum
CREATE TYPE "PublicationStatus" AS ENUM ('QUEUED', 'UPLOADING', 'PROCESSING', 'PUBLISHED', 'FAILED');

-- CreateEnum
CREATE TYPE "PublicationPrivacy" AS ENUM ('PRIVATE', 'UNLISTED', 'PUBLIC');

-- CreateTable
CREATE TABLE "YouTubeChannel" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "channelId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "thumbnailUrl" TEXT,
    "sandbox" BOOLEAN NOT NULL DEFAULT false,
    "refreshTokenSealed" TEXT NOT NULL,
    "tokenKeyId" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "YouTubeChannel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Publication" (
    "id" UUID NOT NULL,
    "renderId" UUID NOT NULL,
    "ownerId" UUID NOT NULL,
    "channelId" UUID,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "tags" TEXT[],
    "privacy" "PublicationPrivacy" NOT NULL,
    "madeForKids" BOOLEAN NOT NULL,
    "containsSyntheticMedia" BOOLEAN NOT NULL DEFAULT true,
    "publishAt" TIMESTAMP(3),
    "status" "PublicationStatus" NOT NULL DEFAULT 'QUEUED',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "bytesTotal" INTEGER NOT NULL DEFAULT 0,
    "bytesConfirmed" INTEGER NOT NULL DEFAULT 0,
    "uploadUri" TEXT,
    "videoId" TEXT,
    "watchUrl" TEXT,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "recoveries" INTEGER NOT NULL DEFAULT 0,
    "enqueuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uploadStartedAt" TIMESTAMP(3),
    "uploadFinishedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Publication_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "YouTubeChannel_tokenKeyId_idx" ON "YouTubeChannel"("tokenKeyId");

-- CreateIndex
CREATE UNIQUE INDEX "YouTubeChannel_userId_channelId_key" ON "YouTubeChannel"("userId", "channelId");

-- CreateIndex
CREATE INDEX "Publication_renderId_createdAt_id_idx" ON "Publication"("renderId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Publication_ownerId_idx" ON "Publication"("ownerId");

-- CreateIndex
CREATE INDEX "Publication_channelId_idx" ON "Publication"("channelId");

-- CreateIndex
CREATE INDEX "Publication_status_enqueuedAt_idx" ON "Publication"("status", "enqueuedAt");

-- AddForeignKey
ALTER TABLE "YouTubeChannel" ADD CONSTRAINT "YouTubeChannel_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Publication" ADD CONSTRAINT "Publication_renderId_fkey" FOREIGN KEY ("renderId") REFERENCES "Render"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Publication" ADD CONSTRAINT "Publication_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Publication" ADD CONSTRAINT "Publication_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "YouTubeChannel"("id") ON DELETE SET NULL ON UPDATE CASCADE;

