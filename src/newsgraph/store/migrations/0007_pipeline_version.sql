-- newsgraph store, schema version 7: which pipeline analysed each article, so a store can be
-- brought up to date (`newsgraph reanalyze`, `newsgraph ingest --force`).
--
-- "analyses"."pipeline" names the newsgraph, model and spaCy versions that produced an article's
-- records ('' for articles stored before this migration: analysed by an unknown version), and
-- "analysed_at" when. Re-analysis replaces an article's records in one transaction; the FTS index
-- and the monthly counts follow through the triggers of migration 0004.
--
-- "registry_pipelines" records which pipeline last (re)defined a registry entry (an actor, a
-- place). The registry keeps the first writer's fields; under a new pipeline the first writer
-- starts over, so an upgrade's better code or country reaches the registry, and a store
-- re-analysed in ingest order holds what a fresh ingest with that pipeline would.
--
-- "articles"."uri" is indexed: `ingest --force` finds the stored article of a re-read document
-- by where it came from.

ALTER TABLE "analyses" ADD COLUMN "pipeline" TEXT NOT NULL DEFAULT '';
ALTER TABLE "analyses" ADD COLUMN "analysed_at" TEXT NOT NULL DEFAULT '';
CREATE INDEX "analyses_pipeline" ON "analyses" ("pipeline");

CREATE TABLE "registry_pipelines" (
    "registry" TEXT NOT NULL,  -- actors | places
    "id" TEXT NOT NULL,
    "pipeline" TEXT NOT NULL,
    PRIMARY KEY ("registry", "id")
) WITHOUT ROWID;

CREATE INDEX "articles_uri" ON "articles" ("uri");
