-- 绿色通道: a named helper (帮办) per case, 容缺受理 materials promised for later, and the
-- notifications a helper (or applicant) receives for every step.

ALTER TABLE cases ADD COLUMN helper_id text;

CREATE TABLE case_materials (
  case_id     uuid NOT NULL REFERENCES cases (id),
  code        text NOT NULL,
  name        text NOT NULL,
  status      text NOT NULL CHECK (status IN ('promised', 'supplied')),
  promised_by timestamptz,
  supplied_at timestamptz,
  PRIMARY KEY (case_id, code)
);

CREATE TABLE notifications (
  id          bigserial PRIMARY KEY,
  recipient   text NOT NULL,
  case_id     uuid NOT NULL REFERENCES cases (id),
  event_seq   integer NOT NULL,
  type        text NOT NULL,
  payload     jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL,
  read_at     timestamptz,
  UNIQUE (recipient, case_id, event_seq)
);
CREATE INDEX notifications_recipient ON notifications (recipient, created_at DESC) WHERE read_at IS NULL;
