-- AlterTable
ALTER TABLE "Render" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "mode" "ScriptMode" NOT NULL DEFAULT 'STORY',
ADD COLUMN     "style" TEXT,
ADD COLUMN     "title" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "RenderedScene" (
    "id" UUID NOT NULL,
    "renderId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "sceneId" UUID,
    "sceneVersion" INTEGER NOT NULL,
    "narration" TEXT NOT NULL,
    "imageQuery" TEXT,
    "aiImagePrompt" TEXT,
    "assetId" UUID,
    "narrationAssetId" UUID,
    "contentHash" TEXT NOT NULL,
    "startMs" INTEGER,
    "durationMs" INTEGER,

    CONSTRAINT "RenderedScene_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RenderedScene_sceneId_idx" ON "RenderedScene"("sceneId");

-- CreateIndex
CREATE INDEX "RenderedScene_assetId_idx" ON "RenderedScene"("assetId");

-- CreateIndex
CREATE INDEX "RenderedScene_narrationAssetId_idx" ON "RenderedScene"("narrationAssetId");

-- CreateIndex
CREATE UNIQUE INDEX "RenderedScene_renderId_position_key" ON "RenderedScene"("renderId", "position");

-- AddForeignKey
ALTER TABLE "RenderedScene" ADD CONSTRAINT "RenderedScene_renderId_fkey" FOREIGN KEY ("renderId") REFERENCES "Render"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RenderedScene" ADD CONSTRAINT "RenderedScene_sceneId_fkey" FOREIGN KEY ("sceneId") REFERENCES "Scene"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RenderedScene" ADD CONSTRAINT "RenderedScene_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RenderedScene" ADD CONSTRAINT "RenderedScene_narrationAssetId_fkey" FOREIGN KEY ("narrationAssetId") REFERENCES "Asset"("id") ON DELETE NO ACTION ON UPDATE CASCADE;


-- Backfill: renders made before this migration get their script's current title and scenes, the
-- closest record there is of what they rendered. The hash is computed as src/jobs/renderedScenes.ts does.
UPDATE "Render" r SET "title" = s."title", "language" = s."language", "mode" = s."mode", "style" = s."style"
FROM "Script" s WHERE r."scriptId" = s."id";

INSERT INTO "RenderedScene" ("id", "renderId", "position", "sceneId", "sceneVersion", "narration", "imageQuery",
  "aiImagePrompt", "assetId", "contentHash")
SELECT gen_random_uuid(), r."id", sc."position", sc."id", sc."version", sc."narration", sc."imageQuery",
  sc."aiImagePrompt", sc."selectedAssetId",
  encode(sha256(convert_to(concat_ws(chr(31), '1', sc."narration", coalesce(sc."imageQuery", ''),
    coalesce(sc."aiImagePrompt", ''), coalesce(a."contentHash", '')), 'UTF8')), 'hex')
FROM "Render" r
JOIN "Scene" sc ON sc."scriptId" = r."scriptId"
LEFT JOIN "Asset" a ON a."id" = sc."selectedAssetId";
