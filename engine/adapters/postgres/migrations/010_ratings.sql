-- 一事一评价: one rating per ended case, and the archive record of every case whose rating is
-- settled (rated, or its rating window closed unrated). Both follow from the case's own events
-- (`rated`, `archived`), inserted by the rating command in its case transaction: the trigger
-- below writes the rows in that same transaction, so event and row cannot disagree.

CREATE TABLE ratings (
  case_id          uuid PRIMARY KEY REFERENCES cases (id),   -- once per case
  applicant_id     text NOT NULL,
  scale            text NOT NULL,                            -- 'national-5' | 'four-level' | …
  level            text NOT NULL,                            -- 非常满意 … 非常不满意
  rank             integer NOT NULL CHECK (rank >= 1),       -- 1 = best level of the scale
  dissatisfied     boolean NOT NULL,                         -- 不满意 or worse
  comment          text,
  aspects          jsonb NOT NULL DEFAULT '{}',              -- aspect → level
  verification_due boolean NOT NULL,                         -- 核查 to be opened
  rated_at         timestamptz NOT NULL
);
CREATE INDEX ratings_rated_at ON ratings (rated_at);
CREATE INDEX ratings_verification_due ON ratings (rated_at) WHERE verification_due;

CREATE TABLE case_archive (
  case_id     uuid PRIMARY KEY REFERENCES cases (id),
  reason      text NOT NULL CHECK (reason IN ('rated', 'window-closed')),
  archived_at timestamptz NOT NULL
);
CREATE INDEX case_archive_at ON case_archive (archived_at);

CREATE FUNCTION rating_events_to_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.type = 'rated' THEN
    INSERT INTO ratings (case_id, applicant_id, scale, level, rank, dissatisfied, comment, aspects, verification_due, rated_at)
    VALUES (NEW.case_id, NEW.payload->>'by', NEW.payload->>'scale', NEW.payload->>'level', (NEW.payload->>'rank')::integer,
            (NEW.payload->>'dissatisfied')::boolean, NEW.payload->>'comment', coalesce(NEW.payload->'aspects', '{}'),
            (NEW.payload->>'verificationDue')::boolean, NEW.at);
  ELSE
    INSERT INTO case_archive (case_id, reason, archived_at) VALUES (NEW.case_id, NEW.payload->>'reason', NEW.at);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER case_events_ratings AFTER INSERT ON case_events
  FOR EACH ROW WHEN (NEW.type IN ('rated', 'archived')) EXECUTE FUNCTION rating_events_to_rows();

-- A rating and an archive record are history, like opinions (refuse_change: migration 004).
CREATE TRIGGER ratings_append_only BEFORE UPDATE OR DELETE ON ratings
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER case_archive_append_only BEFORE UPDATE OR DELETE ON case_archive
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
