-- newsgraph store, schema version 8: the Global Knowledge Graph side of an analysis.
--
-- "tones": GDELT's tone fields (newsgraph.records.Tone) for each article ("unit" = 'article',
-- "sentence" = -1), each of its sentences with words ('sentence', the sentence index) and each quote
-- ('quote', the sentence it starts in); scores are percentages of "words", and the word counts they
-- come from are kept so that stretches can be pooled exactly. "articles"."tone" is the article row's
-- "tone" (GDELT's scale from this version on; VADER's compound score before).
-- "theme_mentions": every match of a theme of our taxonomy (knowledge/data/themes.tsv), with the
-- trigger that matched. "domains": the article's domain (politics, sport, business, ...), its score
-- and the rule that decided, one row per article. "comentions": pairs of actors named in the same
-- sentence or paragraph of an article ("actor_a" < "actor_b"), with the sentence and paragraph
-- indices (JSON lists) as provenance. "events"."tone": the tone of the event's evidence sentence.

CREATE TABLE "tones" (
    "article_id" TEXT NOT NULL REFERENCES "articles" ("id") ON DELETE CASCADE,
    "unit" TEXT NOT NULL,
    "sentence" INTEGER NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "tone" REAL NOT NULL,
    "positive" REAL NOT NULL,
    "negative" REAL NOT NULL,
    "polarity" REAL NOT NULL,
    "activity" REAL NOT NULL,
    "self_group" REAL NOT NULL,
    "words" INTEGER NOT NULL,
    "positive_words" INTEGER NOT NULL DEFAULT 0,
    "negative_words" INTEGER NOT NULL DEFAULT 0,
    "activity_words" INTEGER NOT NULL DEFAULT 0,
    "self_group_words" INTEGER NOT NULL DEFAULT 0,
    "compound" REAL
);
-- (unit, article, sentence): an article's row, or the sentences an actor or theme is named in.
CREATE INDEX "tones_unit_article" ON "tones" ("unit", "article_id", "sentence");
CREATE INDEX "tones_article_id" ON "tones" ("article_id");

CREATE TABLE "theme_mentions" (
    "article_id" TEXT NOT NULL REFERENCES "articles" ("id") ON DELETE CASCADE,
    "sentence" INTEGER NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "rule" TEXT NOT NULL DEFAULT ''
);
CREATE INDEX "theme_mentions_article_id" ON "theme_mentions" ("article_id");
CREATE INDEX "theme_mentions_theme" ON "theme_mentions" ("theme", "article_id", "sentence");

CREATE TABLE "domains" (
    "label" TEXT NOT NULL,
    "score" REAL NOT NULL DEFAULT 0.0,
    "rule" TEXT NOT NULL DEFAULT '',
    "article_id" TEXT PRIMARY KEY NOT NULL REFERENCES "articles" ("id") ON DELETE CASCADE
);
CREATE INDEX "domains_label" ON "domains" ("label");

CREATE TABLE "comentions" (
    "article_id" TEXT NOT NULL REFERENCES "articles" ("id") ON DELETE CASCADE,
    "actor_a" TEXT NOT NULL,
    "actor_b" TEXT NOT NULL,
    "sentences" INTEGER NOT NULL,
    "paragraphs" INTEGER NOT NULL,
    "sentence_ids" TEXT NOT NULL DEFAULT '[]',
    "paragraph_ids" TEXT NOT NULL DEFAULT '[]',
    UNIQUE ("article_id", "actor_a", "actor_b")
);
CREATE INDEX "comentions_actor_a" ON "comentions" ("actor_a", "actor_b");
CREATE INDEX "comentions_actor_b" ON "comentions" ("actor_b", "actor_a");

-- "counts": numbers of people something happened to, as GDELT's GKG counts them (KILL, ARREST ...).
CREATE TABLE "counts" (
    "article_id" TEXT NOT NULL REFERENCES "articles" ("id") ON DELETE CASCADE,
    "sentence" INTEGER NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "object" TEXT NOT NULL DEFAULT '',
    "rule" TEXT NOT NULL DEFAULT ''
);
CREATE INDEX "counts_article_id" ON "counts" ("article_id");
CREATE INDEX "counts_kind" ON "counts" ("kind");

ALTER TABLE "events" ADD COLUMN "tone" REAL;
