"""Tests of the portfolios app: holdings, ledger, returns, watchlists, alerts."""
