-- The bulk-access guard of every client read asks two things of the reader's successful reads
-- in the last minutes: whether this client is among them, and — for a client not read in the
-- window — how many distinct clients they name. Planned once without its values (the client
-- read's statement is), `at >= <window start>` was estimated to hold a third of the trail, and
-- both went through the index on the time alone, walking every entry of the window, whoever
-- wrote it: while an import or other staff wrote entries, every page read got slower (at 40,000
-- entries in the window, 56 pages per second instead of 450). These partial indexes hold the
-- reads alone: by reader, client and time for the first question (an equality on both, which no
-- other index can match), by reader and time for the count (which compares the time together
-- with the reader, `(actor_id, at) >= (reader, start)`, a condition only an index that leads
-- with the reader can serve).
CREATE INDEX audit_event_reads_by_actor_client_idx ON audit_event (actor_id, (object_ids[1]), at)
  WHERE action IN ('client.read', 'client.reveal') AND outcome = 'success';
CREATE INDEX audit_event_reads_by_actor_idx ON audit_event (actor_id, at)
  WHERE action IN ('client.read', 'client.reveal') AND outcome = 'success';
