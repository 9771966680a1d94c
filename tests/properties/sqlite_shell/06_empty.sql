-- An empty database: no tables. Setting user_version makes the shell write the file at all.
PRAGMA user_version = 1;
