"""Domain events sent by the ingestion service after its transaction commits.

Receivers (realtime push, alert evaluation, demo accounts) subscribe in their app's `ready()`;
the sender never knows them, so ingestion stays independent of portfolios and channels.
"""

from __future__ import annotations

from django.dispatch import Signal

# kwargs: symbol (str). Sent after a new quote for `symbol` is committed.
quote_stored = Signal()

# kwargs: symbol (str), interval ("daily" | "weekly"), last_date (datetime.date | None). Sent after bars are committed.
bars_stored = Signal()

# kwargs: symbol (str). Sent after a commit that changed the stock's data version or its source (any ingestion that
# wrote rows: bars, statements, splits, dividends); cached reads key on that version.
stock_data_changed = Signal()

# kwargs: symbols (list[str]). Sent by `load_demo_data` after the demo universe is stored.
demo_data_loaded = Signal()
