-- 联审会: joint review meetings, their invitations and attendance (会议考勤). An absent invitee
-- gets an opinion on the meeting task with basis 'absence', so opinions and accountability
-- records are unique per task *and department*.

CREATE TABLE meetings (
  id           uuid PRIMARY KEY,
  case_id      uuid NOT NULL REFERENCES cases (id),
  task_id      uuid NOT NULL UNIQUE REFERENCES tasks (id),
  lead_id      text NOT NULL REFERENCES departments (id),
  scheduled_at timestamptz NOT NULL,
  place        text NOT NULL,
  status       text NOT NULL CHECK (status IN ('scheduled', 'closed')),
  decision     text CHECK (decision IN ('approved', 'rejected')),
  minutes      text,
  closed_at    timestamptz,
  created_at   timestamptz NOT NULL
);
CREATE INDEX meetings_case ON meetings (case_id);

CREATE TABLE meeting_attendance (
  meeting_id    uuid NOT NULL REFERENCES meetings (id),
  department_id text NOT NULL REFERENCES departments (id),
  present       boolean,                -- null until recorded
  recorded_at   timestamptz,
  PRIMARY KEY (meeting_id, department_id)
);
CREATE INDEX meeting_attendance_department ON meeting_attendance (department_id);

ALTER TABLE opinions DROP CONSTRAINT opinions_task_id_key;
ALTER TABLE opinions ADD CONSTRAINT opinions_task_department_key UNIQUE (task_id, department_id);
ALTER TABLE accountability_records DROP CONSTRAINT accountability_records_task_id_basis_key;
ALTER TABLE accountability_records ADD CONSTRAINT accountability_records_task_department_basis_key UNIQUE (task_id, department_id, basis);
