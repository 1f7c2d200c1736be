-- Table records keep what a cell's header or the cell itself says beyond unit and scale:
-- a per-unit denominator ("per 10,000 persons") and a printed qualifier (">7" → "more than").

ALTER TABLE table_records ADD COLUMN per TEXT;
ALTER TABLE table_records ADD COLUMN approx TEXT;
CREATE INDEX facts_unit_kind ON facts(unit, kind);
