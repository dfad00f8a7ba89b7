"""Simulated market data: a deterministic demo universe (see `provider`)."""
