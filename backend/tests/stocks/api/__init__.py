"""Contract tests of the stocks read API."""
