-- Published statistics releases: frozen figures, reproducible after records are erased.

CREATE TABLE statistics_release (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  year integer NOT NULL CHECK (year BETWEEN 2006 AND 2100),
  half smallint CHECK (half = 1),
  threshold integer NOT NULL CHECK (threshold >= 1),
  languages text[] NOT NULL CHECK (languages <@ ARRAY['fi', 'sv', 'en']::text[] AND cardinality(languages) >= 1),
  data_hash text NOT NULL,
  figures jsonb NOT NULL,
  organisation jsonb NOT NULL,
  confirmed_small_counts text[] NOT NULL DEFAULT '{}',
  published_at timestamptz NOT NULL,
  published_by uuid NOT NULL REFERENCES staff_user (id)
);
CREATE INDEX statistics_release_period_idx ON statistics_release (year, half);
COMMENT ON TABLE statistics_release IS 'A published overview, frozen: its figures, threshold, languages and data hash are kept as published.';
COMMENT ON COLUMN statistics_release.id IS 'Identifier of the release.';
COMMENT ON COLUMN statistics_release.year IS 'Year of the overview.';
COMMENT ON COLUMN statistics_release.half IS '1 for the half-year overview (1 January to 30 June), null for the year.';
COMMENT ON COLUMN statistics_release.threshold IS 'Disclosure threshold T used (at least 1: threshold 0 is for internal use only).';
COMMENT ON COLUMN statistics_release.languages IS 'Languages published: fi, sv, en.';
COMMENT ON COLUMN statistics_release.data_hash IS 'sha256 of the non-identifying facts the figures were computed from.';
COMMENT ON COLUMN statistics_release.figures IS 'The figures as published (figure id → value, share, members, suppressed).';
COMMENT ON COLUMN statistics_release.organisation IS 'The introduction and contacts per language as published.';
COMMENT ON COLUMN statistics_release.confirmed_small_counts IS 'Figure ids below the threshold that the statistician confirmed for publication.';
COMMENT ON COLUMN statistics_release.published_at IS 'When it was published.';
COMMENT ON COLUMN statistics_release.published_by IS 'The statistician who published it.';

CREATE OR REPLACE FUNCTION statistics_release_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'statistics_release is frozen once published';
END;
$$;
COMMENT ON FUNCTION statistics_release_frozen() IS 'Refuses changes to published releases.';
CREATE TRIGGER statistics_release_no_update BEFORE UPDATE ON statistics_release FOR EACH ROW EXECUTE FUNCTION statistics_release_frozen();
