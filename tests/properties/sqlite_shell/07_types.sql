-- Declared types as other tools write them.
CREATE TABLE typed (
  a INT PRIMARY KEY,
  b BIGINT,
  c SMALLINT,
  d DECIMAL(10, 2),
  e NUMERIC,
  f DOUBLE,
  g FLOAT,
  h REAL,
  i CHAR(2),
  j VARCHAR(255),
  k BLOB,
  l DATE,
  m DATETIME,
  n BOOLEAN,
  o JSON,
  p UUID,
  q
);
