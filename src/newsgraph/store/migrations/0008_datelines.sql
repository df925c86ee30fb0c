-- newsgraph store, schema version 8: the story's dateline (its place as written and the date it
-- gives) and every dateline of the text, as the one dateline parser (extract.dateline) read them.

ALTER TABLE "articles" ADD COLUMN "dateline" TEXT NOT NULL DEFAULT '';
ALTER TABLE "articles" ADD COLUMN "dateline_date" TEXT NOT NULL DEFAULT '';
ALTER TABLE "articles" ADD COLUMN "datelines" TEXT NOT NULL DEFAULT '[]';
