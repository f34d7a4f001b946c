-- A case's events are known by (case_id, seq), and always were: the timeline, the ratings and
-- every read find them so. The surrogate id (bigserial) was read by nothing, yet each event paid
-- a sequence step and an entry in its own index — an opinion one or two of them. (case_id, seq)
-- becomes the primary key (its index is built again once, here, as the key's own).
ALTER TABLE case_events DROP CONSTRAINT case_events_pkey;
ALTER TABLE case_events DROP CONSTRAINT case_events_case_id_seq_key;
ALTER TABLE case_events ADD CONSTRAINT case_events_pkey PRIMARY KEY (case_id, seq);
ALTER TABLE case_events DROP COLUMN id;
