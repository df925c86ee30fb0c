-- newsgraph store, schema version 3: duplicates linked to the first-seen article.
--
-- `duplicates` records every later copy of a stored article (exact: same normalised
-- body; near: MinHash-estimated Jaccard of word shingles over the threshold), so a
-- syndicated copy is not analysed twice and is not lost either. `minhashes` keeps
-- each stored article's signature and `minhash_bands` its LSH band keys, indexed,
-- so finding candidate copies is an index lookup, not a scan.

CREATE TABLE "duplicates" (
    "uri" TEXT NOT NULL,
    "article_id" TEXT NOT NULL REFERENCES "articles" ("id") ON DELETE CASCADE,
    "kind" TEXT NOT NULL,
    "similarity" REAL NOT NULL,
    "url" TEXT NOT NULL DEFAULT '',
    "site" TEXT NOT NULL DEFAULT '',
    "title" TEXT NOT NULL DEFAULT '',
    "at" TEXT NOT NULL DEFAULT '',
    UNIQUE ("uri", "article_id")
);
CREATE INDEX "duplicates_article" ON "duplicates" ("article_id");

CREATE TABLE "minhashes" (
    "article_id" TEXT PRIMARY KEY REFERENCES "articles" ("id") ON DELETE CASCADE,
    "signature" BLOB NOT NULL
);

CREATE TABLE "minhash_bands" (
    "key" TEXT NOT NULL,
    "article_id" TEXT NOT NULL REFERENCES "articles" ("id") ON DELETE CASCADE,
    PRIMARY KEY ("key", "article_id")
) WITHOUT ROWID;
