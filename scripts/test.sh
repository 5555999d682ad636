#!/usr/bin/env bash
# Set up with the test tools and run the whole suite headless: the layering
# contract, lint, then pytest. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export QT_QPA_PLATFORM=offscreen
.venv/bin/lint-imports
.venv/bin/ruff check reeplanner tests benchmarks scripts
.venv/bin/python -m pytest -q "$@"
