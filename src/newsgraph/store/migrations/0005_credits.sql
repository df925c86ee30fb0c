-- newsgraph store, schema version 5: the credit lines of a scrape (photo and agency credits),
-- which the line classifier keeps out of the body, get their own column like captions and tags.

ALTER TABLE "articles" ADD COLUMN "credits" TEXT NOT NULL DEFAULT '[]';
