"""The chart specifications moved to `sinoscope.app.charts` (a JSON endpoint returns them as its page shows
them); this name stays for the imports that still use it."""

from sinoscope.app.charts import indicator_spec, snapshot_spec, timeline_spec, year_of

__all__ = ["indicator_spec", "snapshot_spec", "timeline_spec", "year_of"]
