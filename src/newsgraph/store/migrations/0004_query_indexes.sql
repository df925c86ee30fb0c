-- newsgraph store, schema version 4: full-text search and the indexes the query layer needs.
--
-- Full-text search: FTS5 over each article's title and text, ranked with bm25. The index is an
-- external-content table, so article text is not stored twice. Its content is read through the
-- view "article_fts_content", keyed by "article_docs"."doc": an INTEGER PRIMARY KEY that VACUUM
-- never renumbers (the implicit rowid of "articles", whose key is TEXT, may change on VACUUM, and
-- the index would then point at the wrong rows). Triggers keep map and index in step with every
-- write to "articles", so no writer has to remember to.
--
-- Porter stemming: "sanction" finds "sanctions", "meeting" finds "meet"; unicode61 with
-- remove_diacritics 2 folds case and accents ("Rémi" = "remi").

CREATE TABLE "article_docs" (
    "doc" INTEGER PRIMARY KEY,
    "article_id" TEXT NOT NULL UNIQUE
);

CREATE VIEW "article_fts_content" AS
    SELECT d."doc" AS "doc", a."title" AS "title", a."text" AS "text"
    FROM "article_docs" AS d JOIN "articles" AS a ON a."id" = d."article_id";

CREATE VIRTUAL TABLE "articles_fts" USING fts5(
    "title", "text",
    content = 'article_fts_content',
    content_rowid = 'doc',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER "articles_fts_insert" AFTER INSERT ON "articles" BEGIN
    INSERT INTO "article_docs" ("article_id") VALUES (new."id");
    INSERT INTO "articles_fts" ("rowid", "title", "text")
        VALUES ((SELECT "doc" FROM "article_docs" WHERE "article_id" = new."id"), new."title", new."text");
END;

-- External content: the old values must be handed back to FTS5 to remove their tokens.
CREATE TRIGGER "articles_fts_delete" AFTER DELETE ON "articles" BEGIN
    INSERT INTO "articles_fts" ("articles_fts", "rowid", "title", "text")
        SELECT 'delete', d."doc", old."title", old."text" FROM "article_docs" AS d
        WHERE d."article_id" = old."id";
    DELETE FROM "article_docs" WHERE "article_id" = old."id";
END;

CREATE TRIGGER "articles_fts_update" AFTER UPDATE OF "title", "text" ON "articles" BEGIN
    INSERT INTO "articles_fts" ("articles_fts", "rowid", "title", "text")
        SELECT 'delete', d."doc", old."title", old."text" FROM "article_docs" AS d
        WHERE d."article_id" = old."id";
    INSERT INTO "articles_fts" ("rowid", "title", "text")
        SELECT d."doc", new."title", new."text" FROM "article_docs" AS d
        WHERE d."article_id" = new."id";
END;

-- Articles stored before this migration.
INSERT INTO "article_docs" ("article_id") SELECT "id" FROM "articles" ORDER BY rowid;
INSERT INTO "articles_fts" ("articles_fts") VALUES ('rebuild');

-- Actor names and aliases, lower-cased, so resolving "--actor Putin" is an index lookup (exact
-- name or alias) or a scan of short strings (word match), not a JSON parse of every registry row.
-- SQLite's lower() folds ASCII only; queries fold the same way, so lookups agree.
CREATE TABLE "actor_names" (
    "name" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    PRIMARY KEY ("name", "actor_id")
) WITHOUT ROWID;
CREATE INDEX "actor_names_actor_id" ON "actor_names" ("actor_id");

CREATE TRIGGER "actor_names_insert" AFTER INSERT ON "actors" BEGIN
    INSERT OR IGNORE INTO "actor_names" ("name", "actor_id")
        SELECT lower(new."name"), new."id"
        UNION SELECT lower(j."value"), new."id" FROM json_each(new."aliases") AS j;
END;

CREATE TRIGGER "actor_names_update" AFTER UPDATE OF "name", "aliases" ON "actors" BEGIN
    DELETE FROM "actor_names" WHERE "actor_id" = old."id";
    INSERT OR IGNORE INTO "actor_names" ("name", "actor_id")
        SELECT lower(new."name"), new."id"
        UNION SELECT lower(j."value"), new."id" FROM json_each(new."aliases") AS j;
END;

CREATE TRIGGER "actor_names_delete" AFTER DELETE ON "actors" BEGIN
    DELETE FROM "actor_names" WHERE "actor_id" = old."id";
END;

INSERT OR IGNORE INTO "actor_names" ("name", "actor_id")
    SELECT lower(a."name"), a."id" FROM "actors" AS a
    UNION SELECT lower(j."value"), a."id" FROM "actors" AS a, json_each(a."aliases") AS j;

CREATE INDEX "actors_code" ON "actors" ("code");
CREATE INDEX "actors_country" ON "actors" ("country");

-- Events. The actor-side indexes carry date, quad class and the other side's key, so an actor's
-- or a dyad's monthly timeline and its newest-first listing read the index alone; they replace
-- the single-column indexes of migration 0001. The code-side pairs do the same for country
-- prefixes ("RUS" matches RUSGOV, RUSMIL ...), which are range scans on the code.
DROP INDEX "events_source_actor_id";
DROP INDEX "events_target_actor_id";
CREATE INDEX "events_source_date" ON "events" ("source_actor_id", "date", "quad_class", "target_actor_id");
CREATE INDEX "events_target_date" ON "events" ("target_actor_id", "date", "quad_class", "source_actor_id");
CREATE INDEX "events_source_code_date" ON "events" ("source_code", "date", "quad_class", "target_code");
CREATE INDEX "events_target_code_date" ON "events" ("target_code", "date", "quad_class", "source_code");
CREATE INDEX "events_root_date" ON "events" ("root_code", "date");
CREATE INDEX "events_quad_date" ON "events" ("quad_class", "date");
CREATE INDEX "events_plover_date" ON "events" ("plover_type", "date");
CREATE INDEX "events_place_date" ON "events" ("place_id", "date");

CREATE INDEX "articles_published" ON "articles" ("published");
CREATE INDEX "articles_site" ON "articles" ("site");
CREATE INDEX "articles_language" ON "articles" ("language");

CREATE INDEX "places_country" ON "places" ("country");
CREATE INDEX "places_name" ON "places" ("name" COLLATE NOCASE);

-- Monthly event counts per actor and quad class, kept by triggers, so the timeline of an actor in
-- 100,000 events is a read of a few hundred rows instead of a scan. An event counts once for each
-- distinct actor on it (an actor on both sides once). Only events dated to the month or day count,
-- as in the timeline the query layer computes by scanning when other filters are given.
CREATE TABLE "actor_months" (
    "actor_id" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "quad_class" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    PRIMARY KEY ("actor_id", "month", "quad_class")
) WITHOUT ROWID;

-- The same by CAMEO country (the first three letters of the actor code), for "--actor Russia".
CREATE TABLE "country_months" (
    "country" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "quad_class" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    PRIMARY KEY ("country", "month", "quad_class")
) WITHOUT ROWID;

CREATE TRIGGER "actor_months_source_insert" AFTER INSERT ON "events"
WHEN new."source_actor_id" <> '' AND length(new."date") >= 7 AND new."quad_class" IS NOT NULL BEGIN
    INSERT INTO "actor_months" VALUES (new."source_actor_id", substr(new."date", 1, 7), new."quad_class", 1)
        ON CONFLICT DO UPDATE SET "n" = "n" + 1;
END;
CREATE TRIGGER "actor_months_target_insert" AFTER INSERT ON "events"
WHEN new."target_actor_id" <> '' AND new."target_actor_id" <> new."source_actor_id"
    AND length(new."date") >= 7 AND new."quad_class" IS NOT NULL BEGIN
    INSERT INTO "actor_months" VALUES (new."target_actor_id", substr(new."date", 1, 7), new."quad_class", 1)
        ON CONFLICT DO UPDATE SET "n" = "n" + 1;
END;
CREATE TRIGGER "country_months_source_insert" AFTER INSERT ON "events"
WHEN length(new."source_code") >= 3 AND length(new."date") >= 7 AND new."quad_class" IS NOT NULL BEGIN
    INSERT INTO "country_months" VALUES (substr(new."source_code", 1, 3), substr(new."date", 1, 7), new."quad_class", 1)
        ON CONFLICT DO UPDATE SET "n" = "n" + 1;
END;
CREATE TRIGGER "country_months_target_insert" AFTER INSERT ON "events"
WHEN length(new."target_code") >= 3 AND substr(new."target_code", 1, 3) <> substr(new."source_code", 1, 3)
    AND length(new."date") >= 7 AND new."quad_class" IS NOT NULL BEGIN
    INSERT INTO "country_months" VALUES (substr(new."target_code", 1, 3), substr(new."date", 1, 7), new."quad_class", 1)
        ON CONFLICT DO UPDATE SET "n" = "n" + 1;
END;

-- Deletes (an article removed: its events cascade) take the counts back down.
CREATE TRIGGER "actor_months_source_delete" AFTER DELETE ON "events"
WHEN old."source_actor_id" <> '' AND length(old."date") >= 7 AND old."quad_class" IS NOT NULL BEGIN
    UPDATE "actor_months" SET "n" = "n" - 1
        WHERE "actor_id" = old."source_actor_id" AND "month" = substr(old."date", 1, 7)
        AND "quad_class" = old."quad_class";
END;
CREATE TRIGGER "actor_months_target_delete" AFTER DELETE ON "events"
WHEN old."target_actor_id" <> '' AND old."target_actor_id" <> old."source_actor_id"
    AND length(old."date") >= 7 AND old."quad_class" IS NOT NULL BEGIN
    UPDATE "actor_months" SET "n" = "n" - 1
        WHERE "actor_id" = old."target_actor_id" AND "month" = substr(old."date", 1, 7)
        AND "quad_class" = old."quad_class";
END;
CREATE TRIGGER "country_months_source_delete" AFTER DELETE ON "events"
WHEN length(old."source_code") >= 3 AND length(old."date") >= 7 AND old."quad_class" IS NOT NULL BEGIN
    UPDATE "country_months" SET "n" = "n" - 1
        WHERE "country" = substr(old."source_code", 1, 3) AND "month" = substr(old."date", 1, 7)
        AND "quad_class" = old."quad_class";
END;
CREATE TRIGGER "country_months_target_delete" AFTER DELETE ON "events"
WHEN length(old."target_code") >= 3 AND substr(old."target_code", 1, 3) <> substr(old."source_code", 1, 3)
    AND length(old."date") >= 7 AND old."quad_class" IS NOT NULL BEGIN
    UPDATE "country_months" SET "n" = "n" - 1
        WHERE "country" = substr(old."target_code", 1, 3) AND "month" = substr(old."date", 1, 7)
        AND "quad_class" = old."quad_class";
END;

-- Events stored before this migration.
INSERT INTO "actor_months" ("actor_id", "month", "quad_class", "n")
    SELECT "actor_id", "month", "quad_class", count(*) FROM (
        SELECT "source_actor_id" AS "actor_id", substr("date", 1, 7) AS "month", "quad_class" FROM "events"
        WHERE "source_actor_id" <> '' AND length("date") >= 7 AND "quad_class" IS NOT NULL
        UNION ALL
        SELECT "target_actor_id", substr("date", 1, 7), "quad_class" FROM "events"
        WHERE "target_actor_id" <> '' AND "target_actor_id" <> "source_actor_id"
        AND length("date") >= 7 AND "quad_class" IS NOT NULL
    ) GROUP BY "actor_id", "month", "quad_class";
INSERT INTO "country_months" ("country", "month", "quad_class", "n")
    SELECT "country", "month", "quad_class", count(*) FROM (
        SELECT substr("source_code", 1, 3) AS "country", substr("date", 1, 7) AS "month", "quad_class"
        FROM "events" WHERE length("source_code") >= 3 AND length("date") >= 7 AND "quad_class" IS NOT NULL
        UNION ALL
        SELECT substr("target_code", 1, 3), substr("date", 1, 7), "quad_class" FROM "events"
        WHERE length("target_code") >= 3 AND substr("target_code", 1, 3) <> substr("source_code", 1, 3)
        AND length("date") >= 7 AND "quad_class" IS NOT NULL
    ) GROUP BY "country", "month", "quad_class";
