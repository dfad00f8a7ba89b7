"""Import contracts (`lint-imports`, [tool.importlinter]): the tree keeps them and a wrong import breaks them."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

BACKEND_DIR = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
CONFIG = tomllib.loads((BACKEND_DIR / "pyproject.toml").read_text())["tool"]["importlinter"]
LAYERS = next(c["name"] for c in CONFIG["contracts"] if c["type"] == "layers")

pytestmark = pytest.mark.timeout(60)


def lint_imports(cwd: Path) -> tuple[int, str]:
    done = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )
    # The report wraps long contract names; compare with whitespace collapsed.
    return done.returncode, " ".join((done.stdout + done.stderr).split())


def backend_copy(target: Path) -> Path:
    """The backend's packages (.py files only) and its pyproject.toml, where lint-imports can run on them."""
    for package in CONFIG["root_packages"]:
        for source in (BACKEND_DIR / package).rglob("*.py"):
            copy = target / source.relative_to(BACKEND_DIR)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy)
    shutil.copyfile(BACKEND_DIR / "pyproject.toml", target / "pyproject.toml")
    return target


def test_the_tree_keeps_every_contract() -> None:
    code, report = lint_imports(BACKEND_DIR)
    assert code == 0, report
    assert f"Contracts: {len(CONFIG['contracts'])} kept, 0 broken." in report


def test_stocks_importing_portfolios_breaks_the_layers_contract(tmp_path: Path) -> None:
    tree = backend_copy(tmp_path)
    with (tree / "stocks" / "signals.py").open("a") as module:
        module.write("\nimport portfolios.models\n")
    code, report = lint_imports(tree)
    assert code != 0
    assert f"{LAYERS} BROKEN" in report
    assert "stocks is not allowed to import portfolios: - stocks.signals -> portfolios.models" in report
    assert f"Contracts: {len(CONFIG['contracts']) - 1} kept, 1 broken." in report
