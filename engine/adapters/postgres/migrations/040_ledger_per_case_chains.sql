-- The ledger's one global chain serialised every commit that stored an opinion or a rating
-- (an advisory lock held until commit). From here on each case has its own hash chain, and a
-- chain of anchors ties all cases together:
--
--   * an entry links to the entry before it *in its case*: case_seq 1, 2, … and its hash is
--       sha256(case_seq|kind|source_key|case_id|content_hash|prev_hash)
--     (the formula of 011 with case_seq in place of seq; engine/ledger/ledger-chain.ts). Appends
--     to one case are serialised by a lock on that case only, which the command holds anyway.
--   * an anchor covers every entry written by transactions that had finished when it was taken
--     (transaction ids below the snapshot's xmin, so no later commit can fall into a covered
--     range) and hashes them in seq order; anchors chain among themselves. A removed entry or a
--     case chain cut short at its tail changes an anchor. The sweep and every verification take
--     an anchor; entries not yet anchored are covered by their case chain only.
--
-- Entries written before this migration keep their global chain (case_seq NULL) and are verified
-- as before; the first anchor covers them too.

ALTER TABLE ledger_entries ADD COLUMN case_seq integer;
-- Existing rows get 1 (a committed, finished id) without being rewritten; new rows their writer's id.
ALTER TABLE ledger_entries ADD COLUMN xid xid8 NOT NULL DEFAULT '1';
ALTER TABLE ledger_entries ALTER COLUMN xid SET DEFAULT pg_current_xact_id();
CREATE UNIQUE INDEX ledger_entries_case_chain ON ledger_entries (case_id, case_seq) WHERE case_seq IS NOT NULL;
CREATE INDEX ledger_entries_xid ON ledger_entries (xid, seq);

-- Global identity and order only (not hashed): gaps from rolled-back appends are harmless.
CREATE SEQUENCE ledger_entries_seq OWNED BY ledger_entries.seq;
SELECT setval('ledger_entries_seq', coalesce((SELECT max(seq) FROM ledger_entries), 0) + 1, false);

CREATE TABLE ledger_anchors (
  seq          bigint PRIMARY KEY,
  xid_from     xid8 NOT NULL,          -- covers entries with xid_from <= xid < xid_to
  xid_to       xid8 NOT NULL,
  entries      bigint NOT NULL,
  entries_hash text NOT NULL,          -- sha256 of the covered entries' entry_hash, concatenated in seq order
  prev_hash    text NOT NULL,
  anchor_hash  text NOT NULL,          -- sha256(seq|xid_from|xid_to|entries|entries_hash|prev_hash)
  anchored_at  timestamptz NOT NULL
);
CREATE TRIGGER ledger_anchors_append_only BEFORE UPDATE OR DELETE ON ledger_anchors
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE OR REPLACE FUNCTION ledger_append(p_kind text, p_source_key text, p_case_id uuid, p_opinion_id bigint, p_rating_case_id uuid,
                                         p_content text, p_at timestamptz) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  head_seq  integer;
  head_hash text;
  next_seq  integer;
  c_hash    text;
  e_hash    text;
BEGIN
  -- (1) one appender per case until this transaction ends; other cases never wait here
  PERFORM pg_advisory_xact_lock(7205215, hashtext(p_case_id::text));
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

-- Take an anchor over every entry of finished transactions not yet anchored; NULL when there is none.
CREATE FUNCTION ledger_anchor(p_at timestamptz) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  last      ledger_anchors;
  from_xid  xid8;
  to_xid    xid8;
  n         bigint;
  digest    text;
  next_seq  bigint;
  prev      text;
BEGIN
  -- anchors are taken one at a time (appends never take this lock)
  PERFORM pg_advisory_xact_lock(7205216);
  SELECT * INTO last FROM ledger_anchors ORDER BY seq DESC LIMIT 1;
  from_xid := coalesce(last.xid_to, '0'::xid8);
  -- every transaction below xmin has ended; a later statement's snapshot sees all of their commits
  to_xid := pg_snapshot_xmin(pg_current_snapshot());
  IF to_xid <= from_xid THEN RETURN NULL; END IF;
  SELECT count(*), encode(sha256(convert_to(coalesce(string_agg(entry_hash, '' ORDER BY seq), ''), 'UTF8')), 'hex')
    INTO n, digest FROM ledger_entries WHERE xid >= from_xid AND xid < to_xid;
  IF n = 0 THEN RETURN NULL; END IF;
  next_seq := coalesce(last.seq, 0) + 1;
  prev := coalesce(last.anchor_hash, repeat('0', 64));
  INSERT INTO ledger_anchors (seq, xid_from, xid_to, entries, entries_hash, prev_hash, anchor_hash, anchored_at)
  VALUES (next_seq, from_xid, to_xid, n, digest, prev,
          encode(sha256(convert_to(concat_ws('|', next_seq, from_xid, to_xid, n, digest, prev), 'UTF8')), 'hex'), p_at);
  RETURN next_seq;
END;
$$;
