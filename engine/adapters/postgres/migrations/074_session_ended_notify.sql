-- App nodes keep the sessions they have looked up in memory (api/auth/session-cache.ts), so a
-- request does not need a round trip to know who is calling. A session must still end on every
-- node the moment it ends anywhere: signing out (DELETE), any change to a session row, and any
-- change to its user (disabled = locked out, another role or department, deleted) are announced
-- here, whichever code or administrator made them, and every node forgets what it kept. The
-- notification leaves at commit, so nothing is announced that did not happen.
CREATE FUNCTION notify_session_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('ls_session_ended', '*');
  ELSIF TG_TABLE_NAME = 'sessions' THEN
    PERFORM pg_notify('ls_session_ended', 's:' || OLD.token_hash);
  ELSE
    PERFORM pg_notify('ls_session_ended', 'u:' || OLD.id);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER sessions_ended AFTER UPDATE OR DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION notify_session_ended();
CREATE TRIGGER sessions_truncated AFTER TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_session_ended();
CREATE TRIGGER users_changed AFTER UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION notify_session_ended();
CREATE TRIGGER users_truncated AFTER TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_session_ended();
