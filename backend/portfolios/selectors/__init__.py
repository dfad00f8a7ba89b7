"""Read-side selectors of the portfolios app."""
