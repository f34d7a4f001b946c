-- Sign-in attempts counted per key (address + username, username, address) in fixed windows, so
-- a lock-out holds on every app process sharing this database and survives a restart: counted in
-- one process's memory, each of N workers would allow N times the limit, and a restart would
-- forgive every guess. Keys are SHA-256 hashes: the table never holds typed usernames (often a
-- password typed in the wrong field) or addresses.
CREATE TABLE sign_in_attempts (
  key        text PRIMARY KEY CHECK (length(key) <= 100),
  hits       integer NOT NULL CHECK (hits >= 0),
  resets_at  timestamptz NOT NULL
);
-- Expired windows are deleted now and then; this finds them without reading the whole table.
CREATE INDEX sign_in_attempts_resets_at ON sign_in_attempts (resets_at);
