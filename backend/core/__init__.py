"""Cross-cutting pieces: symbol normalising, the error shape, health, logging filters."""
