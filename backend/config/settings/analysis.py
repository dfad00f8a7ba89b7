"""Analysis: the rate risk-adjusted returns are measured against (a setting, never a constant)."""

from __future__ import annotations

from config.settings.env import env

# Annual risk-free rate (a simple rate, 0.02 for 2%) that Sharpe and Sortino subtract, in the portfolio's risk
# statistics and the stock risk assessment alike; each names the rate it used.
RISK_FREE_RATE: float = env.float("RISK_FREE_RATE", default=0.02)
