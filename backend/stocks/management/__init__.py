"""Management commands of the stocks app."""
