-- newsgraph store, schema version 1.
--
-- One table per record of newsgraph.records, named in the plural; the column
-- names are the dataclass field names (list fields hold JSON text). Identifiers
-- are quoted because several field names ("end", "text", "date") are SQL words.
-- Child tables keep SQLite's implicit integer rowid as their key: it orders rows
-- as written, so an analysis reads back in the order it was produced.

CREATE TABLE "articles" (
    "id" TEXT PRIMARY KEY NOT NULL,  -- content hash: re-ingesting is a no-op
    "uri" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "url" TEXT NOT NULL DEFAULT '',
    "site" TEXT NOT NULL DEFAULT '',
    "published" TEXT NOT NULL DEFAULT '',
    "published_precision" TEXT NOT NULL DEFAULT '',
    "published_source" TEXT NOT NULL DEFAULT '',
    "authors" TEXT NOT NULL DEFAULT '[]',
    "language" TEXT NOT NULL DEFAULT '',
    "paragraphs" TEXT NOT NULL DEFAULT '[]',
    "captions" TEXT NOT NULL DEFAULT '[]',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "related" TEXT NOT NULL DEFAULT '[]',
    "description" TEXT NOT NULL DEFAULT '',
    "source_format" TEXT NOT NULL DEFAULT '',
    "extractor" TEXT NOT NULL DEFAULT '',
    "tone" REAL,
    "ingested_at" TEXT NOT NULL DEFAULT ''
);
CREATE INDEX "articles_ingested_at" ON "articles" ("ingested_at");

-- Registry shared across articles; the store merges re-inserted actors.
CREATE TABLE "actors" (
    "id" TEXT PRIMARY KEY NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "country" TEXT NOT NULL DEFAULT '',
    "sector" TEXT NOT NULL DEFAULT '',
    "roles" TEXT NOT NULL DEFAULT '[]',
    "code" TEXT NOT NULL DEFAULT '',
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "rule" TEXT NOT NULL DEFAULT ''
);

CREATE TABLE "mentions" (
    "article_id" TEXT NOT NULL REFERENCES "articles" ("id") ON DELETE CASCADE,
    "sentence" INTEGER NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "rule" TEXT NOT NULL DEFAULT ''
);
CREATE INDEX "mentions_article_id" ON "mentions" ("article_id");
CREATE INDEX "mentions_actor_id" ON "mentions" ("actor_id");

-- Registry shared across articles; the store merges re-inserted places.
CREATE TABLE "places" (
    "id" TEXT PRIMARY KEY NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "country" TEXT NOT NULL DEFAULT '',
    "lat" REAL,
    "lon" REAL,
    "admin1" TEXT NOT NULL DEFAULT ''
);

CREATE TABLE "place_mentions" (
    "article_id" TEXT NOT NULL REFERENCES "articles" ("id") ON DELETE CASCADE,
    "sentence" INTEGER NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "place_id" TEXT NOT NULL,
    "rule" TEXT NOT NULL DEFAULT ''
);
CREATE INDEX "place_mentions_article_id" ON "place_mentions" ("article_id");
CREATE INDEX "place_mentions_place_id" ON "place_mentions" ("place_id");

CREATE TABLE "timexes" (
    "article_id" TEXT NOT NULL REFERENCES "articles" ("id") ON DELETE CASCADE,
    "sentence" INTEGER NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "precision" TEXT NOT NULL,
    "rule" TEXT NOT NULL DEFAULT ''
);
CREATE INDEX "timexes_article_id" ON "timexes" ("article_id");

-- Quote and event ids are unique within their article; the same id in two
-- articles is allowed because the analysers derive ids per article.
CREATE TABLE "quotes" (
    "id" TEXT NOT NULL,
    "article_id" TEXT NOT NULL REFERENCES "articles" ("id") ON DELETE CASCADE,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "speaker" TEXT NOT NULL DEFAULT '',
    "speaker_actor_id" TEXT NOT NULL DEFAULT '',
    "speaker_start" INTEGER,
    "speaker_end" INTEGER,
    "cue" TEXT NOT NULL DEFAULT '',
    "tone" REAL,
    "rule" TEXT NOT NULL DEFAULT '',
    UNIQUE ("article_id", "id")
);
CREATE INDEX "quotes_id" ON "quotes" ("id");
CREATE INDEX "quotes_speaker_actor_id" ON "quotes" ("speaker_actor_id");

CREATE TABLE "events" (
    "id" TEXT NOT NULL,
    "article_id" TEXT NOT NULL REFERENCES "articles" ("id") ON DELETE CASCADE,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "evidence" TEXT NOT NULL,
    "cameo_code" TEXT NOT NULL,
    "root_code" TEXT NOT NULL,
    "source_actor_id" TEXT NOT NULL DEFAULT '',
    "source_code" TEXT NOT NULL DEFAULT '',
    "target_actor_id" TEXT NOT NULL DEFAULT '',
    "target_code" TEXT NOT NULL DEFAULT '',
    "plover_type" TEXT NOT NULL DEFAULT '',
    "quad_class" INTEGER,
    "goldstein" REAL,
    "date" TEXT NOT NULL DEFAULT '',
    "date_precision" TEXT NOT NULL DEFAULT '',
    "place_id" TEXT NOT NULL DEFAULT '',
    "modality" TEXT NOT NULL DEFAULT 'asserted',
    "confidence" REAL NOT NULL DEFAULT 0.0,
    "rule" TEXT NOT NULL DEFAULT '',
    UNIQUE ("article_id", "id")
);
CREATE INDEX "events_id" ON "events" ("id");
CREATE INDEX "events_source_actor_id" ON "events" ("source_actor_id");
CREATE INDEX "events_target_actor_id" ON "events" ("target_actor_id");
CREATE INDEX "events_cameo_code" ON "events" ("cameo_code");
CREATE INDEX "events_root_code" ON "events" ("root_code");
CREATE INDEX "events_date" ON "events" ("date");

-- A broken document is recorded once per (uri, stage, reason); re-running the
-- batch only moves "at".
CREATE TABLE "errors" (
    "uri" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TEXT NOT NULL DEFAULT '',
    UNIQUE ("uri", "stage", "reason")
);
CREATE INDEX "errors_at" ON "errors" ("at");

-- Which registry entries an analysis listed, in its order. Not every listed
-- actor or place has a mention (an event may be its only trace), so these link
-- tables, not the mentions, define Analysis.actors and Analysis.places.
CREATE TABLE "article_actors" (
    "article_id" TEXT NOT NULL REFERENCES "articles" ("id") ON DELETE CASCADE,
    "actor_id" TEXT NOT NULL REFERENCES "actors" ("id"),
    PRIMARY KEY ("article_id", "actor_id")
);
CREATE INDEX "article_actors_actor_id" ON "article_actors" ("actor_id");

CREATE TABLE "article_places" (
    "article_id" TEXT NOT NULL REFERENCES "articles" ("id") ON DELETE CASCADE,
    "place_id" TEXT NOT NULL REFERENCES "places" ("id"),
    PRIMARY KEY ("article_id", "place_id")
);
CREATE INDEX "article_places_place_id" ON "article_places" ("place_id");

-- Analysis.notes: free-text remarks of the analysis stage, one row per article.
CREATE TABLE "analyses" (
    "article_id" TEXT PRIMARY KEY NOT NULL REFERENCES "articles" ("id") ON DELETE CASCADE,
    "notes" TEXT NOT NULL DEFAULT '[]'
);
