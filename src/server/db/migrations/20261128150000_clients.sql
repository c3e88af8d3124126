-- Persons and their clientships: the records at the heart of the assistance system, with
-- break-the-glass access grants and access alerts.
--
-- Identifying data (names, aliases, birth date, contact details, municipality) is stored only
-- as ciphertext bound to its table, record and field. What statistics need is kept apart as
-- non-identifying facts (gender, nationalities, birth year and month, age at admission), so
-- that figures stay computable in SQL and survive the erasure of identifying data.

CREATE SEQUENCE person_number_seq;
COMMENT ON SEQUENCE person_number_seq IS 'Numbers persons for their human identifier C-00001, C-00002, ...';

CREATE TABLE person (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number text NOT NULL UNIQUE DEFAULT ('C-' || lpad(nextval('person_number_seq')::text, 5, '0')),
  ref text UNIQUE,
  given_names text,
  family_name text,
  aliases text,
  birth_date text,
  contact text,
  municipality text,
  name_index text[] NOT NULL DEFAULT '{}',
  birth_date_is_estimate boolean NOT NULL DEFAULT false,
  birth_year smallint CHECK (birth_year BETWEEN 1900 AND 2100),
  birth_month smallint CHECK (birth_month BETWEEN 1 AND 12),
  gender text NOT NULL CHECK (gender IN ('female', 'male', 'other', 'unknown')),
  nationalities text[] NOT NULL DEFAULT '{ZZ}' CHECK (cardinality(nationalities) >= 1),
  languages text[] NOT NULL DEFAULT '{}',
  interpreter_needed boolean NOT NULL DEFAULT false,
  residence_status text NOT NULL DEFAULT 'unknown',
  legal_hold boolean NOT NULL DEFAULT false,
  identity_erased_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES staff_user (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES staff_user (id),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX person_name_index_idx ON person USING gin (name_index);
COMMENT ON TABLE person IS 'A person in the assistance system: an applicant, a client or a client''s child.';
COMMENT ON COLUMN person.id IS 'Opaque identifier; also the pseudonymous reference used in statistics explanations.';
COMMENT ON COLUMN person.number IS 'Short human identifier shown to staff, e.g. C-00318.';
COMMENT ON COLUMN person.ref IS 'External identifier from an exchange file (kept so that imports are idempotent).';
COMMENT ON COLUMN person.given_names IS 'Identifying: given names, encrypted (AES-256-GCM, bound to table, record and field).';
COMMENT ON COLUMN person.family_name IS 'Identifying: family name, encrypted.';
COMMENT ON COLUMN person.aliases IS 'Identifying: other names used (JSON array), encrypted.';
COMMENT ON COLUMN person.birth_date IS 'Identifying: birth date YYYY-MM-DD, encrypted.';
COMMENT ON COLUMN person.contact IS 'Identifying: contact details (JSON: phone, e-mail, address), encrypted.';
COMMENT ON COLUMN person.municipality IS 'Identifying: municipality of residence, encrypted.';
COMMENT ON COLUMN person.name_index IS 'Keyed hashes of the normalised names and their phonetic keys, for search without storing names in the clear.';
COMMENT ON COLUMN person.birth_date_is_estimate IS 'True when the birth date is an estimate.';
COMMENT ON COLUMN person.birth_year IS 'Statistics fact: year of birth (ages on 30 June and 31 December are exact from year and month).';
COMMENT ON COLUMN person.birth_month IS 'Statistics fact: month of birth.';
COMMENT ON COLUMN person.gender IS 'Gender code: female, male, other, unknown.';
COMMENT ON COLUMN person.nationalities IS 'ISO 3166-1 alpha-2 codes, the first is the main one; XX stateless, ZZ unknown.';
COMMENT ON COLUMN person.languages IS 'ISO 639-1 codes of the languages the person speaks.';
COMMENT ON COLUMN person.interpreter_needed IS 'True when an interpreter is needed.';
COMMENT ON COLUMN person.residence_status IS 'Current residence status (code list of domain.md).';
COMMENT ON COLUMN person.legal_hold IS 'True when retention must not erase this person''s identifying data.';
COMMENT ON COLUMN person.identity_erased_at IS 'When the identifying data was erased under the retention rules.';
COMMENT ON COLUMN person.created_at IS 'When the record was created.';
COMMENT ON COLUMN person.created_by IS 'Who created it (null for imports and the command line).';
COMMENT ON COLUMN person.updated_at IS 'When the record was last changed.';
COMMENT ON COLUMN person.updated_by IS 'Who last changed it.';
COMMENT ON COLUMN person.version IS 'Optimistic-lock version, raised by every change.';

CREATE TABLE clientship (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ref text UNIQUE,
  person_id uuid NOT NULL REFERENCES person (id),
  category text NOT NULL CHECK (category IN ('victim', 'child_of_victim', 'assists_investigation')),
  parent_id uuid REFERENCES clientship (id),
  start_date date NOT NULL,
  end_date date,
  end_reason text,
  office_code text NOT NULL REFERENCES office (code),
  caseworker_id uuid REFERENCES staff_user (id),
  age_at_start smallint CHECK (age_at_start BETWEEN 0 AND 130),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (end_date IS NULL OR end_date >= start_date),
  CHECK ((end_date IS NULL) = (end_reason IS NULL)),
  CHECK ((category = 'child_of_victim') = (parent_id IS NOT NULL))
);
CREATE INDEX clientship_person_idx ON clientship (person_id);
CREATE INDEX clientship_office_idx ON clientship (office_code);
CREATE INDEX clientship_caseworker_idx ON clientship (caseworker_id);
CREATE INDEX clientship_parent_idx ON clientship (parent_id);
CREATE INDEX clientship_start_idx ON clientship (start_date);
CREATE INDEX clientship_end_idx ON clientship (end_date);
COMMENT ON TABLE clientship IS 'A person''s period as a client; a person may have several over the years.';
COMMENT ON COLUMN clientship.id IS 'Opaque identifier.';
COMMENT ON COLUMN clientship.ref IS 'External identifier from an exchange file.';
COMMENT ON COLUMN clientship.person_id IS 'The client.';
COMMENT ON COLUMN clientship.category IS 'victim, child_of_victim or assists_investigation.';
COMMENT ON COLUMN clientship.parent_id IS 'For a child of a victim: the victim''s clientship; it ends with it.';
COMMENT ON COLUMN clientship.start_date IS 'Start: the admission date.';
COMMENT ON COLUMN clientship.end_date IS 'End of the clientship, when it has ended.';
COMMENT ON COLUMN clientship.end_reason IS 'End reason code; set exactly when end_date is.';
COMMENT ON COLUMN clientship.office_code IS 'The office responsible for the client.';
COMMENT ON COLUMN clientship.caseworker_id IS 'The responsible caseworker.';
COMMENT ON COLUMN clientship.age_at_start IS 'Statistics fact: age in whole years on the start date.';
COMMENT ON COLUMN clientship.created_at IS 'When the record was created.';
COMMENT ON COLUMN clientship.updated_at IS 'When the record was last changed.';
COMMENT ON COLUMN clientship.version IS 'Optimistic-lock version, raised by every change.';

CREATE TABLE break_glass_grant (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES staff_user (id),
  person_id uuid NOT NULL REFERENCES person (id),
  reason text NOT NULL CHECK (length(reason) BETWEEN 10 AND 500),
  granted_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX break_glass_grant_user_idx ON break_glass_grant (user_id, person_id, expires_at);
COMMENT ON TABLE break_glass_grant IS 'Access to one person outside the user''s scope, on a stated reason, for 30 minutes.';
COMMENT ON COLUMN break_glass_grant.id IS 'Identifier of the grant.';
COMMENT ON COLUMN break_glass_grant.user_id IS 'Who broke the glass.';
COMMENT ON COLUMN break_glass_grant.person_id IS 'Whose record was opened.';
COMMENT ON COLUMN break_glass_grant.reason IS 'The reason given (also in the audit trail); staff are told not to write identifying data here.';
COMMENT ON COLUMN break_glass_grant.granted_at IS 'When access was granted.';
COMMENT ON COLUMN break_glass_grant.expires_at IS 'When access ends.';

CREATE TABLE access_alert (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('bulk_access', 'break_glass')),
  user_id uuid NOT NULL REFERENCES staff_user (id),
  office_codes text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  details jsonb NOT NULL DEFAULT '{}',
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES staff_user (id)
);
CREATE INDEX access_alert_created_idx ON access_alert (created_at);
COMMENT ON TABLE access_alert IS 'Alerts for team leaders and auditors: bulk access to clients, and break-the-glass access.';
COMMENT ON COLUMN access_alert.id IS 'Identifier of the alert.';
COMMENT ON COLUMN access_alert.kind IS 'bulk_access or break_glass.';
COMMENT ON COLUMN access_alert.user_id IS 'The user whose access raised the alert.';
COMMENT ON COLUMN access_alert.office_codes IS 'Offices whose team leaders see the alert: the user''s offices and the client''s office.';
COMMENT ON COLUMN access_alert.created_at IS 'When the alert was raised.';
COMMENT ON COLUMN access_alert.details IS 'Non-identifying particulars: counts, window, the person''s opaque id, the reason.';
COMMENT ON COLUMN access_alert.acknowledged_at IS 'When a reviewer marked the alert as handled.';
COMMENT ON COLUMN access_alert.acknowledged_by IS 'Who marked it handled.';
