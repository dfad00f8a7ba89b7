"""Which model's prediction a symbol shows: the universe model, unless the symbol's own model earns its place.

Pure module (no Django): the rule reads the stored evaluations of the two predictions made from the same bars.
"""

from __future__ import annotations

from typing import Any

RULE = (
    "The universe model is the main model. A symbol's own model is shown instead only where it earns its place: "
    "its claim holds (beats_baseline) and the universe model's claim for that symbol does not, or both hold and "
    "its skill is higher. Without a universe prediction from the current bars, the symbol's own model is shown."
)


def per_symbol_earns_place(per_symbol: dict[str, Any], universe: dict[str, Any]) -> bool:
    """Whether the per-symbol model's record (`per_symbol` evaluation) beats the universe model's on this symbol."""
    own, main = bool(per_symbol.get("beats_baseline")), bool(universe.get("beats_baseline"))
    if own and not main:
        return True
    return own and main and float(per_symbol.get("skill", 0.0)) > float(universe.get("skill", 0.0))
