-- tasks.green is written by the case store with the task itself (pg-case-store.ts: every task
-- it saves carries its case's flag, and the command that puts a case on the green channel marks
-- that case's open tasks, also while paused, when the engine leaves them alone). The trigger of
-- 060 did the same behind the store's back, once more per case update; it goes.
DROP TRIGGER IF EXISTS cases_green_to_open_tasks ON cases;
DROP FUNCTION IF EXISTS open_tasks_follow_case_green();

-- Whatever ran before this migration, every open task starts equal to its case.
UPDATE tasks t SET green = c.green
  FROM cases c
 WHERE c.id = t.case_id AND t.status IN ('open', 'signed') AND t.green IS DISTINCT FROM c.green;
