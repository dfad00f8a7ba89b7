"""How search compares names: without accents, case, spaces or punctuation, and with Hangul kept whole."""

from __future__ import annotations

import unicodedata

# Punctuation that company names spell inconsistently ("AT&T", "Amazon.com", "Coca-Cola", "McDonald's").
_DROPPED = frozenset(" .,&'-·")


def search_key(text: str) -> str:
    """`text` folded for matching: "Nestlé S.A." -> "nestlesa", "마이크로 소프트" -> "마이크로소프트".

    NFKD splits accented letters into a base letter and combining marks, which are dropped; it also splits each
    Hangul syllable into its jamo (letters, not marks), so NFC afterwards puts the syllables back together and a
    Korean query compares with a Korean name syllable by syllable.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    unaccented = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = unicodedata.normalize("NFC", unaccented).casefold()
    return "".join(c for c in folded if not c.isspace() and c not in _DROPPED)
