-- A command whose engine and case row were cached at version v writes without locking first:
-- BEGIN, UPDATE cases … WHERE version = v, its other writes and COMMIT travel in one flight.
-- When another command (on any node) moved the case on, the guarded UPDATE matches nothing and
-- this raises, aborting the transaction before any other write of the flight takes effect; the
-- runtime then runs the command again on the locked, freshly read case.
CREATE FUNCTION case_version_conflict(p_case_id uuid, p_version integer) RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION 'case % is no longer at version %', p_case_id, p_version USING ERRCODE = 'LS409';
END;
$$;
