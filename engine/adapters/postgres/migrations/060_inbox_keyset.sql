-- 待办 a page at a time (keyset paging): a department's inbox is read in its order — green
-- first, then the nearest deadline (none last), the oldest task, the task id — straight off one
-- index, so the first page costs the same with 50 or 5,000 open tasks.
--
-- The order starts with the case's green flag, so it must be on the task row: tasks.green is set
-- from the case when a task is created, but a case can turn green (绿色通道) while its tasks are
-- open — also while paused, when the engine leaves its tasks alone. The trigger keeps the open
-- tasks equal to their case, whichever code path changes it.
UPDATE tasks t SET green = c.green
  FROM cases c
 WHERE c.id = t.case_id AND t.status IN ('open', 'signed') AND t.green IS DISTINCT FROM c.green;

CREATE FUNCTION open_tasks_follow_case_green() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tasks SET green = NEW.green
   WHERE case_id = NEW.id AND status IN ('open', 'signed') AND green IS DISTINCT FROM NEW.green;
  RETURN NULL;
END $$;

CREATE TRIGGER cases_green_to_open_tasks AFTER UPDATE OF green ON cases
  FOR EACH ROW WHEN (OLD.green IS DISTINCT FROM NEW.green) EXECUTE FUNCTION open_tasks_follow_case_green();

-- Ascending columns only, so that one row comparison `(…) > (cursor)` is the keyset condition:
-- NOT green puts green first; 'infinity' puts tasks without a deadline last (NULLS LAST).
CREATE INDEX tasks_inbox_order ON tasks (department_id, (NOT green), (coalesce(due_at, 'infinity'::timestamptz)), created_at, id)
  WHERE status IN ('open', 'signed');
