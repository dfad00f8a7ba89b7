"""Portfolios: holdings, transactions, watchlists, alerts and portfolio history (URLs under /api/v1/users/)."""
