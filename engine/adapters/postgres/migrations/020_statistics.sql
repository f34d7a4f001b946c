-- 统计 / 月度考评 / 预计办结: the reads of engine/statistics by period and by department.
-- Cases by acceptance instant (a period's cohort); finished department tasks by department
-- (their real latency, for bottlenecks and predictions); 问责记录 by month.
CREATE INDEX cases_accepted_at ON cases (accepted_at) WHERE accepted_at IS NOT NULL;
CREATE INDEX tasks_department_done ON tasks (department_id, completed_at) WHERE status = 'done' AND department_id IS NOT NULL;
CREATE INDEX cases_item_completed ON cases (item_code, ended_at) WHERE status = 'completed';
CREATE INDEX accountability_recorded_at ON accountability_records (recorded_at);
