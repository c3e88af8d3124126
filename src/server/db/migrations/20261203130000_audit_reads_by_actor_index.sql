-- The bulk-access guard of every client read looks for the reader's own successful reads in the
-- last minutes. Planned once without its values (the client read's statement is), it went
-- through the index on the time alone and walked every entry of the window, whoever wrote it:
-- while an import or other staff wrote entries, each page read got slower (at 40,000 entries in
-- the window, 56 pages per second instead of 450). This partial index holds the reads alone, by
-- reader and time, and is what the guard's conditions name.
CREATE INDEX audit_event_reads_by_actor_idx ON audit_event (actor_id, at)
  WHERE action IN ('client.read', 'client.reveal') AND outcome = 'success';
