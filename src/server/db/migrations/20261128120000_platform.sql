-- The platform: the installation itself and the offices of the assistance system.

COMMENT ON TABLE kysely_migration IS 'Schema migrations applied to this database, by file name (kept by the migrator).';
COMMENT ON COLUMN kysely_migration.name IS 'File name of the applied migration, without .sql.';
COMMENT ON COLUMN kysely_migration.timestamp IS 'When the migration was applied (ISO 8601 text).';
COMMENT ON TABLE kysely_migration_lock IS 'The lock that keeps two processes from migrating at once.';
COMMENT ON COLUMN kysely_migration_lock.id IS 'Lock name.';
COMMENT ON COLUMN kysely_migration_lock.is_locked IS '1 while a migration runs.';

CREATE TABLE installation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  singleton boolean NOT NULL DEFAULT true UNIQUE CHECK (singleton),
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE installation IS 'One row: this installation of Suoja, created with the database.';
COMMENT ON COLUMN installation.id IS 'Random identifier of the installation; names backups and releases.';
COMMENT ON COLUMN installation.singleton IS 'Always true; keeps the table to one row.';
COMMENT ON COLUMN installation.created_at IS 'When the database was created.';
INSERT INTO installation DEFAULT VALUES;

CREATE TABLE office (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]*$'),
  name_fi text NOT NULL CHECK (length(name_fi) BETWEEN 1 AND 200),
  name_sv text NOT NULL CHECK (length(name_sv) BETWEEN 1 AND 200),
  name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
  retired boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE office IS 'Offices of the assistance system (admin-editable code list); offices in use are retired, never deleted.';
COMMENT ON COLUMN office.code IS 'Stable identifier of the office, e.g. helsinki.';
COMMENT ON COLUMN office.name_fi IS 'Name of the office in Finnish.';
COMMENT ON COLUMN office.name_sv IS 'Name of the office in Swedish.';
COMMENT ON COLUMN office.name_en IS 'Name of the office in English.';
COMMENT ON COLUMN office.retired IS 'True when the office no longer takes new records.';
COMMENT ON COLUMN office.created_at IS 'When the office was added.';

INSERT INTO office (code, name_fi, name_sv, name_en) VALUES
  ('lappeenranta', 'Lappeenranta', 'Villmanstrand', 'Lappeenranta'),
  ('helsinki', 'Helsinki', 'Helsingfors', 'Helsinki'),
  ('tampere', 'Tampere', 'Tammerfors', 'Tampere');
