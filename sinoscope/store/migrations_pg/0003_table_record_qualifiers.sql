-- Table records keep a per-unit denominator and a printed qualifier (as migrations/0003).

ALTER TABLE table_records ADD COLUMN per TEXT;
ALTER TABLE table_records ADD COLUMN approx TEXT;
CREATE INDEX facts_unit_kind ON facts(unit, kind);
