-- Realtime across app nodes: @socket.io/postgres-adapter forwards broadcasts with NOTIFY and
-- stores the payloads over NOTIFY's 8000-byte limit (or binary) here. The table is the one the
-- adapter's README prescribes; the adapter deletes rows older than its cleanup interval.
CREATE TABLE IF NOT EXISTS socket_io_attachments (
    id          bigserial UNIQUE,
    created_at  timestamptz DEFAULT NOW(),
    payload     bytea
);
