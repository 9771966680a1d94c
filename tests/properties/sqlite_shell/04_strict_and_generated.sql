-- STRICT tables, generated columns (virtual and stored), expression defaults, a view and a
-- trigger (managed: inspected into the schema, planned like the tables).
CREATE TABLE measurements (
  id INTEGER PRIMARY KEY,
  celsius REAL NOT NULL,
  fahrenheit REAL GENERATED ALWAYS AS (celsius * 9 / 5 + 32) VIRTUAL,
  kelvin REAL AS (celsius + 273.15) STORED,
  taken TEXT NOT NULL DEFAULT (datetime('now'))
) STRICT;
CREATE VIEW warm AS SELECT * FROM measurements WHERE celsius > 25;
CREATE TRIGGER measurements_guard BEFORE INSERT ON measurements
  WHEN NEW.celsius < -273.15 BEGIN SELECT RAISE(ABORT, 'below absolute zero'); END;
INSERT INTO measurements (celsius) VALUES (21.5);
