-- The engine state is rewritten by every command that moves the engine (≈ 20–26 KB of JSON for a
-- joint review). As jsonb, PostgreSQL parsed and pglz-compressed all of it on every write. It is
-- now stored as raw-deflate-compressed JSON (≈ 2 KB), compressed by the app; only the app reads
-- it. Kept in the row (MAIN: no out-of-line TOAST write for a few KB). Rows written before keep
-- their jsonb state until their next command.
ALTER TABLE cases ADD COLUMN engine_state_z bytea;
ALTER TABLE cases ALTER COLUMN engine_state_z SET STORAGE MAIN;
