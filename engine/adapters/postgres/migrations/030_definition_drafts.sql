-- A designer's work in progress on an item (新事项 or a new version): the BPMN and the catalogue
-- text (七公开) as last saved, not yet deployed and not necessarily valid. One draft per item,
-- shared by the designers; `revision` counts saves so a stale save is refused, not lost silently.
CREATE TABLE definition_drafts (
  item_code    text PRIMARY KEY CHECK (length(item_code) BETWEEN 1 AND 64),
  xml          text NOT NULL,
  name         text,                        -- the process name, when the XML shows one (for lists)
  catalogue    jsonb,
  revision     integer NOT NULL CHECK (revision >= 1),
  region_code  text NOT NULL REFERENCES regions (code),
  created_by   text NOT NULL REFERENCES users (id),
  created_at   timestamptz NOT NULL,
  saved_by     text NOT NULL REFERENCES users (id),
  saved_at     timestamptz NOT NULL
);
