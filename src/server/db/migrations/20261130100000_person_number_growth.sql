-- Person numbers past 99,999. The first default, 'C-' || lpad(nextval(...)::text, 5, '0'), cut
-- the sixth digit off (lpad also truncates), so the 100,000th person got C-10000 again and the
-- insert failed on the unique number. Numbers keep five digits up to C-99999 and then simply
-- grow: C-100000, C-100001, ...

CREATE FUNCTION next_person_number() RETURNS text
  LANGUAGE sql VOLATILE
  AS $$ SELECT 'C-' || lpad(n::text, greatest(5, length(n::text)), '0') FROM (SELECT nextval('person_number_seq') AS n) AS next $$;
COMMENT ON FUNCTION next_person_number() IS 'The next human identifier of a person: C-00001 … C-99999, then C-100000 and on (never truncated).';

ALTER TABLE person ALTER COLUMN number SET DEFAULT next_person_number();
