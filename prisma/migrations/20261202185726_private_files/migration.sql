-- Files are private: URLs are made per request (signed for the owner, public for a published reel's
-- video and thumbnail), so "url" is no longer written. Kept nullable, not dropped, so replicas of the
-- previous version keep working during a rolling deploy; drop it in a later migration.
ALTER TABLE "Asset" ALTER COLUMN "url" DROP NOT NULL;

-- The public copy (under public/) of a published render's video or thumbnail; null when not public.
ALTER TABLE "Asset" ADD COLUMN "publicKey" TEXT;
