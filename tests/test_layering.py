"""The layers hold: model, engine, formats and the CLI never import Qt; imports point down.

The contracts live in ``pyproject.toml`` and are checked by import-linter's
own command, run from the venv in a subprocess so a broken import anywhere
fails here with the linter's report rather than as a collection error.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint_imports(cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_import_contracts_are_kept():
    result = _lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_the_qt_free_contract_covers_model_engine_formats_and_cli():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    forbidden = next(c for c in config["contracts"] if c["type"] == "forbidden")
    assert set(forbidden["source_modules"]) >= {
        "reeplanner.model",
        "reeplanner.engine",
        "reeplanner.formats",
        "reeplanner.cli",
        "reeplanner.cli_risk",
    }
    assert set(forbidden["forbidden_modules"]) >= {"PySide6", "pyqtgraph", "shiboken6", "reeplanner.gui"}
    layers = next(c for c in config["contracts"] if c["type"] == "layers")
    assert layers["layers"] == [
        "reeplanner.gui",
        "reeplanner.formats",
        "reeplanner.engine",
        "reeplanner.model",
    ]


def test_the_linter_reports_a_model_module_that_imports_qt(tmp_path):
    """The check above is not vacuous: the same contract fails on a model that imports PySide6."""
    package = tmp_path / "reeplanner"
    for sub in ("model", "engine", "formats", "gui"):
        (package / sub).mkdir(parents=True)
        (package / sub / "__init__.py").write_text("", encoding="utf-8")
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "cli.py").write_text("", encoding="utf-8")
    (package / "cli_risk.py").write_text("", encoding="utf-8")
    (package / "app.py").write_text("", encoding="utf-8")
    (package / "model" / "colours.py").write_text("from PySide6.QtGui import QColor\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        (REPO / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}

    result = _lint_imports(tmp_path, env)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Model, engine and formats never import Qt BROKEN" in result.stdout
    assert "reeplanner.model.colours -> PySide6" in result.stdout
