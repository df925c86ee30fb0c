-- Where in the text each event's source and target are named (character offsets; -1 = not named).
ALTER TABLE events ADD COLUMN source_start INTEGER NOT NULL DEFAULT -1;
ALTER TABLE events ADD COLUMN source_end INTEGER NOT NULL DEFAULT -1;
ALTER TABLE events ADD COLUMN target_start INTEGER NOT NULL DEFAULT -1;
ALTER TABLE events ADD COLUMN target_end INTEGER NOT NULL DEFAULT -1;
