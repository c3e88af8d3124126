-- Retention rewrites the tables that held erased data after it erased someone (retention/purge.ts)
-- and records the rewrite in the audit trail. Whether a rewrite is due — an erasure recorded
-- after the last rewrite, also when an earlier rewrite failed — is read off the trail: this
-- index holds these two rare kinds of entry alone, so that the question costs two index probes
-- however long the trail.
CREATE INDEX audit_event_retention_idx ON audit_event (seq) WHERE action IN ('retention.erase', 'retention.rewrite');
