-- newsgraph store, schema version 10: real-world events merged from their mentions (issue 16).
--
-- Every coded record of "events" is a *mention* (GDELT 2.0's word); the mentions of one real-world
-- event are merged into one row of "merged_events" (newsgraph.records.MergedEvent) by the rule of
-- newsgraph.store.merge, which the store runs in the transaction that writes, replaces or deletes
-- an article. "events"."event_id" links each mention to its event. Stores written before this
-- version get their events merged when the store is next opened for writing (Store.__init__).

ALTER TABLE "events" ADD COLUMN "event_id" TEXT NOT NULL DEFAULT '';
CREATE INDEX "events_event_id" ON "events" ("event_id");

CREATE TABLE "merged_events" (
    "id" TEXT PRIMARY KEY,
    "article_id" TEXT NOT NULL,
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
    "mention_id" TEXT NOT NULL DEFAULT '',
    "first_seen" TEXT NOT NULL DEFAULT '',
    "last_seen" TEXT NOT NULL DEFAULT '',
    "num_mentions" INTEGER NOT NULL DEFAULT 1,
    "num_articles" INTEGER NOT NULL DEFAULT 1,
    "num_sources" INTEGER NOT NULL DEFAULT 1,
    "is_root" INTEGER NOT NULL DEFAULT 0,
    "tone" REAL
);
CREATE INDEX "merged_events_date" ON "merged_events" ("date");
CREATE INDEX "merged_events_quad_date" ON "merged_events" ("quad_class", "date");
