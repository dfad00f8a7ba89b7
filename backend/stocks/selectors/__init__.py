"""Reads for the stocks API, one module per concern; each returns typed objects that stocks.serializers renders.

prices (stock versions, windows, bars, chart), overview, statements, popular, indicators, refresh (status).
"""
