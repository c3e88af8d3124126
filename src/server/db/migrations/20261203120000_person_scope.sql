-- Who may see a person, kept beside the person instead of worked out again in every query.
--
-- The rule: while a person has an open clientship, the office and caseworker of their open
-- clientships alone hold them; without one, the offices and caseworkers of all their clientships
-- and of every application they are on (as applicant or as a child) do. Checked per person it is
-- cheap, but a list in number order had to check it for every person it passed: an office whose
-- clients are not the first numbers read thousands of persons per page (seconds at 1,000,000).
-- Kept as rows of (person, holder), the list reads an office's persons straight from an index in
-- number order, and a single person's check is one index probe.
--
-- The rule is written here once, in refresh_person_scope; triggers on clientship, application
-- and application_child run it for the persons a statement changed, in the same transaction.
-- Break-the-glass grants expire with time and are checked where they are used (access/scope.ts).

CREATE TABLE person_scope (
  person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  holder text NOT NULL,
  number text NOT NULL,
  PRIMARY KEY (person_id, holder)
);
-- Numbers keep five digits up to C-99999 and then grow: ordered by length first, C-100000
-- follows C-99999.
CREATE INDEX person_scope_holder_number_idx ON person_scope (holder, length(number), number) INCLUDE (person_id);
CREATE INDEX person_number_order_idx ON person (length(number), number);
COMMENT ON TABLE person_scope IS 'Who holds a person: derived from clientships and applications by refresh_person_scope, kept by triggers; never written by the application.';
COMMENT ON COLUMN person_scope.person_id IS 'The person.';
COMMENT ON COLUMN person_scope.holder IS 'office:<office code> or caseworker:<staff user id>.';
COMMENT ON COLUMN person_scope.number IS 'The person''s number, copied so that an office''s persons are read in number order from the index.';

-- Planned afresh at every call (plan_cache_mode): a plan cached while the tables were small
-- (the first imports into a new register) reads whole tables once they are large, and the
-- embedded database has no autovacuum whose statistics would make it plan again.
CREATE FUNCTION refresh_person_scope(persons uuid[]) RETURNS void
  LANGUAGE plpgsql VOLATILE
  SET plan_cache_mode = force_custom_plan
  AS $$
BEGIN
  -- An import defers the refresh to its end (defer_person_scope): the persons are noted, and
  -- refreshed once each, instead of once per statement that touched them.
  IF current_setting('suoja.person_scope_deferred', true) = 'on' THEN
    INSERT INTO person_scope_pending SELECT unnest(persons);
    RETURN;
  END IF;
  -- Two transactions changing one person's records refresh one after the other: the second
  -- waits here and then (READ COMMITTED: a new snapshot per statement) sees the first's rows.
  PERFORM 1 FROM person WHERE id IN (SELECT unnest(persons)) ORDER BY id FOR NO KEY UPDATE;
  DELETE FROM person_scope WHERE person_id IN (SELECT unnest(persons));
  -- Joins rather than a subquery per person: one person (a clientship changed) is a few index
  -- reads, an import's hundred thousand are hash joins.
  INSERT INTO person_scope (person_id, holder, number)
  WITH changed AS (SELECT DISTINCT unnest(persons) AS id),
  open AS (SELECT DISTINCT cs.person_id FROM clientship cs JOIN changed ON changed.id = cs.person_id WHERE cs.end_date IS NULL),
  source AS (
    -- the open clientships alone, when there are any
    SELECT cs.person_id, cs.office_code, cs.caseworker_id FROM clientship cs JOIN changed ON changed.id = cs.person_id
    WHERE cs.end_date IS NULL OR NOT EXISTS (SELECT 1 FROM open WHERE open.person_id = cs.person_id)
    UNION ALL
    -- otherwise also the applications, as applicant or as a child on one
    SELECT ap.person_id, ap.office_code, ap.caseworker_id FROM application ap JOIN changed ON changed.id = ap.person_id
    WHERE NOT EXISTS (SELECT 1 FROM open WHERE open.person_id = ap.person_id)
    UNION ALL
    SELECT ac.person_id, ap.office_code, ap.caseworker_id FROM application_child ac JOIN changed ON changed.id = ac.person_id JOIN application ap ON ap.id = ac.application_id
    WHERE NOT EXISTS (SELECT 1 FROM open WHERE open.person_id = ac.person_id)
  )
  SELECT DISTINCT p.id, h.holder, p.number
  FROM source
  JOIN person p ON p.id = source.person_id
  CROSS JOIN LATERAL (VALUES ('office:' || source.office_code), ('caseworker:' || source.caseworker_id::text)) AS h (holder)
  WHERE h.holder IS NOT NULL;
END $$;
COMMENT ON FUNCTION refresh_person_scope(uuid[]) IS
  'The scope rule: writes again who holds each of these persons (person_scope) from their clientships and applications.';

-- A transaction that writes many persons' records (an import) defers the refresh: the persons
-- are noted in a temporary table and refreshed once each at the end.
CREATE FUNCTION defer_person_scope() RETURNS void
  LANGUAGE plpgsql
  AS $$
