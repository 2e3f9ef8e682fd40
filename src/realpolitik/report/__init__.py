"""Reports of measured series: charts an analyst can read at a glance (PNG and offline HTML)."""
