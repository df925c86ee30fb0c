-- newsgraph store, schema version 11: counts of complete real-world events, kept by triggers.
--
-- Queries count real-world events ("merged_events", migration 0010) by default, and an event counts
-- for an actor when one of its *complete* mentions has the actor on a side (a mention is complete
-- when both sides carry a CAMEO actor code, or one side does and its root makes a complete event
-- alone: the rule of newsgraph.analyze.events.dyadic and newsgraph.store.queries._dyadic). The
-- monthly counts of migration 0004 count mentions; these count events, so an actor's timeline,
-- counterparts, map points and totals are reads of a few rows, not a walk over its mentions.
--
-- Two levels, both kept by triggers, so every path that writes "merged_events" (the merge of
-- store.merge, its re-splits on delete and re-analysis, the bulk load's one-event-per-mention
-- insert, and the merge of a store written before migration 0010) keeps them without knowing:
--
-- 1. Per event, what it contributes, written from its mentions when its row is written and taken
--    back when the row goes: "event_actors" (one row per actor on a complete mention),
--    "event_counterparts" (one row per actor and counterpart: the other side's actor id, else its
--    code), "event_countries" (one row per CAMEO country, the first three letters of a code on a
--    complete mention) and "complete_events" (the event, when it has a complete mention). A merge
--    relinks mentions before it deletes the events they leave, so what an event contributed is
--    read back from these rows, never recomputed from its mentions.
-- 2. Sums of those per actor, per country and for the whole store, changed by triggers on the
--    per-event rows.
--
-- "store.merge" relinks mentions only while it writes the events they move to, so an event's row
-- is always written after its mentions are linked: the AFTER INSERT trigger sees them all.

-- The CAMEO roots that make a complete event with one actor (knowledge/data/cameo_roots.tsv,
-- "complete_alone"; a test checks this table against it): complete with their source alone.
CREATE TABLE "complete_alone_roots" ("root" TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO "complete_alone_roots" VALUES ('01'), ('14'), ('15');

CREATE TABLE "event_actors" (
    "event_id" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "date" TEXT NOT NULL,  -- the event's (merged) date, quad class and place
    "quad_class" INTEGER,
    "place_id" TEXT NOT NULL,
    "as_source" INTEGER NOT NULL,  -- 1 when the actor is a source of a complete mention
    "as_target" INTEGER NOT NULL,
    PRIMARY KEY ("event_id", "actor_id")
) WITHOUT ROWID;
-- An actor's events newest first, read from the index alone (the actor page's listings).
CREATE INDEX "event_actors_actor_date" ON "event_actors" ("actor_id", "date", "event_id", "as_source", "as_target");

CREATE TABLE "event_counterparts" (
    "event_id" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "counterpart" TEXT NOT NULL,  -- the other side's actor id, else its code
    "is_actor" INTEGER NOT NULL,  -- 1: "counterpart" is an actor id
    "outgoing" INTEGER NOT NULL,  -- 1: a complete mention has the actor as source, the counterpart as target
    "incoming" INTEGER NOT NULL,  -- 1: ... the counterpart as source (and not the actor), the actor as target
    "goldstein_sum" INTEGER NOT NULL,  -- over those mentions, in thousandths: sums exact in any order
    "goldstein_n" INTEGER NOT NULL,
    PRIMARY KEY ("event_id", "actor_id", "counterpart", "is_actor")
) WITHOUT ROWID;

CREATE TABLE "event_countries" (
    "event_id" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "quad_class" INTEGER,
    PRIMARY KEY ("event_id", "country")
) WITHOUT ROWID;

-- Every complete real-world event (one with a complete mention), for the store-wide figures.
CREATE TABLE "complete_events" (
    "event_id" TEXT PRIMARY KEY,
    "date" TEXT NOT NULL,
    "quad_class" INTEGER,
    "place_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,  -- the event's own sides: actor id, else code
    "target" TEXT NOT NULL,
    "goldstein" INTEGER  -- in thousandths
) WITHOUT ROWID;

