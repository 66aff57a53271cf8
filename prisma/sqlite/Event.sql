-- Seats taken never exceed capacity (nor go below zero), whatever code path writes.
-- SQLite cannot add CHECK constraints to an existing table, so triggers enforce it.
-- scripts/new-migration.ts re-appends this file when a migration redefines "Event".
CREATE TRIGGER "Event_seats_within_capacity_insert"
BEFORE INSERT ON "Event"
WHEN NEW."seatsTaken" < 0 OR (NEW."capacity" IS NOT NULL AND NEW."seatsTaken" > NEW."capacity")
BEGIN
  SELECT RAISE(ABORT, 'Event.seatsTaken must be between 0 and capacity');
END;

CREATE TRIGGER "Event_seats_within_capacity_update"
BEFORE UPDATE OF "seatsTaken", "capacity" ON "Event"
WHEN NEW."seatsTaken" < 0 OR (NEW."capacity" IS NOT NULL AND NEW."seatsTaken" > NEW."capacity")
BEGIN
  SELECT RAISE(ABORT, 'Event.seatsTaken must be between 0 and capacity');
END;
