-- Files an applicant uploads (申请材料, 补正材料): the bytes live on disk under DATA_DIR, named by
-- the upload id; here is what they are, whose they are and their sha256. A file becomes visible
-- to staff only once it is attached to a case they may read (case_files).
CREATE TABLE uploads (
  id          uuid PRIMARY KEY,
  owner_id    text NOT NULL REFERENCES users (id),
  file_name   text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  media_type  text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png', 'application/ofd')),
  size_bytes  integer NOT NULL CHECK (size_bytes > 0),
  sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  created_at  timestamptz NOT NULL
);
CREATE INDEX uploads_owner ON uploads (owner_id, created_at DESC);

-- Which file stands for which material of a case, given with the application or a 补正.
-- Append-only: what was handed in stays on record.
CREATE TABLE case_files (
  case_id      uuid NOT NULL REFERENCES cases (id),
  upload_id    uuid NOT NULL REFERENCES uploads (id),
  material     text NOT NULL CHECK (length(material) BETWEEN 1 AND 200),
  purpose      text NOT NULL CHECK (purpose IN ('application', 'supplement')),
  attached_by  text NOT NULL,
  attached_at  timestamptz NOT NULL,
  PRIMARY KEY (case_id, upload_id, material)
);
CREATE INDEX case_files_upload ON case_files (upload_id);

CREATE TRIGGER case_files_append_only BEFORE UPDATE OR DELETE ON case_files
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
