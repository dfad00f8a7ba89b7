"""Trained models on disk: LightGBM's own text format under settings.MODEL_DIR, each file with its card beside it
(`<name>.card.json`), named by model type, version and training batch, and pruned to the newest few."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from django.conf import settings

# Per model type (universe), or per model type and symbol: older files and their cards are removed after a run.
MODEL_FILES_KEPT = 10


def model_dir(*parts: str) -> Path:
    """settings.MODEL_DIR (or a folder under it), created on first use."""
    path = Path(settings.MODEL_DIR).joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path


def model_text_save(path: Path, text: str) -> dict[str, Any]:
    """Write a model in LightGBM's text format; its name, size and SHA-256 go into the card."""
    path.write_text(text)
    data = path.read_bytes()
    return {
        "name": path.name,
        "format": "lightgbm text model",
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def card_save(model_path: Path, card: dict[str, Any]) -> None:
    model_path.with_suffix(".card.json").write_text(json.dumps(card, indent=2, default=str))


def model_files_prune(folder: Path, pattern: str) -> None:
    """Keep the newest MODEL_FILES_KEPT model files matching `pattern` in `folder`, with their cards."""
    files = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[MODEL_FILES_KEPT:]:
        old.unlink(missing_ok=True)
        old.with_suffix(".card.json").unlink(missing_ok=True)
