-- The per-case ledger lock (040) keyed by a 64-bit hash of the case id instead of a 32-bit one.
-- Two cases whose ids share a 32-bit hash appended one after the other; harmless while a lock
-- lasted one command, not since a deadline's writes are staged up to ten seconds before their
-- instant (staged-writes.ts) and hold it until then. (A single bigint key and a pair of int
-- keys are separate lock spaces in PostgreSQL, so the old and new keys never meet.)
CREATE OR REPLACE FUNCTION ledger_append(p_kind text, p_source_key text, p_case_id uuid, p_opinion_id bigint, p_rating_case_id uuid,
                                         p_content text, p_at timestamptz) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  head_seq  integer;
  head_hash text;
  next_seq  integer;
  c_hash    text;
  e_hash    text;
BEGIN
  -- (1) one appender per case until this transaction ends; other cases never wait here (a
  -- 64-bit key: with hashtext's 32 bits two cases could share a lock, and a deadline's writes
  -- staged seconds before its instant hold it until then)
  PERFORM pg_advisory_xact_lock(hashtextextended(p_case_id::text, 7205215));
  -- (2) the case's head, read after the lock (a new statement: it sees the last commit)
  SELECT case_seq, entry_hash INTO head_seq, head_hash FROM ledger_entries
   WHERE case_id = p_case_id AND case_seq IS NOT NULL ORDER BY case_seq DESC LIMIT 1;
  next_seq := coalesce(head_seq, 0) + 1;
  head_hash := coalesce(head_hash, repeat('0', 64));
  c_hash := encode(sha256(convert_to(p_content, 'UTF8')), 'hex');
  e_hash := encode(sha256(convert_to(concat_ws('|', next_seq, p_kind, p_source_key, p_case_id, c_hash, head_hash), 'UTF8')), 'hex');
  INSERT INTO ledger_entries (seq, case_seq, kind, source_key, case_id, opinion_id, rating_case_id, content, content_hash, prev_hash, entry_hash, recorded_at)
  VALUES (nextval('ledger_entries_seq'), next_seq, p_kind, p_source_key, p_case_id, p_opinion_id, p_rating_case_id, p_content, c_hash, head_hash, e_hash, p_at);
END;
$$;
