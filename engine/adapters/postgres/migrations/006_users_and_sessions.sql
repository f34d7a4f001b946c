-- People who use the platform, each scoped to a region and (staff) a department, and their
-- login sessions. Passwords are argon2id hashes; session and CSRF tokens are stored hashed.
CREATE TABLE users (
  id            text PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  display_name  text NOT NULL,
  role          text NOT NULL CHECK (role IN ('applicant', 'window', 'reviewer', 'lead', 'supervisor', 'designer', 'admin')),
  region_code   text NOT NULL REFERENCES regions (code),
  department_id text REFERENCES departments (id),
  demo          boolean NOT NULL DEFAULT false,
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (role NOT IN ('reviewer', 'lead') OR department_id IS NOT NULL)
);

CREATE TABLE sessions (
  token_hash  text PRIMARY KEY,
  user_id     text NOT NULL REFERENCES users (id),
  kind        text NOT NULL CHECK (kind IN ('cookie', 'bearer')),
  csrf_hash   text,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- 查询码: printed on the acceptance notice; with the case number it opens the public progress
-- lookup, which shows nothing personal. The window reprints it, so it is kept as issued.
ALTER TABLE cases ADD COLUMN query_code text;
