-- Case events, opinions and accountability records are the record of what happened: they are
-- only ever inserted. The database itself refuses to change or delete them.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER opinions_append_only BEFORE UPDATE OR DELETE ON opinions
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER accountability_append_only BEFORE UPDATE OR DELETE ON accountability_records
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
