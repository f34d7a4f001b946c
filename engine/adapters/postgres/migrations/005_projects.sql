-- A project (工程建设项目) groups the cases of one construction project; a key project
-- (重点项目) puts all of them on the green channel. A case accepted at a city window may name
-- the region where the project is sited, so tasks the city delegates down land there.
CREATE TABLE projects (
  id            uuid PRIMARY KEY,
  name          text NOT NULL,
  applicant_id  text NOT NULL,
  region_code   text NOT NULL REFERENCES regions (code),
  key_project   boolean NOT NULL DEFAULT false,
  helper_id     text,
  marked_by     text,
  marked_at     timestamptz,
  created_at    timestamptz NOT NULL
);
CREATE INDEX projects_applicant ON projects (applicant_id);

ALTER TABLE cases ADD COLUMN project_id uuid REFERENCES projects (id);
ALTER TABLE cases ADD COLUMN site_region_code text REFERENCES regions (code);
CREATE INDEX cases_project ON cases (project_id) WHERE project_id IS NOT NULL;
