#!/usr/bin/env bash
# Set up REE Planner in ./.venv on Debian/Ubuntu: the system libraries Qt
# needs, then the package itself. Safe to run again; it installs only what
# is missing.
#
#   scripts/setup.sh          the app (Qt offscreen and on a desktop)
#   scripts/setup.sh --test   also the test tools, LibreOffice and poppler
#                             (the brief is checked by rendering it)
#   scripts/setup.sh --build  also PyInstaller and binutils, to build the
#                             one-folder app and the .deb (README, "Install")
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=0
with_build=0
for option in "$@"; do
  case "$option" in
    --test) with_tests=1 ;;
    --build) with_build=1 ;;
    *)
      echo "usage: scripts/setup.sh [--test] [--build]" >&2
      exit 2
      ;;
  esac
done

packages=(
  # Qt itself, offscreen included
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
  # fonts: without any, Qt draws text as empty boxes and says nothing
  fonts-dejavu-core
  # a real window on X11 (and Xvfb for screenshots)
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxkbcommon-x11-0 xvfb xauth
  python3-venv
)
if [ "$with_tests" = 1 ]; then
  packages+=(libreoffice-calc-nogui poppler-utils)
fi
if [ "$with_build" = 1 ]; then
  packages+=(binutils) # PyInstaller reads the libraries with objdump; the spec strips libpython
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ] && command -v apt-get >/dev/null; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $("$python" --version)"
  "$python" -m venv .venv
fi
extras=()
[ "$with_tests" = 1 ] && extras+=(test)
[ "$with_build" = 1 ] && extras+=(build)
spec=.
what="REE Planner"
if [ "${#extras[@]}" -gt 0 ]; then
  spec=".[$(
    IFS=,
    echo "${extras[*]}"
  )]"
  joined="${extras[*]}"
  what="REE Planner with the ${joined// / and } tools"
fi
# pip's own output goes to a log, shown only when it fails: a set-up that works says what it did.
log=.venv/setup.log
echo "Installing $what into .venv (pip's log: $log)"
if ! { .venv/bin/python -m pip install -q --upgrade pip &&
  .venv/bin/python -m pip install -q -e "$spec"; } >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "Set-up failed: pip could not install REE Planner (the end of $log is above)." >&2
  exit 1
fi
echo "REE Planner is set up in .venv"
