-- The caseworker's records of a client: journal notes, tasks, attachments, the assessment of
-- service needs, and the history of residence status. Free text and files are identifying data
-- and are stored only encrypted.

CREATE TABLE journal_note (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES person (id),
  body text NOT NULL,
  author_id uuid NOT NULL REFERENCES staff_user (id),
  written_at timestamptz NOT NULL,
  corrected_at timestamptz,
  corrects_id uuid REFERENCES journal_note (id),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX journal_note_person_idx ON journal_note (person_id, written_at);
COMMENT ON TABLE journal_note IS 'Journal notes of a client: correctable by the author within 24 hours, afterwards only by a new note.';
COMMENT ON COLUMN journal_note.id IS 'Opaque key.';
COMMENT ON COLUMN journal_note.person_id IS 'The client the note is about.';
COMMENT ON COLUMN journal_note.body IS 'Identifying: the note, encrypted.';
COMMENT ON COLUMN journal_note.author_id IS 'Staff user who wrote it.';
COMMENT ON COLUMN journal_note.written_at IS 'When it was written.';
COMMENT ON COLUMN journal_note.corrected_at IS 'When its author last corrected it (within 24 hours of writing).';
COMMENT ON COLUMN journal_note.corrects_id IS 'An earlier note this one corrects, when written after the 24 hours.';
COMMENT ON COLUMN journal_note.version IS 'Optimistic version.';

CREATE TABLE task (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES person (id),
  title text NOT NULL,
  due_on date NOT NULL,
  assignee_id uuid NOT NULL REFERENCES staff_user (id),
  created_by uuid NOT NULL REFERENCES staff_user (id),
  created_at timestamptz NOT NULL,
  done_at timestamptz,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX task_assignee_open_idx ON task (assignee_id, due_on) WHERE done_at IS NULL;
CREATE INDEX task_person_idx ON task (person_id);
COMMENT ON TABLE task IS 'Tasks about a client, with a due date and an assignee; reminders on the start page.';
COMMENT ON COLUMN task.id IS 'Opaque key.';
COMMENT ON COLUMN task.person_id IS 'The client the task is about.';
COMMENT ON COLUMN task.title IS 'Identifying: what is to be done, encrypted.';
COMMENT ON COLUMN task.due_on IS 'Due date.';
COMMENT ON COLUMN task.assignee_id IS 'Staff user who is to do it.';
COMMENT ON COLUMN task.created_by IS 'Staff user who made the task.';
COMMENT ON COLUMN task.created_at IS 'When the task was made.';
COMMENT ON COLUMN task.done_at IS 'When it was marked done.';
COMMENT ON COLUMN task.version IS 'Optimistic version.';

CREATE TABLE attachment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES person (id),
  file_name text NOT NULL,
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  content bytea NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES staff_user (id),
  uploaded_at timestamptz NOT NULL
);
CREATE INDEX attachment_person_idx ON attachment (person_id);
COMMENT ON TABLE attachment IS 'Files about a client (scanned documents, photos): encrypted; image metadata stripped on upload.';
COMMENT ON COLUMN attachment.id IS 'Opaque key.';
COMMENT ON COLUMN attachment.person_id IS 'The client the file is about.';
COMMENT ON COLUMN attachment.file_name IS 'Identifying: the file name as uploaded, encrypted.';
COMMENT ON COLUMN attachment.media_type IS 'Media type checked on upload (PDF, JPEG, PNG).';
COMMENT ON COLUMN attachment.size_bytes IS 'Size of the file as stored.';
COMMENT ON COLUMN attachment.content IS 'Identifying: the file, encrypted (version byte, key id, IV, tag, ciphertext).';
COMMENT ON COLUMN attachment.uploaded_by IS 'Staff user who uploaded it.';
COMMENT ON COLUMN attachment.uploaded_at IS 'When it was uploaded.';

CREATE TABLE service_need (
  person_id uuid NOT NULL REFERENCES person (id),
  type text NOT NULL,
  needed boolean NOT NULL,
  assessed_on date NOT NULL,
  assessed_by uuid REFERENCES staff_user (id),
  PRIMARY KEY (person_id, type)
);
COMMENT ON TABLE service_need IS 'The individual assessment of a client''s service needs, one row per service type.';
COMMENT ON COLUMN service_need.person_id IS 'The client.';
COMMENT ON COLUMN service_need.type IS 'Service type (code list serviceType).';
COMMENT ON COLUMN service_need.needed IS 'Whether the client needs this service.';
COMMENT ON COLUMN service_need.assessed_on IS 'Date of the assessment.';
COMMENT ON COLUMN service_need.assessed_by IS 'Staff user who assessed it.';

CREATE TABLE residence_status_change (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES person (id),
  status text NOT NULL,
  changed_at timestamptz NOT NULL,
  changed_by uuid REFERENCES staff_user (id)
);
CREATE INDEX residence_status_change_person_idx ON residence_status_change (person_id, changed_at);
COMMENT ON TABLE residence_status_change IS 'History of a person''s residence status: each value and when it was recorded.';
COMMENT ON COLUMN residence_status_change.id IS 'Opaque key.';
COMMENT ON COLUMN residence_status_change.person_id IS 'The person.';
COMMENT ON COLUMN residence_status_change.status IS 'Residence status recorded (code list residenceStatus).';
COMMENT ON COLUMN residence_status_change.changed_at IS 'When it was recorded.';
COMMENT ON COLUMN residence_status_change.changed_by IS 'Staff user who recorded it.';
