-- Every way SQLite lets you quote a name, comments inside the CREATE text, named constraints.
CREATE TABLE "Order Items" (
  [item id] INTEGER NOT NULL,
  `order` INTEGER NOT NULL, -- a keyword as a column
  "qty""x" INTEGER NOT NULL DEFAULT (1) /* parenthesized default */,
  'note' TEXT,
  CONSTRAINT "pk items" PRIMARY KEY ([item id], `order`),
  CONSTRAINT qty_positive CHECK ("qty""x" > 0)
);
CREATE UNIQUE INDEX "uq note" ON "Order Items" ('note') WHERE 'note' IS NOT NULL;
CREATE INDEX lower_note ON "Order Items" (lower('note'));
