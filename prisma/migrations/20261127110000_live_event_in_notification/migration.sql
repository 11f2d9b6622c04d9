-- Live updates without a read-back: the notification of a new audit row carries the row itself (what a browser is
-- sent: lib/live/live-event.ts), so each console replica hands it to its live streams without reading the table.
-- A notification's payload must be shorter than 8000 bytes: a row too large for it is announced by its ids alone,
-- as before, and the hub reads it from the table (lib/live/live-hub.ts). The ids stay at the top level either way.
CREATE OR REPLACE FUNCTION "audit_event_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids jsonb := jsonb_build_object(
    'auditId', NEW."id"::text,
    'incidentId', NEW."incidentId",
    'stepId', NEW."stepId",
    'action', NEW."action"
  );
  whole text := (ids || jsonb_build_object('row', jsonb_build_object(
    'occurredAt', to_char(NEW."occurredAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'actorId', NEW."actorId",
    'actorName', NEW."actorName",
    'actorRole', NEW."actorRole",
    'outcome', NEW."outcome",
    'operationId', NEW."operationId",
    'inputs', NEW."inputs",
    'detail', NEW."detail"
  )))::text;
BEGIN
  IF octet_length(whole) < 8000 THEN
    PERFORM pg_notify('dr_events', whole);
  ELSE
    PERFORM pg_notify('dr_events', ids::text);
  END IF;
  RETURN NEW;
END;
$$;
