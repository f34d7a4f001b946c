-- The sign-in attempt counters also count public lookups (公开查询: a 6-digit query code must not
-- be guessable by trying, and N worker processes must not allow N times the limit), so the
-- table gets a name that says what it holds: fixed windows of attempts per hashed key.
ALTER TABLE sign_in_attempts RENAME TO attempt_windows;
ALTER INDEX sign_in_attempts_resets_at RENAME TO attempt_windows_resets_at;
