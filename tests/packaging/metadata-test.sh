#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The packaging metadata as committed: desktop entry, AppStream metainfo, macOS Info.plist.in.
# (tests/packaging/deb-test.sh checks the same files again inside the built .deb.)
set -euo pipefail
SRC=${QONVEX_SOURCE_DIR:?run through ctest}
L=$SRC/packaging/linux
fail() { echo "FAIL: $*" >&2; exit 1; }
desktop-file-validate "$L/io.github.qonvex.Qonvex.desktop"
appstreamcli validate --no-net "$L/io.github.qonvex.Qonvex.metainfo.xml"
# The pieces that tie the files together.
grep -qx 'Exec=qonvex %u' "$L/io.github.qonvex.Qonvex.desktop" || fail "Exec"
grep -qx 'MimeType=x-scheme-handler/qonvex;' "$L/io.github.qonvex.Qonvex.desktop" || fail "MimeType"
grep -qx 'Icon=io.github.qonvex.Qonvex' "$L/io.github.qonvex.Qonvex.desktop" || fail "Icon"
[ -f "$L/icons/io.github.qonvex.Qonvex.svg" ] || fail "no icon named after the Icon key"
grep -q '<launchable type="desktop-id">io.github.qonvex.Qonvex.desktop</launchable>' \
  "$L/io.github.qonvex.Qonvex.metainfo.xml" || fail "launchable"
# main.cpp's setDesktopFileName must name this entry (Wayland app_id, portal, notifications).
if [ -f "$SRC/app/main.cpp" ]; then
  grep -q 'setDesktopFileName(QStringLiteral("io.github.qonvex.Qonvex"))' "$SRC/app/main.cpp" ||
    fail "app/main.cpp does not set the desktop file name io.github.qonvex.Qonvex"
fi
# Release in the metainfo = project version.
version=$(sed -n 's/^project(Qonvex VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
grep -q "<release version=\"$version\"" "$L/io.github.qonvex.Qonvex.metainfo.xml" ||
  fail "the metainfo has no <release> for version $version"
python3 "$SRC/tests/packaging/plist-test.py" "$SRC/packaging/macos/Info.plist.in"
echo "== metadata valid"
