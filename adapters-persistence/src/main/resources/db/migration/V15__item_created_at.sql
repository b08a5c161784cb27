-- When each item entered the catalogue: a new arrival is told from an old item nobody has touched yet
-- by it (the content component's new-item weight). NULL for items stored before this migration and for
-- imported items without one: their creation time is not known.
ALTER TABLE items ADD COLUMN created_at DATETIME(6) NULL;
