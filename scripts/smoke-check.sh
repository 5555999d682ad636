#!/usr/bin/env bash
# Smoke check of the installed app, as a planner without Python gets it:
#   1. build the one-folder app (build.spec) and check its size (<= 250 MB);
#   2. wrap it in the .deb (scripts/package-deb.sh);
#   3. make a fresh Debian 12 (bookworm) with debootstrap --variant=minbase, which has no Python,
#      and install the .deb there with apt, as a user would;
#   4. in it: every library of /opt/reeplanner resolves; --version of both commands; the desktop
#      entry, icon and .reeplan MIME type are registered; the menu entry's command starts the app
#      offscreen on each example and saves a picture of the window, which must match the window
#      from source (under 1% of pixels differ); reeplanner-cli validates each example and exports a
#      brief; apt remove leaves nothing behind; the package installs again.
# Needs root (debootstrap, chroot, mount) and the package registries. Run after scripts/setup.sh.
#   scripts/smoke-check.sh                the whole check (CI runs this)
#   scripts/smoke-check.sh --reuse-build  steps 3-4 with dist/ as it is (while working on this script)
# The chroot stays in build/smoke/root with the app installed (benchmarks/bench_install.py uses it);
# the next run starts from a new one.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$repo/build/smoke
root=$work/root
suite=bookworm
examples=(us-mine-to-magnet starter heavy-rare-earths)
passes=0
failures=0
started=$SECONDS
reuse_build=0
[ "${1:-}" = "--reuse-build" ] && reuse_build=1

say() { printf '[smoke %4ss] %s\n' "$((SECONDS - started))" "$*"; }
ok() {
  say "ok: $*"
  passes=$((passes + 1))
}
fail() {
  say "FAILED: $*"
  failures=$((failures + 1))
}
# Run a step with its output in a log, shown only when it fails.
logged() {
  local log=$work/$1.log
  shift
  if ! "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    say "FAILED: $* (the end of $log is above)"
    exit 1
  fi
}
in_root() {  # a command in the installed system, with a clean environment and no display
  chroot "$root" /usr/bin/env -i HOME=/tmp/smoke-home LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}
unmount() { mountpoint -q "$root/proc" && umount "$root/proc" || true; }

if [ "$(id -u)" -ne 0 ]; then
  echo "smoke-check: needs root (debootstrap, chroot and mount)" >&2
  exit 2
fi
unmount
if mountpoint -q "$root/proc"; then
  echo "smoke-check: $root/proc is still mounted; unmount it before a new run" >&2
  exit 2
fi
rm -rf "$work"
mkdir -p "$work"
trap unmount EXIT

# -- 1. the one-folder build ------------------------------------------------------------------
if [ "$reuse_build" = 0 ]; then
  say "building the one-folder app (pyinstaller build.spec)"
  logged setup-build bash scripts/setup.sh --build
  logged pyinstaller .venv/bin/pyinstaller --noconfirm --log-level WARN build.spec
fi
version=$(dist/reeplanner/reeplanner-cli --version | awk '{print $2}')
expected_version=$(.venv/bin/python -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
folder_mb=$(du -sm dist/reeplanner | cut -f1)
if [ "$folder_mb" -le 250 ]; then ok "built folder dist/reeplanner is $folder_mb MB (bound 250 MB)"; else fail "built folder dist/reeplanner is $folder_mb MB, over 250 MB"; fi

# -- 2. the .deb ------------------------------------------------------------------------------
deb=dist/reeplanner_${version}_$(dpkg --print-architecture).deb
if [ "$reuse_build" = 0 ] || [ ! -f "$deb" ]; then
  say "packaging the .deb (scripts/package-deb.sh)"
  deb=$(bash scripts/package-deb.sh | tail -n 1)
fi
ok "$deb is $(du -m --apparent-size "$deb" | cut -f1) MB"

# -- 3. a fresh Debian 12 without Python, and apt install -------------------------------------
command -v debootstrap >/dev/null || logged apt-install-debootstrap sh -c \
  'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap'
# The mirror this machine's apt uses (deb822 or one-line sources), else Debian's own.
mirror=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null |
  sed -n 's/^URIs: *\([^ ]*\).*/\1/p; s/^deb  *\(\[[^]]*\] *\)\{0,1\}\(http[^ ]*\) .*/\2/p' |
  grep '/debian/*$' | head -n 1 || true)
