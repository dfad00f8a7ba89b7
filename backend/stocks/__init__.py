"""Stocks: securities, price bars, statements, providers and ingestion."""
