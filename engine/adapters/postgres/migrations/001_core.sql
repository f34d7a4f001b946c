-- Core schema of the runtime: organisation, deployed definitions, cases and everything a case
-- accumulates. Timestamps are timestamptz; the session time zone is Asia/Shanghai.

CREATE TABLE regions (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  level       text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township')),
  parent_code text REFERENCES regions (code)
);

CREATE TABLE departments (
  id          text PRIMARY KEY,             -- '<region code>:<kind>', e.g. '990121:xf'
  region_code text NOT NULL REFERENCES regions (code),
  kind        text NOT NULL,
  name        text NOT NULL,
  UNIQUE (region_code, kind)
);

-- 法定/承诺时限 are counted on this calendar; region overrides add local holidays or workdays.
CREATE TABLE calendar_overrides (
  region_code text NOT NULL REFERENCES regions (code),
  day         date NOT NULL,
  working     boolean NOT NULL,
  name        text NOT NULL,
  PRIMARY KEY (region_code, day)
);

-- A deployed version is immutable: running cases keep theirs, new cases take the latest.
CREATE TABLE definitions (
  id             bigserial PRIMARY KEY,
  item_code      text NOT NULL,
  version        integer NOT NULL,
  name           text NOT NULL,
  xml            text NOT NULL,
  source_context jsonb NOT NULL,
  item           jsonb NOT NULL,
  catalogue      jsonb,
  deployed_by    text,
  deployed_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (item_code, version)
);

CREATE TABLE cases (
  id             uuid PRIMARY KEY,
  case_number    text NOT NULL UNIQUE,
  definition_id  bigint NOT NULL REFERENCES definitions (id),
  item_code      text NOT NULL,
  region_code    text NOT NULL REFERENCES regions (code),
  applicant_id   text NOT NULL,
  green          boolean NOT NULL DEFAULT false,
  form           text NOT NULL,
  status         text NOT NULL CHECK (status IN ('running', 'completed', 'returned', 'cancelled')),
  accepted_at    timestamptz,
  due_at         timestamptz,
  due_provisional boolean NOT NULL DEFAULT false,
  paused_at      timestamptz,
  pause_reason   text,
  engine_state   jsonb,
  version        integer NOT NULL DEFAULT 0,
  event_seq      integer NOT NULL DEFAULT 0,    -- last case_events.seq, kept on the locked row
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  ended_at       timestamptz
);
CREATE INDEX cases_applicant ON cases (applicant_id, created_at DESC);
CREATE INDEX cases_region_status ON cases (region_code, status);

-- One row per waiting user task (per participant for a joint review).
CREATE TABLE tasks (
  id              uuid PRIMARY KEY,
  case_id         uuid NOT NULL REFERENCES cases (id),
  element_id      text NOT NULL,
  execution_id    text NOT NULL,
  kind            text NOT NULL,
  round           integer NOT NULL DEFAULT 1,
  department_id   text REFERENCES departments (id),
  level           text,
  assignee        text,
  lead            boolean NOT NULL DEFAULT false,
  status          text NOT NULL CHECK (status IN ('open', 'signed', 'done', 'cancelled')),
  green           boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL,
  sign_due_at     timestamptz,
  due_at          timestamptz,
  signed_at       timestamptz,
  completed_at    timestamptz,
  outcome         jsonb,
  UNIQUE (case_id, execution_id)
);
CREATE INDEX tasks_case ON tasks (case_id) WHERE status IN ('open', 'signed');
CREATE INDEX tasks_inbox ON tasks (department_id, status, due_at) WHERE status IN ('open', 'signed');

-- 意见: given by a department or recorded by default (basis), never updated.
CREATE TABLE opinions (
  id            bigserial PRIMARY KEY,
  case_id       uuid NOT NULL REFERENCES cases (id),
  task_id       uuid NOT NULL UNIQUE REFERENCES tasks (id),
  element_id    text NOT NULL,
  round         integer NOT NULL,
  department_id text REFERENCES departments (id),
  decision      text NOT NULL CHECK (decision IN ('approve', 'reject', 'supplement')),
  basis         text NOT NULL CHECK (basis IN ('given', 'timeout', 'inaction', 'unsigned', 'absence')),
  reasons       jsonb NOT NULL DEFAULT '[]',
  conditions    jsonb NOT NULL DEFAULT '[]',
  materials     jsonb NOT NULL DEFAULT '[]',
  given_by      text,
  given_at      timestamptz NOT NULL
);
CREATE INDEX opinions_case ON opinions (case_id);

-- 问责记录: every default consent names the department that let its limit pass.
CREATE TABLE accountability_records (
  id            bigserial PRIMARY KEY,
  case_id       uuid NOT NULL REFERENCES cases (id),
  task_id       uuid NOT NULL REFERENCES tasks (id),
  department_id text REFERENCES departments (id),
  level         text,
  basis         text NOT NULL,
  limit_at      timestamptz NOT NULL,
  recorded_at   timestamptz NOT NULL,
  UNIQUE (task_id, basis)
);
CREATE INDEX accountability_department ON accountability_records (department_id, recorded_at);

-- Append-only: the source of tracking, supervision and realtime.
CREATE TABLE case_events (
  id       bigserial PRIMARY KEY,
  case_id  uuid NOT NULL REFERENCES cases (id),
  seq      integer NOT NULL,
  type     text NOT NULL,
  task_id  uuid,
  payload  jsonb NOT NULL DEFAULT '{}',
  at       timestamptz NOT NULL,
  UNIQUE (case_id, seq)
);

-- Every deadline, warning and reminder of a case. The agenda job keyed (case, key) wakes the
-- case; this row decides whether the wake still applies, so a timer takes effect at most once.
CREATE TABLE case_timers (
  case_id        uuid NOT NULL REFERENCES cases (id),
  key            text NOT NULL,
  kind           text NOT NULL,
  task_id        uuid,
  due_at         timestamptz NOT NULL,
  provisional    boolean NOT NULL DEFAULT false,
  remaining_days integer,                     -- set while the case clock is stopped
  fired_at       timestamptz,
  cancelled_at   timestamptz,
  PRIMARY KEY (case_id, key)
);
CREATE INDEX case_timers_pending ON case_timers (due_at)
  WHERE fired_at IS NULL AND cancelled_at IS NULL AND remaining_days IS NULL;

-- Idempotency: a repeated request id returns the first result.
CREATE TABLE command_log (
  request_id  text PRIMARY KEY,
  case_id     uuid,
  command     text NOT NULL,
  result      jsonb NOT NULL,
  at          timestamptz NOT NULL
);

CREATE SEQUENCE case_number_seq;
