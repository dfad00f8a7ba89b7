"""HTTP endpoints of the portfolios app (thin: validate, call a service or selector, serialise)."""