mirror=${mirror:-http://deb.debian.org/debian}
say "making a fresh $suite (debootstrap --variant=minbase, from $mirror)"
mkdir -p /var/cache/reeplanner-smoke  # downloaded .debs only, checked by debootstrap each time
logged debootstrap debootstrap --variant=minbase --cache-dir=/var/cache/reeplanner-smoke "$suite" "$root" "$mirror"
mount -t proc proc "$root/proc"
if in_root sh -c 'command -v python3 || command -v python'; then fail "the fresh $suite has a Python"; fi
mkdir -p "$root/tmp/smoke" "$root/tmp/smoke-home"
cp "$deb" "$root/tmp/smoke/"
deb_in_root=/tmp/smoke/$(basename "$deb")
say "apt install ./$(basename "$deb")"
logged apt-update in_root apt-get update
logged apt-install in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$deb_in_root"
ok "installed with its dependencies: $(grep -c '^Setting up' "$work/apt-install.log") packages set up"
if in_root sh -c 'command -v python3 || command -v python || dpkg -l "python3*" 2>/dev/null | grep -q "^ii"'; then
  fail "installing the .deb brought in a Python"
else
  ok "no Python in the installed system"
fi

# -- 4. the installed app ---------------------------------------------------------------------
missing=$(in_root sh -c 'find /opt/reeplanner -type f \( -name "*.so*" -o -perm -u+x \) -exec env \
  LD_LIBRARY_PATH=/opt/reeplanner/_internal ldd {} + 2>/dev/null | grep "not found" | sort -u' || true)
if [ -z "$missing" ]; then ok "every library in /opt/reeplanner finds what it links to"; else fail "unresolved libraries: $missing"; fi

for command in reeplanner reeplanner-cli; do
  said=$(in_root "$command" --version 2>&1 || true)
  if [ "$said" = "$command $expected_version" ]; then ok "$command --version says '$said'"; else fail "$command --version says '$said', not '$command $expected_version'"; fi
done

desktop=/usr/share/applications/reeplanner.desktop
exec_line=$(sed -n 's/^Exec=//p' "$root$desktop")
menu_command=${exec_line% %[fFuU]}
[ -f "$root/usr/share/icons/hicolor/256x256/apps/reeplanner.png" ] && [ -n "$menu_command" ] &&
  ok "desktop entry with Exec=$exec_line and its icon" || fail "desktop entry or icon missing"
grep -q '^application/x-reeplanner-plan:\*\.reeplan$' "$root/usr/share/mime/globs" &&
  ok ".reeplan is application/x-reeplanner-plan in the MIME database" || fail ".reeplan is not in the MIME database"
grep -q '^application/x-reeplanner-plan=reeplanner.desktop' "$root/usr/share/applications/mimeinfo.cache" &&
  ok "a double-click on a .reeplan opens reeplanner.desktop" || fail "mimeinfo.cache does not give .reeplan to reeplanner.desktop"

shipped=/opt/reeplanner/_internal/reeplanner/examples
export QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME=$work/source-config XDG_DATA_HOME=$work/source-data
for name in "${examples[@]}"; do
  if ! in_root $menu_command --screenshot "/tmp/smoke/$name.png" --size 1400x900 "$shipped/$name.reeplan" \
    >"$work/installed-$name.log" 2>&1; then
    fail "the installed app could not show $name ($(tail -n 3 "$work/installed-$name.log"))"
    continue
  fi
  cp "$root/tmp/smoke/$name.png" "$work/installed-$name.png"
  .venv/bin/reeplanner --screenshot "$work/source-$name.png" --size 1400x900 "examples/$name.reeplan" 2>/dev/null
  if differ=$(.venv/bin/python scripts/compare_screenshots.py "$work/source-$name.png" \
    "$work/installed-$name.png" --max-percent 1 --diff "$work/diff-$name.png"); then
    ok "$name: the installed app's window against the one from source: $differ"
  else
    fail "$name: the installed app's window is not the one from source: $differ (see $work/diff-$name.png)"
  fi
  in_root reeplanner-cli validate "$shipped/$name.reeplan" >/dev/null &&
    ok "reeplanner-cli validate $name" || fail "reeplanner-cli validate $name"
done

if in_root reeplanner-cli brief "$shipped/us-mine-to-magnet.reeplan" /tmp/smoke/brief.xlsx >"$work/brief.log" 2>&1; then
  cp "$root/tmp/smoke/brief.xlsx" "$work/installed-brief.xlsx"
  .venv/bin/reeplanner-cli brief examples/us-mine-to-magnet.reeplan "$work/source-brief.xlsx"
  if sheets=$(.venv/bin/python -c 'import sys, openpyxl
books = [openpyxl.load_workbook(p) for p in sys.argv[1:]]
names = [b.sheetnames for b in books]
values = [[[c.value for c in r] for r in b.worksheets[0].iter_rows()] for b in books]
print(", ".join(names[0])); sys.exit(names[0] != names[1] or values[0] != values[1])' \
    "$work/source-brief.xlsx" "$work/installed-brief.xlsx"); then
    ok "reeplanner-cli brief: sheets $sheets; its first page as from source"
  else
    fail "the installed brief differs from the one from source"
  fi
else
  fail "reeplanner-cli brief failed: $(tail -n 3 "$work/brief.log")"
fi

# Workbooks: the readers and writers the app loads only when asked (openpyxl, calamine) are in the build.
if in_root sh -c "reeplanner-cli convert $shipped/us-mine-to-magnet.reeplan /tmp/smoke/us.xlsx &&
  reeplanner-cli validate /tmp/smoke/us.xlsx && reeplanner-cli convert /tmp/smoke/us.xlsx /tmp/smoke/back.reeplan &&
  cmp -s $shipped/us-mine-to-magnet.reeplan /tmp/smoke/back.reeplan" >"$work/convert.log" 2>&1; then
  ok "reeplanner-cli convert to a workbook and back gives the same plan"
else
  fail "reeplanner-cli convert to a workbook and back: $(tail -n 3 "$work/convert.log")"
fi

# -- apt remove, then install again for the benchmarks ----------------------------------------
logged apt-remove in_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y reeplanner
left=""
for path in /opt/reeplanner /usr/bin/reeplanner /usr/bin/reeplanner-cli "$desktop" \
  /usr/share/mime/packages/reeplanner.xml /usr/share/icons/hicolor/256x256/apps/reeplanner.png; do
  [ -e "$root$path" ] || [ -L "$root$path" ] && left="$left $path"
done
grep -q reeplan "$root/usr/share/mime/globs" && left="$left (the MIME type)"
grep -q reeplanner "$root/usr/share/applications/mimeinfo.cache" 2>/dev/null && left="$left (the file association)"
if [ -z "$left" ]; then ok "apt remove left nothing behind"; else fail "apt remove left:$left"; fi
logged apt-reinstall in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$deb_in_root"

say "done in $((SECONDS - started)) s: version $version, folder $folder_mb MB, $(basename "$deb") $(du -m --apparent-size "$deb" | cut -f1) MB"
echo "smoke: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
