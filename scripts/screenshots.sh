#!/usr/bin/env bash
# Regenerate the pictures in docs/screenshots/ that the README shows: the main
# window with the US example (its gap and self-sufficiency charts, then with the
# flow chart in front, then the timeline and the scenario comparison), its Risk dock, and the first
# page of its brief as LibreOffice prints it. Needs scripts/setup.sh --test (LibreOffice and poppler).
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screenshots
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"  # default settings, no recent files

.venv/bin/reeplanner --screenshot "$out/main-window.png" --size 1400x900 examples/us-mine-to-magnet.reeplan
.venv/bin/reeplanner --screenshot "$out/main-window-flow.png" --size 1400x900 --show flow examples/us-mine-to-magnet.reeplan
.venv/bin/reeplanner --screenshot "$out/timeline.png" --size 1400x900 --show timeline --scenario DELAY examples/us-mine-to-magnet.reeplan
.venv/bin/reeplanner --screenshot "$out/comparison.png" --size 1400x900 --show comparison examples/us-mine-to-magnet.reeplan
.venv/bin/python scripts/screenshot_risk.py "$out/risk-dock.png" --scenario BASE --target T-HRE-2028

.venv/bin/reeplanner-cli brief examples/us-mine-to-magnet.reeplan "$work/brief.xlsx"
soffice --headless -env:UserInstallation="file://$work/lo" --convert-to pdf --outdir "$work" "$work/brief.xlsx" >/dev/null
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/brief.pdf" "$out/brief-summary"
echo "Wrote $out/main-window.png, $out/main-window-flow.png, $out/timeline.png, $out/comparison.png, $out/risk-dock.png and $out/brief-summary.png"