BEGIN
  CREATE TEMPORARY TABLE IF NOT EXISTS person_scope_pending (person_id uuid NOT NULL) ON COMMIT DROP;
  PERFORM set_config('suoja.person_scope_deferred', 'on', true);
END $$;
COMMENT ON FUNCTION defer_person_scope() IS 'Until refresh_deferred_person_scope() in this transaction, refresh_person_scope only notes its persons.';

CREATE FUNCTION refresh_deferred_person_scope() RETURNS void
  LANGUAGE plpgsql
  SET plan_cache_mode = force_custom_plan
  AS $$
BEGIN
  PERFORM set_config('suoja.person_scope_deferred', 'off', true);
  PERFORM refresh_person_scope(array(SELECT DISTINCT person_id FROM person_scope_pending));
  DELETE FROM person_scope_pending;
END $$;
COMMENT ON FUNCTION refresh_deferred_person_scope() IS 'Refreshes the persons noted since defer_person_scope() and ends the deferral.';

-- Statement-level triggers with the changed rows as transition tables: an import of thousands
-- of rows refreshes its persons once, not once per row.
CREATE FUNCTION person_scope_clientship_changed() RETURNS trigger
  LANGUAGE plpgsql
  SET plan_cache_mode = force_custom_plan
  AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_person_scope(array(SELECT DISTINCT person_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM refresh_person_scope(array(SELECT DISTINCT person_id FROM old_rows));
  ELSE
    PERFORM refresh_person_scope(array(
      SELECT o.person_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.person_id, o.office_code, o.caseworker_id, o.end_date IS NULL) IS DISTINCT FROM (n.person_id, n.office_code, n.caseworker_id, n.end_date IS NULL)
      UNION
      SELECT n.person_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.person_id, o.office_code, o.caseworker_id, o.end_date IS NULL) IS DISTINCT FROM (n.person_id, n.office_code, n.caseworker_id, n.end_date IS NULL)));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION person_scope_application_changed() RETURNS trigger
  LANGUAGE plpgsql
  SET plan_cache_mode = force_custom_plan
  AS $$
BEGIN
  -- An application holds its applicant and the children on it.
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_person_scope(array(
      SELECT person_id FROM new_rows UNION SELECT ac.person_id FROM application_child ac WHERE ac.application_id IN (SELECT id FROM new_rows)));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM refresh_person_scope(array(
      SELECT person_id FROM old_rows UNION SELECT ac.person_id FROM application_child ac WHERE ac.application_id IN (SELECT id FROM old_rows)));
  ELSE
    PERFORM refresh_person_scope(array(
      WITH changed AS (
        SELECT o.id, o.person_id AS old_person, n.person_id AS new_person FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE (o.person_id, o.office_code, o.caseworker_id) IS DISTINCT FROM (n.person_id, n.office_code, n.caseworker_id)
      )
      SELECT old_person FROM changed UNION SELECT new_person FROM changed
      UNION SELECT ac.person_id FROM application_child ac WHERE ac.application_id IN (SELECT id FROM changed)));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION person_scope_application_child_changed() RETURNS trigger
  LANGUAGE plpgsql
  SET plan_cache_mode = force_custom_plan
  AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_person_scope(array(SELECT DISTINCT person_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM refresh_person_scope(array(SELECT DISTINCT person_id FROM old_rows));
  ELSE
    PERFORM refresh_person_scope(array(SELECT person_id FROM old_rows UNION SELECT person_id FROM new_rows));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER person_scope_clientship_insert AFTER INSERT ON clientship REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION person_scope_clientship_changed();
CREATE TRIGGER person_scope_clientship_update AFTER UPDATE ON clientship REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION person_scope_clientship_changed();
CREATE TRIGGER person_scope_clientship_delete AFTER DELETE ON clientship REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION person_scope_clientship_changed();
CREATE TRIGGER person_scope_application_insert AFTER INSERT ON application REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION person_scope_application_changed();
CREATE TRIGGER person_scope_application_update AFTER UPDATE ON application REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION person_scope_application_changed();
CREATE TRIGGER person_scope_application_delete AFTER DELETE ON application REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION person_scope_application_changed();
CREATE TRIGGER person_scope_application_child_insert AFTER INSERT ON application_child REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION person_scope_application_child_changed();
CREATE TRIGGER person_scope_application_child_update AFTER UPDATE ON application_child REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION person_scope_application_child_changed();
CREATE TRIGGER person_scope_application_child_delete AFTER DELETE ON application_child REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION person_scope_application_child_changed();

-- The copied number follows the person's.
CREATE FUNCTION person_scope_number_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  UPDATE person_scope SET number = NEW.number WHERE person_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER person_scope_number AFTER UPDATE OF number ON person
  FOR EACH ROW WHEN (OLD.number IS DISTINCT FROM NEW.number) EXECUTE FUNCTION person_scope_number_changed();

-- The persons already in the register.
SELECT refresh_person_scope(array(SELECT id FROM person));
ANALYZE person_scope;
