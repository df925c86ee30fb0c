-- newsgraph store, schema version 2: publication-date reasoning and language confidence.
--
-- Columns for the fields appended to newsgraph.records.Article: the confidence of the
-- publication date estimate, every date candidate weighed (JSON list of objects: source,
-- value, precision, role, confidence, reason, evidence) and the language identifier's
-- confidence. ADD COLUMN appends, so the column order stays the field order.

ALTER TABLE "articles" ADD COLUMN "published_confidence" REAL;
ALTER TABLE "articles" ADD COLUMN "published_candidates" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "articles" ADD COLUMN "language_confidence" REAL;
