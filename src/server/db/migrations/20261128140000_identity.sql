-- Staff identity, sessions, sign-in throttling and the audit trail.

CREATE TABLE staff_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE CHECK (email = lower(email) AND email LIKE '%_@_%'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  roles text[] NOT NULL DEFAULT '{}' CHECK (roles <@ ARRAY['caseworker','team_leader','decision_maker','helpline','statistician','auditor','admin']::text[]),
  password_hash text,
  totp_secret text,
  totp_enrolled_at timestamptz,
  totp_last_step bigint,
  sso_subject text UNIQUE,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
COMMENT ON TABLE staff_user IS 'Staff who use Suoja. Never deleted: disabled, so that the audit trail keeps its actors.';
COMMENT ON COLUMN staff_user.id IS 'Opaque identifier of the user.';
COMMENT ON COLUMN staff_user.email IS 'Work e-mail address, lower case; the sign-in name.';
COMMENT ON COLUMN staff_user.name IS 'Full name, shown to colleagues.';
COMMENT ON COLUMN staff_user.roles IS 'Roles held (domain.md section 2); permissions follow from them.';
COMMENT ON COLUMN staff_user.password_hash IS 'Argon2id hash of the password (PHC string); null until set through a set-up link.';
COMMENT ON COLUMN staff_user.totp_secret IS 'TOTP secret, encrypted with the field key (bound to this table, record and field); null until enrolled.';
COMMENT ON COLUMN staff_user.totp_enrolled_at IS 'When the second factor was enrolled.';
COMMENT ON COLUMN staff_user.totp_last_step IS 'Time step of the last accepted TOTP code; a code is never accepted twice.';
COMMENT ON COLUMN staff_user.sso_subject IS 'Subject identifier at the organisation''s OpenID Connect provider, when single sign-on is used.';
COMMENT ON COLUMN staff_user.disabled_at IS 'When the account was disabled; a disabled user cannot sign in and their sessions end.';
COMMENT ON COLUMN staff_user.created_at IS 'When the account was created.';
COMMENT ON COLUMN staff_user.updated_at IS 'When the account was last changed.';
COMMENT ON COLUMN staff_user.version IS 'Optimistic-lock version, raised by every change.';

CREATE TABLE staff_user_office (
  user_id uuid NOT NULL REFERENCES staff_user (id),
  office_code text NOT NULL REFERENCES office (code),
  PRIMARY KEY (user_id, office_code)
);
CREATE INDEX staff_user_office_office_idx ON staff_user_office (office_code);
COMMENT ON TABLE staff_user_office IS 'Offices a user belongs to; office-scoped permissions reach the records of these offices.';
COMMENT ON COLUMN staff_user_office.user_id IS 'The user.';
COMMENT ON COLUMN staff_user_office.office_code IS 'The office.';

CREATE TABLE staff_recovery_code (
  user_id uuid NOT NULL REFERENCES staff_user (id),
  code_hash text NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (user_id, code_hash)
);
COMMENT ON TABLE staff_recovery_code IS 'One-time recovery codes for a lost second factor; only their hashes are kept.';
COMMENT ON COLUMN staff_recovery_code.user_id IS 'The user the code belongs to.';
COMMENT ON COLUMN staff_recovery_code.code_hash IS 'SHA-256 of the normalised code.';
COMMENT ON COLUMN staff_recovery_code.used_at IS 'When the code was used; a used code never works again.';

CREATE TABLE staff_setup_token (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES staff_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX staff_setup_token_user_idx ON staff_setup_token (user_id);
COMMENT ON TABLE staff_setup_token IS 'One-time set-up links with which a user chooses a password; only token hashes are kept.';
COMMENT ON COLUMN staff_setup_token.token_hash IS 'SHA-256 of the random token carried by the link.';
COMMENT ON COLUMN staff_setup_token.user_id IS 'The user the link is for.';
COMMENT ON COLUMN staff_setup_token.created_at IS 'When the link was made.';
COMMENT ON COLUMN staff_setup_token.expires_at IS 'After this the link no longer works.';
COMMENT ON COLUMN staff_setup_token.used_at IS 'When the link was used; a link works once.';

CREATE TABLE staff_session (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  user_id uuid NOT NULL REFERENCES staff_user (id),
  stage text NOT NULL CHECK (stage IN ('second_factor', 'enrolment', 'active')),
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  address text,
  user_agent text,
  ended_at timestamptz,
  end_reason text CHECK (end_reason IN ('sign_out', 'sign_out_everywhere', 'idle', 'expired', 'disabled', 'replaced', 'mfa_reset'))
);
CREATE INDEX staff_session_user_idx ON staff_session (user_id) WHERE ended_at IS NULL;
COMMENT ON TABLE staff_session IS 'Sign-in sessions. The browser holds a random token; only its hash is kept here.';
COMMENT ON COLUMN staff_session.id IS 'Identifier of the session, shown in the list of one''s sessions.';
COMMENT ON COLUMN staff_session.token_hash IS 'SHA-256 of the 128-bit random session token.';
COMMENT ON COLUMN staff_session.user_id IS 'The signed-in user.';
COMMENT ON COLUMN staff_session.stage IS 'second_factor: password accepted, TOTP awaited; enrolment: TOTP being enrolled; active: fully signed in.';
COMMENT ON COLUMN staff_session.created_at IS 'When the session started.';
COMMENT ON COLUMN staff_session.last_seen_at IS 'Last request; the session ends after 15 idle minutes.';
COMMENT ON COLUMN staff_session.expires_at IS 'Absolute end of the session (10 hours after it started).';
COMMENT ON COLUMN staff_session.address IS 'Network address the session started from.';
COMMENT ON COLUMN staff_session.user_agent IS 'Browser that started the session, to tell one''s sessions apart.';
COMMENT ON COLUMN staff_session.ended_at IS 'When the session ended.';
COMMENT ON COLUMN staff_session.end_reason IS 'Why the session ended.';

CREATE TABLE sign_in_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  blocked_until timestamptz
);
COMMENT ON TABLE sign_in_throttle IS 'Failed sign-ins per account and per network address, to slow down and then refuse guessing.';
COMMENT ON COLUMN sign_in_throttle.key IS 'account:<keyed hash of the e-mail> or address:<network address>.';
COMMENT ON COLUMN sign_in_throttle.failures IS 'Failures in the current window.';
COMMENT ON COLUMN sign_in_throttle.window_started_at IS 'Start of the counting window.';
COMMENT ON COLUMN sign_in_throttle.blocked_until IS 'Sign-in attempts are refused (429) until this time.';

CREATE TABLE app_setting (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES staff_user (id)
);
COMMENT ON TABLE app_setting IS 'Organisation settings (thresholds, texts), one JSON value per key.';
COMMENT ON COLUMN app_setting.key IS 'Setting name.';
COMMENT ON COLUMN app_setting.value IS 'Setting value.';
COMMENT ON COLUMN app_setting.updated_at IS 'When the setting was last changed.';
COMMENT ON COLUMN app_setting.updated_by IS 'Who last changed it.';

CREATE TABLE audit_event (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'operator', 'system', 'anonymous')),
  actor_roles text[] NOT NULL DEFAULT '{}',
  actor_offices text[] NOT NULL DEFAULT '{}',
  action text NOT NULL,
  object_type text,
  object_ids text[] NOT NULL DEFAULT '{}',
  reason text,
  outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
  address text,
  details jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);
