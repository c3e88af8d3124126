-- Intake and casework records: helpline contacts, applications, decisions, exploitation and
-- services. Free text is identifying data and is stored only encrypted.

CREATE TABLE helpline_contact (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ref text UNIQUE,
  at timestamptz NOT NULL,
  channel text NOT NULL CHECK (channel IN ('phone', 'email', 'chat', 'other')),
  caller text NOT NULL CHECK (caller IN ('possible_victim', 'professional', 'relative_or_friend', 'other')),
  language text,
  topic text,
  outcome text NOT NULL CHECK (outcome IN ('advice_given', 'referred_elsewhere', 'application_started')),
  created_by uuid REFERENCES staff_user (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX helpline_contact_at_idx ON helpline_contact (at);
COMMENT ON TABLE helpline_contact IS 'Contacts to the 24/7 info phone; anonymous: no identity unless an application follows.';
COMMENT ON COLUMN helpline_contact.id IS 'Opaque identifier.';
COMMENT ON COLUMN helpline_contact.ref IS 'External identifier from an exchange file.';
COMMENT ON COLUMN helpline_contact.at IS 'Date and time of the contact.';
COMMENT ON COLUMN helpline_contact.channel IS 'phone, email, chat or other.';
COMMENT ON COLUMN helpline_contact.caller IS 'Who contacted: possible_victim, professional, relative_or_friend, other.';
COMMENT ON COLUMN helpline_contact.language IS 'ISO 639-1 code of the language of the contact.';
COMMENT ON COLUMN helpline_contact.topic IS 'Identifying: free-text topic, encrypted.';
COMMENT ON COLUMN helpline_contact.outcome IS 'advice_given, referred_elsewhere or application_started.';
COMMENT ON COLUMN helpline_contact.created_by IS 'The helpline worker who logged it.';
COMMENT ON COLUMN helpline_contact.created_at IS 'When it was logged.';

CREATE SEQUENCE application_number_seq;
COMMENT ON SEQUENCE application_number_seq IS 'Numbers applications for their human identifier A-2025-0042.';

CREATE TABLE application (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number text NOT NULL UNIQUE,
  ref text UNIQUE,
  person_id uuid NOT NULL REFERENCES person (id),
  received_on date NOT NULL,
  channel text NOT NULL,
  summary text,
  consent_given boolean,
  consent_on date,
  office_code text REFERENCES office (code),
  caseworker_id uuid REFERENCES staff_user (id),
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'under_assessment', 'decided', 'withdrawn', 'lapsed')),
  status_changed_on date,
  deadline date,
  helpline_contact_id uuid REFERENCES helpline_contact (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES staff_user (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (consent_on IS NULL OR consent_given IS NOT NULL)
);
CREATE INDEX application_person_idx ON application (person_id);
CREATE INDEX application_received_idx ON application (received_on);
CREATE INDEX application_office_status_idx ON application (office_code, status);
CREATE INDEX application_caseworker_idx ON application (caseworker_id, status);
COMMENT ON TABLE application IS 'An application (referral) to the assistance system for a person and the minor children applying with them.';
COMMENT ON COLUMN application.id IS 'Opaque identifier.';
COMMENT ON COLUMN application.number IS 'Short human identifier, e.g. A-2025-0042.';
COMMENT ON COLUMN application.ref IS 'External identifier from an exchange file.';
COMMENT ON COLUMN application.person_id IS 'The person applied for.';
COMMENT ON COLUMN application.received_on IS 'Date the application was received.';
COMMENT ON COLUMN application.channel IS 'Who made the application (application channel code).';
COMMENT ON COLUMN application.summary IS 'Identifying: summary of the suspected exploitation, encrypted.';
COMMENT ON COLUMN application.consent_given IS 'Whether the person consented to becoming a client; null while not asked.';
COMMENT ON COLUMN application.consent_on IS 'Date of the consent answer.';
COMMENT ON COLUMN application.office_code IS 'Office handling the application.';
COMMENT ON COLUMN application.caseworker_id IS 'Caseworker handling the application.';
COMMENT ON COLUMN application.status IS 'received, under_assessment, decided, withdrawn or lapsed.';
COMMENT ON COLUMN application.status_changed_on IS 'Date of the last status change (the decision, withdrawal or lapse date for closed ones).';
COMMENT ON COLUMN application.deadline IS 'Date by which the application should be decided.';
COMMENT ON COLUMN application.helpline_contact_id IS 'The helpline contact the application started from.';
COMMENT ON COLUMN application.created_at IS 'When the record was created.';
COMMENT ON COLUMN application.created_by IS 'Who created it.';
COMMENT ON COLUMN application.updated_at IS 'When it was last changed.';
COMMENT ON COLUMN application.version IS 'Optimistic-lock version, raised by every change.';

CREATE TABLE application_child (
  application_id uuid NOT NULL REFERENCES application (id),
  person_id uuid NOT NULL REFERENCES person (id),
  PRIMARY KEY (application_id, person_id)
);
CREATE INDEX application_child_person_idx ON application_child (person_id);
COMMENT ON TABLE application_child IS 'Minor children applying with the person of an application.';
COMMENT ON COLUMN application_child.application_id IS 'The application.';
COMMENT ON COLUMN application_child.person_id IS 'The child.';

CREATE TABLE application_status_change (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id uuid NOT NULL REFERENCES application (id),
  from_status text,
  to_status text NOT NULL,
  at timestamptz NOT NULL,
  by_user uuid REFERENCES staff_user (id)
);
CREATE INDEX application_status_change_app_idx ON application_status_change (application_id, at);
COMMENT ON TABLE application_status_change IS 'Every status change of an application, with who and when.';
COMMENT ON COLUMN application_status_change.id IS 'Opaque identifier.';
COMMENT ON COLUMN application_status_change.application_id IS 'The application.';
COMMENT ON COLUMN application_status_change.from_status IS 'Status before (null when created).';
COMMENT ON COLUMN application_status_change.to_status IS 'Status after.';
COMMENT ON COLUMN application_status_change.at IS 'When it changed.';
COMMENT ON COLUMN application_status_change.by_user IS 'Who changed it (null for imports and the command line).';

CREATE TABLE decision (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ref text UNIQUE,
  application_id uuid REFERENCES application (id),
  person_id uuid NOT NULL REFERENCES person (id),
  kind text NOT NULL CHECK (kind IN ('admission', 'rejection', 'reflection_period', 'extension', 'termination')),
  status text NOT NULL DEFAULT 'decided' CHECK (status IN ('proposed', 'decided', 'cancelled')),
  decided_on date,
  decided_by uuid REFERENCES staff_user (id),
  proposed_by uuid REFERENCES staff_user (id),
  proposed_at timestamptz,
  reason text,
  grounds text,
  expert_group_heard boolean NOT NULL DEFAULT false,
  category text CHECK (category IN ('victim', 'assists_investigation')),
  period_start date,
  period_end date,
  letter_language text CHECK (letter_language IN ('fi', 'sv', 'en')),
  letter_pdf bytea,
  appeal_lodged_on date,
  appeal_outcome text CHECK (appeal_outcome IN ('pending', 'upheld', 'overturned', 'returned', 'withdrawn')),
  appeal_decided_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (status <> 'decided' OR decided_on IS NOT NULL),
  CHECK (kind NOT IN ('reflection_period', 'extension') OR (period_start IS NOT NULL AND period_end IS NOT NULL AND period_end > period_start)),
  CHECK (kind NOT IN ('rejection', 'termination') OR status = 'cancelled' OR reason IS NOT NULL)
);
CREATE UNIQUE INDEX decision_one_outcome_per_application ON decision (application_id) WHERE kind IN ('admission', 'rejection') AND status <> 'cancelled';
CREATE INDEX decision_person_idx ON decision (person_id);
CREATE INDEX decision_kind_date_idx ON decision (kind, decided_on);
CREATE INDEX decision_period_end_idx ON decision (period_end) WHERE kind IN ('reflection_period', 'extension');
COMMENT ON TABLE decision IS 'Decisions: admission, rejection, reflection period and its extension, termination of the clientship.';
COMMENT ON COLUMN decision.id IS 'Opaque identifier.';
COMMENT ON COLUMN decision.ref IS 'External identifier from an exchange file.';
COMMENT ON COLUMN decision.application_id IS 'The application an admission or rejection closes.';
COMMENT ON COLUMN decision.person_id IS 'The person the decision is about.';
COMMENT ON COLUMN decision.kind IS 'admission, rejection, reflection_period, extension or termination.';
COMMENT ON COLUMN decision.status IS 'proposed (prepared by a caseworker), decided (taken by a decision maker) or cancelled.';
COMMENT ON COLUMN decision.decided_on IS 'Date of the decision.';
COMMENT ON COLUMN decision.decided_by IS 'The decision maker.';
COMMENT ON COLUMN decision.proposed_by IS 'The caseworker who prepared it.';
COMMENT ON COLUMN decision.proposed_at IS 'When it was proposed.';
COMMENT ON COLUMN decision.reason IS 'Reason code: rejection reason or clientship end reason.';
COMMENT ON COLUMN decision.grounds IS 'Identifying: written grounds, encrypted.';
COMMENT ON COLUMN decision.expert_group_heard IS 'Whether the expert group was heard.';
COMMENT ON COLUMN decision.category IS 'For an admission: the client category (victim or assists_investigation).';
COMMENT ON COLUMN decision.period_start IS 'Reflection period or extension: first day.';
COMMENT ON COLUMN decision.period_end IS 'Reflection period or extension: last day (1 to 6 months after the start).';
COMMENT ON COLUMN decision.letter_language IS 'Language of the decision letter: fi, sv or en (the client''s choice).';
COMMENT ON COLUMN decision.letter_pdf IS 'Identifying: the decision letter as PDF, encrypted.';
COMMENT ON COLUMN decision.appeal_lodged_on IS 'Date an appeal was lodged.';
COMMENT ON COLUMN decision.appeal_outcome IS 'Outcome of the appeal: pending, upheld, overturned, returned or withdrawn.';
COMMENT ON COLUMN decision.appeal_decided_on IS 'Date the appeal was decided.';
COMMENT ON COLUMN decision.created_at IS 'When the record was created.';
COMMENT ON COLUMN decision.updated_at IS 'When it was last changed.';
COMMENT ON COLUMN decision.version IS 'Optimistic-lock version, raised by every change.';

CREATE TABLE exploitation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ref text UNIQUE,
  person_id uuid NOT NULL REFERENCES person (id),
  form text NOT NULL,
  is_primary boolean NOT NULL,
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  industry text,
  period_from text CHECK (period_from ~ '^\d{4}(-\d{2}(-\d{2})?)?$'),
  period_to text CHECK (period_to ~ '^\d{4}(-\d{2}(-\d{2})?)?$'),
  residence_status text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX exploitation_person_idx ON exploitation (person_id);
CREATE INDEX exploitation_country_idx ON exploitation (country, form);
COMMENT ON TABLE exploitation IS 'One form of exploitation a person was subjected to (a person may have several).';
COMMENT ON COLUMN exploitation.id IS 'Opaque identifier.';
COMMENT ON COLUMN exploitation.ref IS 'External identifier from an exchange file.';
COMMENT ON COLUMN exploitation.person_id IS 'The victim.';
COMMENT ON COLUMN exploitation.form IS 'Form of exploitation code.';
COMMENT ON COLUMN exploitation.is_primary IS 'True for the primary form, false for a secondary one.';
COMMENT ON COLUMN exploitation.country IS 'ISO 3166-1 alpha-2 code of the country where it happened.';
COMMENT ON COLUMN exploitation.industry IS 'Industry code, for labour exploitation.';
COMMENT ON COLUMN exploitation.period_from IS 'Start: YYYY, YYYY-MM or YYYY-MM-DD.';
COMMENT ON COLUMN exploitation.period_to IS 'End: YYYY, YYYY-MM or YYYY-MM-DD.';
COMMENT ON COLUMN exploitation.residence_status IS 'The person''s residence status at the time.';
COMMENT ON COLUMN exploitation.created_at IS 'When the record was created.';
COMMENT ON COLUMN exploitation.updated_at IS 'When it was last changed.';
COMMENT ON COLUMN exploitation.version IS 'Optimistic-lock version, raised by every change.';

CREATE TABLE service (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ref text UNIQUE,
  person_id uuid NOT NULL REFERENCES person (id),
  type text NOT NULL,
  provider text,
  start_date date NOT NULL,
  end_date date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX service_person_idx ON service (person_id);
COMMENT ON TABLE service IS 'A service given to a client.';
COMMENT ON COLUMN service.id IS 'Opaque identifier.';
COMMENT ON COLUMN service.ref IS 'External identifier from an exchange file.';
COMMENT ON COLUMN service.person_id IS 'The client.';
COMMENT ON COLUMN service.type IS 'Service type code.';
COMMENT ON COLUMN service.provider IS 'Service provider code.';
COMMENT ON COLUMN service.start_date IS 'First day of the service.';
COMMENT ON COLUMN service.end_date IS 'Last day of the service, when it has ended.';
COMMENT ON COLUMN service.created_at IS 'When the record was created.';
COMMENT ON COLUMN service.updated_at IS 'When it was last changed.';
COMMENT ON COLUMN service.version IS 'Optimistic-lock version, raised by every change.';
