-- The same blog a release later: a column added, one widened, an index changed, a tag table.
CREATE TABLE authors (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email VARCHAR(200) NOT NULL UNIQUE,
  name TEXT NOT NULL DEFAULT 'anonymous',
  joined TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  bio TEXT
);
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES authors(id) ON DELETE CASCADE,
  title TEXT NOT NULL CHECK (length(title) > 0),
  body TEXT,
  published BOOLEAN NOT NULL DEFAULT 0
);
CREATE INDEX posts_author ON posts(author_id, published DESC);
CREATE TABLE tags (
  post_id INTEGER NOT NULL REFERENCES posts(id),
  tag TEXT NOT NULL COLLATE NOCASE,
  PRIMARY KEY (post_id, tag)
) WITHOUT ROWID;
