"""How many users hold or watch each stock: an interface stocks declares and the portfolios app implements.

The refresh planner and the popular list need these counts, but stocks must not import portfolios (dependencies
flow core <- stocks <- portfolios). `portfolios` registers its implementation in `ready()`; without it (stocks on
its own) nobody holds or watches anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol


class SymbolInterest(Protocol):
    def held_counts(self) -> Mapping[str, int]:
        """Users per symbol with a position above zero."""
        ...

    def watched_counts(self) -> Mapping[str, int]:
        """Users per symbol on their watchlist."""
        ...


class _Nobody:
    def held_counts(self) -> Mapping[str, int]:
        return {}

    def watched_counts(self) -> Mapping[str, int]:
        return {}


_registered: SymbolInterest = _Nobody()


def symbol_interest_register(implementation: SymbolInterest) -> None:
    global _registered
    _registered = implementation


def symbol_interest() -> SymbolInterest:
    return _registered


class CurrencyInterest(Protocol):
    def currencies_needed(self) -> set[str]:
        """ISO 4217 codes someone needs rates for: the trading currencies of stocks in any user's ledger (history
        needs them after a sale too) and the base currencies of those users."""
        ...


class _NoCurrencies:
    def currencies_needed(self) -> set[str]:
        return set()


_currencies: CurrencyInterest = _NoCurrencies()


def currency_interest_register(implementation: CurrencyInterest) -> None:
    global _currencies
    _currencies = implementation


def currency_interest() -> CurrencyInterest:
    return _currencies
