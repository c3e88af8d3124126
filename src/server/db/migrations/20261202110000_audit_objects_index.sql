-- The audit trail is searched by object on every client page (the exploitation history), for
-- "who has viewed" and in the audit log. With the GIN index's pending list (fastupdate, the
-- default) each such search also reads every recent entry not yet merged into the index — 5–8 ms
-- instead of 0.1–0.3 ms with 300,000 recent entries — and the append that fills the list merges
-- it, hundreds of milliseconds while the audit chain's lock is held. Entries now go straight into
-- the index (a few microseconds more per append); the pending list is merged once here.
ALTER INDEX audit_event_objects_idx SET (fastupdate = off);
SELECT gin_clean_pending_list('audit_event_objects_idx'::regclass);
