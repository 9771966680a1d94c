-- Composite and named foreign keys with every action, deferrable, self reference.
CREATE TABLE regions (
  country TEXT NOT NULL,
  code TEXT NOT NULL,
  parent_country TEXT,
  parent_code TEXT,
  PRIMARY KEY (country, code),
  FOREIGN KEY (parent_country, parent_code) REFERENCES regions (country, code) ON DELETE SET NULL
);
CREATE TABLE stores (
  id INTEGER PRIMARY KEY,
  country TEXT,
  code TEXT,
  manager_id INTEGER,
  CONSTRAINT stores_region_fk FOREIGN KEY (country, code) REFERENCES regions (country, code)
    ON UPDATE CASCADE ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (manager_id) REFERENCES stores (id) ON DELETE SET DEFAULT
);
