"""Market-data providers: which one, and Alpha Vantage's limits (settings, never constants)."""

from __future__ import annotations

from config.settings.env import env

ALPHA_VANTAGE_API_KEY: str = env.str("ALPHA_VANTAGE_API_KEY", default="")
ALPHA_VANTAGE_BASE_URL: str = env.str("ALPHA_VANTAGE_BASE_URL", default="https://www.alphavantage.co")
ALPHA_VANTAGE_CALLS_PER_MINUTE: int = env.int("ALPHA_VANTAGE_CALLS_PER_MINUTE", default=5)
ALPHA_VANTAGE_CALLS_PER_DAY: int = env.int("ALPHA_VANTAGE_CALLS_PER_DAY", default=25)
ALPHA_VANTAGE_MIN_INTERVAL_SECONDS: float = env.float("ALPHA_VANTAGE_MIN_INTERVAL_SECONDS", default=1.0)
ALPHA_VANTAGE_TIMEOUT_SECONDS: float = env.float("ALPHA_VANTAGE_TIMEOUT_SECONDS", default=15.0)
MARKET_DATA_PROVIDER: str = env.str(
    "MARKET_DATA_PROVIDER", default="alphavantage" if ALPHA_VANTAGE_API_KEY else "simulated"
)
SIMULATED_SEED: int = env.int("SIMULATED_SEED", default=42)
DEMO_CLOCK: bool = env.bool("DEMO_CLOCK", default=False)

# Intraday (5-minute) bars: kept this many days, then pruned by the stocks-intraday-prune beat entry.
INTRADAY_RETENTION_DAYS: int = env.int("INTRADAY_RETENTION_DAYS", default=30)
# A symbol counts as "being viewed" this long after its 1D or 5D chart was last requested.
INTRADAY_VIEWING_MINUTES: int = env.int("INTRADAY_VIEWING_MINUTES", default=15)

# Every Alpha Vantage read ends within this many seconds, however slowly the body arrives (the connect and read
# timeouts above bound each wait for a byte, not the whole answer).
ALPHA_VANTAGE_TOTAL_DEADLINE_SECONDS: float = env.float("ALPHA_VANTAGE_TOTAL_DEADLINE_SECONDS", default=30.0)

# Symbol lookups: a search or validate the local catalogue cannot answer queues one provider search. Anonymous
# callers share one small budget (a rotating IP must not buy more); each signed-in user has their own.
SYMBOL_LOOKUPS_ANONYMOUS_PER_MINUTE: int = env.int("SYMBOL_LOOKUPS_ANONYMOUS_PER_MINUTE", default=1)
SYMBOL_LOOKUPS_ANONYMOUS_PER_DAY: int = env.int("SYMBOL_LOOKUPS_ANONYMOUS_PER_DAY", default=3)
SYMBOL_LOOKUPS_USER_PER_MINUTE: int = env.int("SYMBOL_LOOKUPS_USER_PER_MINUTE", default=3)
SYMBOL_LOOKUPS_USER_PER_DAY: int = env.int("SYMBOL_LOOKUPS_USER_PER_DAY", default=20)
# Share of the provider's daily quota kept for the refresh planner: lookups stop while fewer calls than this are left.
SYMBOL_LOOKUP_PLANNER_RESERVE: float = env.float("SYMBOL_LOOKUP_PLANNER_RESERVE", default=0.6)
