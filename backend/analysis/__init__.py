"""Analysis: technical indicators, signals with track records, risk metrics (pure modules) and their API."""
