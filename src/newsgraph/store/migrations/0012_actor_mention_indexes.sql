-- newsgraph store, schema version 12: the actor-side indexes of the mentions carry what the
-- complete-event rule and the real-world event need, so one actor's events in a date range and
-- quad class are read from the index alone.
--
-- An actor's real-world events filtered by date or quad class cannot come from the counts of
-- migration 0011: the date range and the quad class filter the *mentions* (an event matches when
-- one of its mentions does), and a merged event's mentions may differ in date and code. So the
-- explorer, its downloads and the network of "actor A in 2017 (quad class 4)" gather the matching
-- mentions. Migration 0004's indexes (actor, date, quad class, the other side's actor) found them,
-- but the complete-event test (both sides coded, or the source coded and a root complete alone)
-- and the mention's event id are not in them: every mention in range was a read of the table row
-- (tens of thousands of scattered pages for the busiest actor in a year, from disk when cold).
-- These indexes extend 0004's with the codes, the root and the event id; the old ones are their
-- prefixes and are dropped, so no plan that used them loses its index.
DROP INDEX "events_source_date";
DROP INDEX "events_target_date";
CREATE INDEX "events_source_date" ON "events" (
    "source_actor_id", "date", "quad_class", "target_actor_id",
    "source_code", "target_code", "root_code", "event_id"
);
CREATE INDEX "events_target_date" ON "events" (
    "target_actor_id", "date", "quad_class", "source_actor_id",
    "source_code", "target_code", "root_code", "event_id"
);