CREATE INDEX audit_event_at_idx ON audit_event (at);
CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, at);
CREATE INDEX audit_event_objects_idx ON audit_event USING gin (object_ids);
COMMENT ON TABLE audit_event IS 'The audit trail: append-only and hash-chained; holds no identifying data of the people in the records.';
COMMENT ON COLUMN audit_event.seq IS 'Position in the chain.';
COMMENT ON COLUMN audit_event.at IS 'When it happened (UTC).';
COMMENT ON COLUMN audit_event.actor_id IS 'The staff user who acted, when a user did.';
COMMENT ON COLUMN audit_event.actor_kind IS 'user, operator (the suoja command), system (scheduled jobs) or anonymous (failed sign-ins).';
COMMENT ON COLUMN audit_event.actor_roles IS 'The actor''s roles at that moment.';
COMMENT ON COLUMN audit_event.actor_offices IS 'The actor''s offices at that moment.';
COMMENT ON COLUMN audit_event.action IS 'What was done, e.g. client.read, user.update, auth.sign_in.';
COMMENT ON COLUMN audit_event.object_type IS 'Kind of record acted on.';
COMMENT ON COLUMN audit_event.object_ids IS 'Opaque identifiers of the records acted on (a search lists every id it returned).';
COMMENT ON COLUMN audit_event.reason IS 'Purpose or stated reason (break-the-glass); staff must not write identifying data here.';
COMMENT ON COLUMN audit_event.outcome IS 'success, denied or failure.';
COMMENT ON COLUMN audit_event.address IS 'Network address of the request.';
COMMENT ON COLUMN audit_event.details IS 'Non-identifying particulars (changed field names, counts, codes).';
COMMENT ON COLUMN audit_event.prev_hash IS 'Hash of the previous entry (64 zeros for the first).';
COMMENT ON COLUMN audit_event.hash IS 'SHA-256 over this entry''s canonical form and prev_hash.';

-- The application may only append: changes and deletions are refused by the database itself.
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only';
END;
$$;
COMMENT ON FUNCTION audit_event_append_only() IS 'Refuses UPDATE, DELETE and TRUNCATE on the audit trail.';
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
