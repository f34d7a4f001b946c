-- Every opinion appends a ledger entry, and every index of ledger_entries gets an entry with it.
-- Three of the seven answered nothing the others do not:
--   * (case_id): the case chains are read through (case_id, case_seq); entries of the old global
--     chain (case_seq NULL) are read by seq.
--   * UNIQUE (opinion_id) and UNIQUE (rating_case_id): ledger_append derives source_key from the
--     same source ('opinion:' || id, 'rating:' || case_id) and source_key is unique, so each is
--     still one entry per source; the search for unledgered sources goes by source_key
--     (pg-ledger-store.ts). The foreign keys stay; opinions and ratings are append-only, so no
--     delete ever has to look their entries up.
DROP INDEX ledger_entries_case;
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_opinion_id_key;
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_rating_case_id_key;
