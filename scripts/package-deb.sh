#!/usr/bin/env bash
# Wrap the one-folder build in a Debian package: dist/reeplanner_VERSION_amd64.deb.
#
#   .venv/bin/pyinstaller --noconfirm build.spec && bash scripts/package-deb.sh [BUILT_FOLDER]
#
# BUILT_FOLDER defaults to dist/reeplanner. The package installs the folder to
# /opt/reeplanner, puts reeplanner and reeplanner-cli on PATH (/usr/bin links),
# and installs the desktop entry, the icon in every size, and the .reeplan MIME
# type. It has no maintainer scripts: the desktop's own packages (shared-mime-info,
# desktop-file-utils, hicolor-icon-theme) refresh their caches through dpkg
# triggers, on install and on remove alike. Prints the path of the .deb.
set -euo pipefail
cd "$(dirname "$0")/.."

built=${1:-dist/reeplanner}
if [ ! -x "$built/reeplanner" ] || [ ! -x "$built/reeplanner-cli" ]; then
  echo "package-deb: $built has no reeplanner and reeplanner-cli; build it first: .venv/bin/pyinstaller --noconfirm build.spec" >&2
  exit 2
fi
version=$("$built/reeplanner-cli" --version | awk '{print $2}')  # the build's own version, from its metadata
arch=$(dpkg --print-architecture)
glibc=$(getconf GNU_LIBC_VERSION | awk '{print $2}')  # the build machine's: the binaries need at least that
deb=dist/reeplanner_${version}_${arch}.deb

# Qt's xcb and Wayland platforms, OpenGL, fonts and D-Bus: what the Qt libraries load from the system.
# (The folder carries copies of some of these, taken from the build machine; they are listed all the
# same, so that a Qt plugin the folder does not carry finds them.)
depends=(
  "libc6 (>= $glibc)" libegl1 libgl1 libopengl0 libglx0 libdrm2
  libfontconfig1 libfreetype6 fonts-dejavu-core libdbus-1-3 libglib2.0-0
  libxkbcommon0 libxkbcommon-x11-0 libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4
  libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-render0 libxcb-shape0
  libxcb-shm0 libxcb-sync1 libxcb-xfixes0 libxcb-xkb1 libxcb-glx0
  libwayland-client0 libwayland-cursor0 libwayland-egl1
)
recommends=(shared-mime-info desktop-file-utils hicolor-icon-theme)

stage=build/deb/reeplanner_${version}_${arch}
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
  "$stage/usr/share/mime/packages" "$stage/usr/share/doc/reeplanner"
cp -a "$built" "$stage/opt/reeplanner"
ln -s /opt/reeplanner/reeplanner "$stage/usr/bin/reeplanner"
ln -s /opt/reeplanner/reeplanner-cli "$stage/usr/bin/reeplanner-cli"
install -m 644 resources/desktop/reeplanner.desktop "$stage/usr/share/applications/reeplanner.desktop"
install -m 644 resources/desktop/reeplanner-mime.xml "$stage/usr/share/mime/packages/reeplanner.xml"
for size in 16 24 32 48 64 128 256 512; do
  for kind in apps/reeplanner mimetypes/application-x-reeplanner-plan; do
    install -D -m 644 "resources/icons/reeplanner-$size.png" \
      "$stage/usr/share/icons/hicolor/${size}x${size}/$kind.png"
  done
done
install -D -m 644 resources/icons/reeplanner.svg "$stage/usr/share/icons/hicolor/scalable/apps/reeplanner.svg"
{
  echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
  echo "Upstream-Name: REE Planner"
  echo
  echo "Files: *"
  echo "License: MIT"
  sed 's/^$/./; s/^/ /' LICENSE
  echo
  echo "Comment: /opt/reeplanner/_internal holds the libraries REE Planner is built with, each under"
  echo " its own licence: Qt and PySide6 (LGPL-3), pyqtgraph (MIT), NumPy (BSD-3-clause),"
  echo " pandas (BSD-3-clause), openpyxl (MIT), python-calamine (MIT), defusedxml (PSF),"
  echo " pycountry (LGPL-2.1), the Python runtime (PSF-2)."
} >"$stage/usr/share/doc/reeplanner/copyright"
chmod 644 "$stage/usr/share/doc/reeplanner/copyright"

join() { local IFS=,; echo "$*" | sed 's/,/, /g'; }
cat >"$stage/DEBIAN/control" <<EOF
Package: reeplanner
Version: $version
Architecture: $arch
Maintainer: REE Planner maintainers <maintainers@reeplanner.invalid>
Installed-Size: $(du -sk --exclude=DEBIAN "$stage" | cut -f1)
Depends: $(join "${depends[@]}")
Recommends: $(join "${recommends[@]}")
Section: science
Priority: optional
Description: Scenario planning for the rare-earth supply chain, mine to magnet
 REE Planner lays out mining, separation, metal, alloy, magnet and recycling
 facilities, assigns funding and agencies, shows capacity gaps and timelines per
 scenario, and exports plans and a leadership brief to Excel. The desktop app
 (reeplanner) and the command line (reeplanner-cli) share one self-contained
 folder in /opt/reeplanner; no Python is needed.
EOF

mkdir -p dist
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "$deb"