-- Per actor: events by month (of the event's date, when it is dated to the month or day) and quad
-- class; by place; in all (and dated, as source, as target); per counterpart.
CREATE TABLE "actor_event_months" (
    "actor_id" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "quad_class" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    PRIMARY KEY ("actor_id", "month", "quad_class")
) WITHOUT ROWID;
CREATE TABLE "country_event_months" (
    "country" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "quad_class" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    PRIMARY KEY ("country", "month", "quad_class")
) WITHOUT ROWID;
CREATE TABLE "actor_event_places" (
    "actor_id" TEXT NOT NULL,
    "place_id" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    PRIMARY KEY ("actor_id", "place_id")
) WITHOUT ROWID;
CREATE TABLE "actor_event_totals" (
    "actor_id" TEXT PRIMARY KEY,
    "events" INTEGER NOT NULL,
    "dated" INTEGER NOT NULL,  -- of them dated to the month or day, with a quad class
    "as_source" INTEGER NOT NULL,
    "as_target" INTEGER NOT NULL
) WITHOUT ROWID;
-- Store-wide: complete events by month and quad class, by quad class (0: none) in all, by place,
-- by directed pair of sides (both present), with the most events found first.
CREATE TABLE "event_months" (
    "month" TEXT NOT NULL,
    "quad_class" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    PRIMARY KEY ("month", "quad_class")
) WITHOUT ROWID;
CREATE TABLE "event_quads" (
    "quad_class" INTEGER PRIMARY KEY,
    "n" INTEGER NOT NULL
);
CREATE TABLE "event_places" (
    "place_id" TEXT PRIMARY KEY,
    "n" INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE "event_dyads" (
    "source" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "goldstein_sum" INTEGER NOT NULL,
    "goldstein_n" INTEGER NOT NULL,
    PRIMARY KEY ("source", "target")
) WITHOUT ROWID;
CREATE INDEX "event_dyads_n" ON "event_dyads" ("n" DESC, "source", "target");
CREATE TABLE "actor_counterparts" (
    "actor_id" TEXT NOT NULL,
    "counterpart" TEXT NOT NULL,
    "is_actor" INTEGER NOT NULL,
    "events" INTEGER NOT NULL,
    "outgoing" INTEGER NOT NULL,
    "incoming" INTEGER NOT NULL,
    "goldstein_sum" INTEGER NOT NULL,
    "goldstein_n" INTEGER NOT NULL,
    PRIMARY KEY ("actor_id", "counterpart", "is_actor")
) WITHOUT ROWID;

-- Events stored before this migration: their contributions, then the sums of them.
INSERT INTO "event_actors"
    SELECT m."id", x."actor", m."date", m."quad_class", m."place_id", max(x."src"), max(x."tgt")
    FROM "merged_events" AS m JOIN (
        SELECT e."event_id" AS "ev", e."source_actor_id" AS "actor", 1 AS "src", 0 AS "tgt"
        FROM "events" AS e WHERE e."source_actor_id" <> '' AND (
            (e."source_code" <> '' AND e."target_code" <> '')
            OR (e."root_code" IN (SELECT "root" FROM "complete_alone_roots")
                AND e."source_code" <> ''))
        UNION ALL
        SELECT e."event_id", e."target_actor_id", 0, 1
        FROM "events" AS e WHERE e."target_actor_id" <> '' AND (
            (e."source_code" <> '' AND e."target_code" <> '')
            OR (e."root_code" IN (SELECT "root" FROM "complete_alone_roots")
                AND e."source_code" <> ''))
    ) AS x ON x."ev" = m."id"
    GROUP BY m."id", x."actor";

INSERT INTO "event_counterparts"
    SELECT x."ev", x."actor", x."cp", x."is_actor", max(x."o"), max(x."i"),
        coalesce(sum(x."g"), 0), count(x."g")
    FROM (
        SELECT e."event_id" AS "ev", e."source_actor_id" AS "actor",
            CASE WHEN e."target_actor_id" <> '' THEN e."target_actor_id" ELSE e."target_code" END AS "cp",
            e."target_actor_id" <> '' AS "is_actor", 1 AS "o", 0 AS "i",
            CAST(round(e."goldstein" * 1000) AS INTEGER) AS "g"
        FROM "events" AS e WHERE e."source_actor_id" <> '' AND (
            (e."source_code" <> '' AND e."target_code" <> '')
            OR (e."root_code" IN (SELECT "root" FROM "complete_alone_roots")
                AND e."source_code" <> ''))
        UNION ALL
        SELECT e."event_id", e."target_actor_id",
            CASE WHEN e."source_actor_id" <> '' THEN e."source_actor_id" ELSE e."source_code" END,
            e."source_actor_id" <> '', 0, 1, CAST(round(e."goldstein" * 1000) AS INTEGER)
        FROM "events" AS e WHERE e."target_actor_id" <> '' AND e."source_actor_id" <> e."target_actor_id" AND (
            (e."source_code" <> '' AND e."target_code" <> '')
            OR (e."root_code" IN (SELECT "root" FROM "complete_alone_roots")
                AND e."source_code" <> ''))
    ) AS x
    WHERE x."cp" <> '' AND x."ev" IN (SELECT "id" FROM "merged_events")
    GROUP BY x."ev", x."actor", x."cp", x."is_actor";

INSERT INTO "event_countries"
    SELECT m."id", x."country", m."date", m."quad_class"
    FROM "merged_events" AS m JOIN (
        SELECT e."event_id" AS "ev", substr(e."source_code", 1, 3) AS "country"
        FROM "events" AS e WHERE length(e."source_code") >= 3 AND (
            e."target_code" <> '' OR e."root_code" IN (SELECT "root" FROM "complete_alone_roots"))
        UNION
        SELECT e."event_id", substr(e."target_code", 1, 3)
        FROM "events" AS e WHERE length(e."target_code") >= 3 AND (
            e."source_code" <> '')
    ) AS x ON x."ev" = m."id"
    GROUP BY m."id", x."country";

INSERT INTO "complete_events"
    SELECT m."id", m."date", m."quad_class", m."place_id", CASE WHEN m."source_actor_id" <> '' THEN m."source_actor_id" ELSE m."source_code" END,
        CASE WHEN m."target_actor_id" <> '' THEN m."target_actor_id" ELSE m."target_code" END, CAST(round(m."goldstein" * 1000) AS INTEGER)
    FROM "merged_events" AS m
    WHERE EXISTS (SELECT 1 FROM "events" AS e WHERE e."event_id" = m."id" AND (
        (e."source_code" <> '' AND e."target_code" <> '')
            OR (e."root_code" IN (SELECT "root" FROM "complete_alone_roots")
                AND e."source_code" <> '')));

INSERT INTO "event_months"
    SELECT substr("date", 1, 7), "quad_class", count(*) FROM "complete_events"
    WHERE length("date") >= 7 AND "quad_class" IS NOT NULL GROUP BY 1, 2;
INSERT INTO "event_quads"
    SELECT coalesce("quad_class", 0), count(*) FROM "complete_events" GROUP BY 1;
INSERT INTO "event_places"
    SELECT "place_id", count(*) FROM "complete_events" WHERE "place_id" <> '' GROUP BY 1;
INSERT INTO "event_dyads"
    SELECT "source", "target", count(*), coalesce(sum("goldstein"), 0), count("goldstein")
    FROM "complete_events" WHERE "source" <> '' AND "target" <> '' GROUP BY 1, 2;
INSERT INTO "actor_event_months"
    SELECT "actor_id", substr("date", 1, 7), "quad_class", count(*) FROM "event_actors"
    WHERE length("date") >= 7 AND "quad_class" IS NOT NULL GROUP BY 1, 2, 3;
INSERT INTO "country_event_months"
    SELECT "country", substr("date", 1, 7), "quad_class", count(*) FROM "event_countries"
    WHERE length("date") >= 7 AND "quad_class" IS NOT NULL GROUP BY 1, 2, 3;
INSERT INTO "actor_event_places"
    SELECT "actor_id", "place_id", count(*) FROM "event_actors" WHERE "place_id" <> '' GROUP BY 1, 2;
INSERT INTO "actor_event_totals"
    SELECT "actor_id", count(*), sum(length("date") >= 7 AND "quad_class" IS NOT NULL), sum("as_source"),
        sum("as_target")
    FROM "event_actors" GROUP BY 1;
INSERT INTO "actor_counterparts"
    SELECT "actor_id", "counterpart", "is_actor", count(*), sum("outgoing"), sum("incoming"),
        sum("goldstein_sum"), sum("goldstein_n")
    FROM "event_counterparts" GROUP BY 1, 2, 3;

-- Level 1: an event's row written (inserted, or replaced: INSERT OR REPLACE fires no delete
-- trigger, so what the old row contributed is taken back here first), or deleted.
CREATE TRIGGER "merged_events_counts_insert" AFTER INSERT ON "merged_events" BEGIN
    DELETE FROM "complete_events" WHERE "event_id" = new."id";
    INSERT INTO "complete_events" SELECT new."id", new."date", new."quad_class", new."place_id",
        CASE WHEN new."source_actor_id" <> '' THEN new."source_actor_id" ELSE new."source_code" END,
        CASE WHEN new."target_actor_id" <> '' THEN new."target_actor_id" ELSE new."target_code" END, CAST(round(new."goldstein" * 1000) AS INTEGER)
        WHERE EXISTS (SELECT 1 FROM "events" AS e WHERE e."event_id" = new."id" AND (
            (e."source_code" <> '' AND e."target_code" <> '')
            OR (e."root_code" IN (SELECT "root" FROM "complete_alone_roots")
                AND e."source_code" <> '')));
    DELETE FROM "event_actors" WHERE "event_id" = new."id";
    DELETE FROM "event_counterparts" WHERE "event_id" = new."id";
    DELETE FROM "event_countries" WHERE "event_id" = new."id";
    INSERT INTO "event_actors"
        SELECT new."id", x."actor", new."date", new."quad_class", new."place_id", max(x."src"), max(x."tgt")
        FROM (
            SELECT e."source_actor_id" AS "actor", 1 AS "src", 0 AS "tgt"
            FROM "events" AS e WHERE e."event_id" = new."id" AND e."source_actor_id" <> '' AND (
                (e."source_code" <> '' AND e."target_code" <> '')
                OR (e."root_code" IN (SELECT "root" FROM "complete_alone_roots")
                    AND e."source_code" <> ''))
            UNION ALL
            SELECT e."target_actor_id", 0, 1
            FROM "events" AS e WHERE e."event_id" = new."id" AND e."target_actor_id" <> '' AND (
                (e."source_code" <> '' AND e."target_code" <> '')
                OR (e."root_code" IN (SELECT "root" FROM "complete_alone_roots")
                    AND e."source_code" <> ''))
        ) AS x GROUP BY x."actor";
    INSERT INTO "event_counterparts"
        SELECT new."id", x."actor", x."cp", x."is_actor", max(x."o"), max(x."i"),
            coalesce(sum(x."g"), 0), count(x."g")
        FROM (
            SELECT e."source_actor_id" AS "actor",
                CASE WHEN e."target_actor_id" <> '' THEN e."target_actor_id" ELSE e."target_code" END AS "cp",
                e."target_actor_id" <> '' AS "is_actor", 1 AS "o", 0 AS "i",
                CAST(round(e."goldstein" * 1000) AS INTEGER) AS "g"
            FROM "events" AS e WHERE e."event_id" = new."id" AND e."source_actor_id" <> '' AND (
                (e."source_code" <> '' AND e."target_code" <> '')
                OR (e."root_code" IN (SELECT "root" FROM "complete_alone_roots")
                    AND e."source_code" <> ''))
            UNION ALL
            SELECT e."target_actor_id",
                CASE WHEN e."source_actor_id" <> '' THEN e."source_actor_id" ELSE e."source_code" END,
                e."source_actor_id" <> '', 0, 1, CAST(round(e."goldstein" * 1000) AS INTEGER)
            FROM "events" AS e WHERE e."event_id" = new."id" AND e."target_actor_id" <> ''
                AND e."source_actor_id" <> e."target_actor_id" AND (
                (e."source_code" <> '' AND e."target_code" <> '')
                OR (e."root_code" IN (SELECT "root" FROM "complete_alone_roots")
                    AND e."source_code" <> ''))
        ) AS x WHERE x."cp" <> '' GROUP BY x."actor", x."cp", x."is_actor";
    INSERT INTO "event_countries"
        SELECT new."id", x."country", new."date", new."quad_class"
        FROM (
            SELECT substr(e."source_code", 1, 3) AS "country"
            FROM "events" AS e WHERE e."event_id" = new."id" AND length(e."source_code") >= 3 AND (
                e."target_code" <> '' OR e."root_code" IN (SELECT "root" FROM "complete_alone_roots"))
            UNION
            SELECT substr(e."target_code", 1, 3)
            FROM "events" AS e WHERE e."event_id" = new."id" AND length(e."target_code") >= 3 AND (
                e."source_code" <> '')
        ) AS x;
END;

-- The store never updates an event's row in place (it deletes and writes, or replaces): a guard, so
-- nothing can change an event under the counts without them following.
CREATE TRIGGER "merged_events_no_update" BEFORE UPDATE ON "merged_events" BEGIN
    SELECT RAISE(ABORT, 'merged_events rows are written whole (INSERT OR REPLACE), never updated');
END;

CREATE TRIGGER "merged_events_counts_delete" AFTER DELETE ON "merged_events" BEGIN
    DELETE FROM "complete_events" WHERE "event_id" = old."id";
    DELETE FROM "event_actors" WHERE "event_id" = old."id";
    DELETE FROM "event_counterparts" WHERE "event_id" = old."id";
    DELETE FROM "event_countries" WHERE "event_id" = old."id";
END;

-- Level 2: the sums follow the per-event rows; a sum that reaches zero is removed.
CREATE TRIGGER "event_actors_insert" AFTER INSERT ON "event_actors" BEGIN
    INSERT INTO "actor_event_totals" VALUES (new."actor_id", 1,
        length(new."date") >= 7 AND new."quad_class" IS NOT NULL, new."as_source", new."as_target")
        ON CONFLICT DO UPDATE SET "events" = "events" + 1, "dated" = "dated" + excluded."dated",
        "as_source" = "as_source" + excluded."as_source", "as_target" = "as_target" + excluded."as_target";
    INSERT INTO "actor_event_months"
        SELECT new."actor_id", substr(new."date", 1, 7), new."quad_class", 1
        WHERE length(new."date") >= 7 AND new."quad_class" IS NOT NULL
        ON CONFLICT DO UPDATE SET "n" = "n" + 1;
    INSERT INTO "actor_event_places" SELECT new."actor_id", new."place_id", 1 WHERE new."place_id" <> ''
        ON CONFLICT DO UPDATE SET "n" = "n" + 1;
END;

CREATE TRIGGER "event_actors_delete" AFTER DELETE ON "event_actors" BEGIN
    UPDATE "actor_event_totals" SET "events" = "events" - 1,
        "dated" = "dated" - (length(old."date") >= 7 AND old."quad_class" IS NOT NULL),
        "as_source" = "as_source" - old."as_source", "as_target" = "as_target" - old."as_target"
        WHERE "actor_id" = old."actor_id";
    DELETE FROM "actor_event_totals" WHERE "actor_id" = old."actor_id" AND "events" = 0;
    UPDATE "actor_event_months" SET "n" = "n" - 1
        WHERE "actor_id" = old."actor_id" AND "month" = substr(old."date", 1, 7)
        AND "quad_class" = old."quad_class" AND length(old."date") >= 7;
    DELETE FROM "actor_event_months"
        WHERE "actor_id" = old."actor_id" AND "month" = substr(old."date", 1, 7)
        AND "quad_class" = old."quad_class" AND "n" = 0;
    UPDATE "actor_event_places" SET "n" = "n" - 1
        WHERE "actor_id" = old."actor_id" AND "place_id" = old."place_id";
    DELETE FROM "actor_event_places" WHERE "actor_id" = old."actor_id" AND "place_id" = old."place_id"
        AND "n" = 0;
END;

CREATE TRIGGER "event_countries_insert" AFTER INSERT ON "event_countries"
WHEN length(new."date") >= 7 AND new."quad_class" IS NOT NULL BEGIN
    INSERT INTO "country_event_months" VALUES (new."country", substr(new."date", 1, 7), new."quad_class", 1)
        ON CONFLICT DO UPDATE SET "n" = "n" + 1;
END;

CREATE TRIGGER "event_countries_delete" AFTER DELETE ON "event_countries"
WHEN length(old."date") >= 7 AND old."quad_class" IS NOT NULL BEGIN
    UPDATE "country_event_months" SET "n" = "n" - 1
        WHERE "country" = old."country" AND "month" = substr(old."date", 1, 7) AND "quad_class" = old."quad_class";
    DELETE FROM "country_event_months"
        WHERE "country" = old."country" AND "month" = substr(old."date", 1, 7) AND "quad_class" = old."quad_class"
        AND "n" = 0;
END;

CREATE TRIGGER "event_counterparts_insert" AFTER INSERT ON "event_counterparts" BEGIN
    INSERT INTO "actor_counterparts" VALUES (new."actor_id", new."counterpart", new."is_actor", 1,
        new."outgoing", new."incoming", new."goldstein_sum", new."goldstein_n")
        ON CONFLICT DO UPDATE SET "events" = "events" + 1, "outgoing" = "outgoing" + excluded."outgoing",
        "incoming" = "incoming" + excluded."incoming",
        "goldstein_sum" = "goldstein_sum" + excluded."goldstein_sum",
        "goldstein_n" = "goldstein_n" + excluded."goldstein_n";
END;

CREATE TRIGGER "event_counterparts_delete" AFTER DELETE ON "event_counterparts" BEGIN
    UPDATE "actor_counterparts" SET "events" = "events" - 1, "outgoing" = "outgoing" - old."outgoing",
        "incoming" = "incoming" - old."incoming", "goldstein_sum" = "goldstein_sum" - old."goldstein_sum",
        "goldstein_n" = "goldstein_n" - old."goldstein_n"
        WHERE "actor_id" = old."actor_id" AND "counterpart" = old."counterpart" AND "is_actor" = old."is_actor";
    DELETE FROM "actor_counterparts" WHERE "actor_id" = old."actor_id" AND "counterpart" = old."counterpart"
        AND "is_actor" = old."is_actor" AND "events" = 0;
END;

CREATE TRIGGER "complete_events_insert" AFTER INSERT ON "complete_events" BEGIN
    INSERT INTO "event_dyads" SELECT new."source", new."target", 1, coalesce(new."goldstein", 0),
        new."goldstein" IS NOT NULL
        WHERE new."source" <> '' AND new."target" <> ''
        ON CONFLICT DO UPDATE SET "n" = "n" + 1, "goldstein_sum" = "goldstein_sum" + excluded."goldstein_sum",
        "goldstein_n" = "goldstein_n" + excluded."goldstein_n";
    INSERT INTO "event_places" SELECT new."place_id", 1 WHERE new."place_id" <> ''
        ON CONFLICT DO UPDATE SET "n" = "n" + 1;
    INSERT INTO "event_quads" VALUES (coalesce(new."quad_class", 0), 1) ON CONFLICT DO UPDATE SET "n" = "n" + 1;
    INSERT INTO "event_months" SELECT substr(new."date", 1, 7), new."quad_class", 1
        WHERE length(new."date") >= 7 AND new."quad_class" IS NOT NULL
        ON CONFLICT DO UPDATE SET "n" = "n" + 1;
END;

CREATE TRIGGER "complete_events_delete" AFTER DELETE ON "complete_events" BEGIN
    UPDATE "event_dyads" SET "n" = "n" - 1, "goldstein_sum" = "goldstein_sum" - coalesce(old."goldstein", 0),
        "goldstein_n" = "goldstein_n" - (old."goldstein" IS NOT NULL)
        WHERE "source" = old."source" AND "target" = old."target";
    DELETE FROM "event_dyads" WHERE "source" = old."source" AND "target" = old."target" AND "n" = 0;
    UPDATE "event_places" SET "n" = "n" - 1 WHERE "place_id" = old."place_id";
    DELETE FROM "event_places" WHERE "place_id" = old."place_id" AND "n" = 0;
    UPDATE "event_quads" SET "n" = "n" - 1 WHERE "quad_class" = coalesce(old."quad_class", 0);
    DELETE FROM "event_quads" WHERE "quad_class" = coalesce(old."quad_class", 0) AND "n" = 0;
    UPDATE "event_months" SET "n" = "n" - 1
        WHERE "month" = substr(old."date", 1, 7) AND "quad_class" = old."quad_class" AND length(old."date") >= 7;
    DELETE FROM "event_months"
        WHERE "month" = substr(old."date", 1, 7) AND "quad_class" = old."quad_class" AND "n" = 0;
END;

