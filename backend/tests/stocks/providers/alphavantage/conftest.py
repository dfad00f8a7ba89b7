"""Recorded Alpha Vantage answers (copied from ../shared/fixtures/alphavantage, origins in recordings/MANIFEST.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RECORDINGS = Path(__file__).resolve().parent / "recordings"


def recording_text(relative: str) -> str:
    return (RECORDINGS / relative).read_text(encoding="utf-8")


def recording_json(relative: str) -> Any:
    return json.loads(recording_text(relative))


def recordings(function: str, suffix: str | None = None) -> list[str]:
    """Every recording of one function (relative paths), optionally only JSON or only CSV bodies."""
    paths = sorted(p for p in (RECORDINGS / function).iterdir() if p.is_file())
    if suffix == "csv":
        paths = [p for p in paths if p.suffix == ".csv"]
    elif suffix == "json":
        paths = [p for p in paths if p.suffix != ".csv"]
    return [f"{function}/{p.name}" for p in paths]
