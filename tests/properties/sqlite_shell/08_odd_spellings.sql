-- Spellings other tools and old habits produce: sized integers, spaces inside type parentheses,
-- signed and parenthesized defaults, a reference without columns (the parent's primary key),
-- inline UNIQUE and CHECK, lower-case collation, a descending primary key.
CREATE TABLE parents (
  code VARCHAR ( 20 ) PRIMARY KEY DESC,
  weight int(11) NOT NULL DEFAULT +1,
  ratio double precision DEFAULT (0.5),
  label TEXT COLLATE nocase UNIQUE CHECK( label <> '' )
);
CREATE TABLE children (
  id INTEGER PRIMARY KEY,
  parent_code VARCHAR(20) REFERENCES parents ON DELETE CASCADE,
  born DATE DEFAULT CURRENT_DATE,
  nick TEXT DEFAULT 'it''s'
);
CREATE INDEX IF NOT EXISTS children_parent ON children (parent_code COLLATE NOCASE ASC);
