#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The packaging metadata: desktop entry, AppStream metainfo (as configured into the build tree),
# the one project contact in every file that names it, macOS Info.plist.in.
# (tests/packaging/deb-test.sh checks the same files again inside the built .deb.)
set -euo pipefail
SRC=${QONVEX_SOURCE_DIR:?run through ctest}
BUILD=${QONVEX_BUILD_DIR:?run through ctest}
L=$SRC/packaging/linux
# Filled in at configure time by cmake/PackagingMetadata.cmake (app id, QONVEX_CONTACT).
M=$BUILD/packaging/metadata
METAINFO=$M/io.github.qonvex.Qonvex.metainfo.xml
fail() { echo "FAIL: $*" >&2; exit 1; }
[ -f "$METAINFO" ] || fail "no $METAINFO: configure the build first"
if grep -n '@[A-Za-z_][A-Za-z0-9_]*@' "$METAINFO" "$M/copyright" "$M/changelog" "$M/man-sections.h2m"; then
  fail "a template variable was not filled in"
fi
desktop-file-validate "$L/io.github.qonvex.Qonvex.desktop"
appstreamcli validate --no-net "$METAINFO"
# The pieces that tie the files together.
# One version: CMakeLists.txt's project(), the changelog's entry, the metainfo's newest release.
version=$(sed -n 's/^project(Qonvex VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
[ -n "$version" ] || fail "no project(Qonvex VERSION ...) in CMakeLists.txt"
head -n 1 "$M/changelog" | grep -qF "qonvex ($version) " || fail "the changelog's entry is not version $version"
first_release=$(grep -o '<release version="[^"]*"' "$METAINFO" | head -n 1 | cut -d'"' -f2)
[ "$first_release" = "$version" ] || fail "the metainfo's newest release is $first_release, not $version"
grep -qx 'Exec=qonvex %u' "$L/io.github.qonvex.Qonvex.desktop" || fail "Exec"
grep -qx 'MimeType=x-scheme-handler/qonvex;' "$L/io.github.qonvex.Qonvex.desktop" || fail "MimeType"
grep -qx 'Icon=io.github.qonvex.Qonvex' "$L/io.github.qonvex.Qonvex.desktop" || fail "Icon"
[ -f "$SRC/resources/icons/io.github.qonvex.Qonvex.svg" ] || fail "no icon named after the Icon key"
grep -q '<launchable type="desktop-id">io.github.qonvex.Qonvex.desktop</launchable>' "$METAINFO" ||
  fail "launchable"
# main.cpp's setDesktopFileName must name this entry (Wayland app_id, portal, notifications).
if [ -f "$SRC/app/main.cpp" ]; then
  grep -q 'setDesktopFileName(QStringLiteral("io.github.qonvex.Qonvex"))' "$SRC/app/main.cpp" ||
    fail "app/main.cpp does not set the desktop file name io.github.qonvex.Qonvex"
fi
# Release in the metainfo = project version.
version=$(sed -n 's/^project(Qonvex VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
grep -q "<release version=\"$version\"" "$METAINFO" || fail "the metainfo has no <release> for version $version"

# One contact everywhere (QONVEX_CONTACT), and a real-looking one: no placeholder domain.
contact=$(sed -n 's/^Upstream-Contact: //p' "$M/copyright")
echo "contact: $contact"
contact_re='^([^<>]+) <([^<>@ ]+)@([^<>@ ]+[.][a-z]+)>$'
[[ $contact =~ $contact_re ]] || fail "Upstream-Contact is not 'Name <address>': $contact"
name=${BASH_REMATCH[1]} email="${BASH_REMATCH[2]}@${BASH_REMATCH[3]}" host=${BASH_REMATCH[3]}
case "$host" in
  example.*|*.example|*.example.*|localhost|*.localhost|*.invalid|*.test|*.local) fail "placeholder address: $email" ;;
esac
grep -qF "<update_contact>$email</update_contact>" "$METAINFO" || fail "metainfo update_contact is not $email"
grep -qF "<developer_name>$name</developer_name>" "$METAINFO" || fail "metainfo developer_name is not $name"
grep -qF " -- $contact  " "$M/changelog" || fail "the changelog trailer does not name $contact"
grep -qF "$email" "$M/man-sections.h2m" || fail "the man page sections do not name $email"
python3 "$SRC/tests/packaging/plist-test.py" "$SRC/packaging/macos/Info.plist.in"
echo "== metadata valid"
