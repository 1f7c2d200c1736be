"""PostgreSQL versions of `sinoscope/store/migrations/` (same numbers and names, PostgreSQL dialect)."""
