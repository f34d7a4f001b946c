-- Tamper-evident ledger: every opinion (given, or recorded by default) and every rating is
-- chained as it is inserted. Each entry keeps the canonical JSON of its source row, the SHA-256
-- of that JSON, the hash of the entry before it, and its own hash over
--   seq|kind|source_key|case_id|content_hash|prev_hash
-- (engine/ledger/ledger-chain.ts recomputes exactly this). A changed opinion or rating, a
-- changed or removed entry, breaks the chain at that entry.
--
-- Appends are serialized by a transaction-level advisory lock: the trigger takes it when the
-- opinion or rating is inserted and it is held until that transaction commits, so the head
-- read under it is the committed head and the chain never forks (seq is the primary key: a
-- REPEATABLE READ transaction that read a stale head fails instead of forking).

CREATE TABLE ledger_entries (
  seq            bigint PRIMARY KEY,
  kind           text NOT NULL CHECK (kind IN ('opinion', 'default-consent', 'rating')),
  source_key     text NOT NULL UNIQUE,                  -- 'opinion:<id>' | 'rating:<case id>'
  case_id        uuid NOT NULL,
  opinion_id     bigint UNIQUE REFERENCES opinions (id),
  rating_case_id uuid UNIQUE REFERENCES ratings (case_id),
  content        text NOT NULL,
  content_hash   text NOT NULL,
  prev_hash      text NOT NULL,
  entry_hash     text NOT NULL,
  recorded_at    timestamptz NOT NULL,
  CHECK ((opinion_id IS NULL) <> (rating_case_id IS NULL))
);
CREATE INDEX ledger_entries_case ON ledger_entries (case_id);

-- Canonical content: fixed fields, jsonb's deterministic text form, instants in UTC.
CREATE FUNCTION ledger_instant(t timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

CREATE FUNCTION ledger_opinion_content(o opinions) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', o.id, 'caseId', o.case_id, 'taskId', o.task_id, 'elementId', o.element_id, 'round', o.round,
    'departmentId', o.department_id, 'decision', o.decision, 'basis', o.basis, 'reasons', o.reasons,
    'conditions', o.conditions, 'materials', o.materials, 'givenBy', o.given_by, 'givenAt', ledger_instant(o.given_at))::text
$$;

CREATE FUNCTION ledger_rating_content(r ratings) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'caseId', r.case_id, 'applicantId', r.applicant_id, 'scale', r.scale, 'level', r.level, 'rank', r.rank,
    'dissatisfied', r.dissatisfied, 'comment', r.comment, 'aspects', r.aspects, 'verificationDue', r.verification_due,
    'ratedAt', ledger_instant(r.rated_at))::text
$$;

CREATE FUNCTION ledger_append(p_kind text, p_source_key text, p_case_id uuid, p_opinion_id bigint, p_rating_case_id uuid,
                              p_content text, p_at timestamptz) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  head_seq  bigint;
  head_hash text;
  next_seq  bigint;
  c_hash    text;
  e_hash    text;
BEGIN
  -- (1) one appender at a time until this transaction ends (arbitrary constant: "lianshen ledger")
  PERFORM pg_advisory_xact_lock(7205215);
  -- (2) the head, read after the lock: a new statement, so a new snapshot with the last commit
  SELECT seq, entry_hash INTO head_seq, head_hash FROM ledger_entries ORDER BY seq DESC LIMIT 1;
  next_seq := coalesce(head_seq, 0) + 1;
  head_hash := coalesce(head_hash, repeat('0', 64));
  -- (3) hash the content, then the entry
  c_hash := encode(sha256(convert_to(p_content, 'UTF8')), 'hex');
  e_hash := encode(sha256(convert_to(concat_ws('|', next_seq, p_kind, p_source_key, p_case_id, c_hash, head_hash), 'UTF8')), 'hex');
  INSERT INTO ledger_entries (seq, kind, source_key, case_id, opinion_id, rating_case_id, content, content_hash, prev_hash, entry_hash, recorded_at)
  VALUES (next_seq, p_kind, p_source_key, p_case_id, p_opinion_id, p_rating_case_id, p_content, c_hash, head_hash, e_hash, p_at);
END;
$$;

CREATE FUNCTION ledger_opinion_appended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ledger_append(CASE WHEN NEW.basis = 'given' THEN 'opinion' ELSE 'default-consent' END, 'opinion:' || NEW.id,
                        NEW.case_id, NEW.id, NULL, ledger_opinion_content(NEW), NEW.given_at);
  RETURN NULL;
END;
$$;

CREATE FUNCTION ledger_rating_appended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ledger_append('rating', 'rating:' || NEW.case_id, NEW.case_id, NULL, NEW.case_id, ledger_rating_content(NEW), NEW.rated_at);
  RETURN NULL;
END;
$$;

-- What was recorded before the ledger existed enters it first, in insertion order.
DO $$
DECLARE
  o opinions;
  r ratings;
BEGIN
  FOR o IN SELECT * FROM opinions ORDER BY id LOOP
    PERFORM ledger_append(CASE WHEN o.basis = 'given' THEN 'opinion' ELSE 'default-consent' END, 'opinion:' || o.id,
                          o.case_id, o.id, NULL, ledger_opinion_content(o), o.given_at);
  END LOOP;
  FOR r IN SELECT * FROM ratings ORDER BY rated_at, case_id LOOP
    PERFORM ledger_append('rating', 'rating:' || r.case_id, r.case_id, NULL, r.case_id, ledger_rating_content(r), r.rated_at);
  END LOOP;
END;
$$;

CREATE TRIGGER opinions_ledger AFTER INSERT ON opinions FOR EACH ROW EXECUTE FUNCTION ledger_opinion_appended();
CREATE TRIGGER ratings_ledger AFTER INSERT ON ratings FOR EACH ROW EXECUTE FUNCTION ledger_rating_appended();

CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
