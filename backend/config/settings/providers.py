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
