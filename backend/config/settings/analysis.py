"""Analysis: the rate risk-adjusted returns are measured against (a setting, never a constant)."""

from __future__ import annotations

from config.settings.env import env

# Annual risk-free rate (a simple rate, e.g. 0.04 for 4%) that Sharpe and Sortino subtract; the risk assessment
# names the rate it used. 0 by default, empyrical's default, so no market rate is assumed.
RISK_FREE_RATE: float = env.float("RISK_FREE_RATE", default=0.0)
