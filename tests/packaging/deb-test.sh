#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The .deb without installing it: contents, control fields, desktop-file-validate,
# appstreamcli validate --no-net and lintian (tools/dev-package --check; errors fail).
set -euo pipefail
SRC=${QONVEX_SOURCE_DIR:?run through ctest}
BUILD=${QONVEX_BUILD_DIR:?run through ctest}
T=$(mktemp -d /tmp/qonvex-deb.XXXXXX)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

deb=$("$SRC/tools/dev-package" --build-dir "$BUILD" --output "$T/out" --check | tail -n 1)
echo "== $deb"
case "$(basename "$deb")" in
  qonvex_[0-9]*.[0-9]*.[0-9]*_"$(dpkg --print-architecture)".deb) ;;
  *) fail "unexpected file name: $(basename "$deb")" ;;
esac

dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|' > "$T/files"
for f in /usr/bin/qonvex /usr/bin/qonvex-cli \
         /usr/lib/qonvex/qonvex_signin_webengine.so /usr/lib/qonvex/libqonvex_signin.so \
         /usr/share/applications/io.github.qonvex.Qonvex.desktop \
         /usr/share/metainfo/io.github.qonvex.Qonvex.metainfo.xml \
         /usr/share/icons/hicolor/scalable/apps/io.github.qonvex.Qonvex.svg \
         /usr/share/icons/hicolor/48x48/apps/io.github.qonvex.Qonvex.png \
         /usr/share/icons/hicolor/128x128/apps/io.github.qonvex.Qonvex.png \
         /usr/share/icons/hicolor/256x256/apps/io.github.qonvex.Qonvex.png \
         /usr/share/man/man1/qonvex.1.gz /usr/share/man/man1/qonvex-cli.1.gz \
         /usr/share/qonvex/translations/qonvex_de.qm \
         /usr/share/doc/qonvex/copyright /usr/share/doc/qonvex/changelog.gz; do
  grep -qx "$f" "$T/files" || fail "missing in the package: $f"
done
# The library's development files belong to `cmake --install`, not to the app package.
if grep -E '^/usr/(include|lib/cmake)/|\.a$' "$T/files"; then fail "development files in the .deb"; fi
# The plugin is looked up at <bindir>/../<libdir>/qonvex: same place as installed.
grep -q "lib/qonvex/qonvex_signin_webengine.so" "$T/files" || fail "plugin not in lib/qonvex"

dpkg-deb -f "$deb" > "$T/control"
cat "$T/control"
field() { sed -n "s/^$1: //p" "$T/control"; }
[ "$(field Package)" = qonvex ] || fail "Package"
[ "$(field Section)" = net ] || fail "Section"
depends=$(field Depends)
for d in libsecret-1-0 libqt6webenginewidgets6 libqt6websockets6 libqt6keychain1; do
  grep -q "\b$d\b" <<<"$depends" || fail "Depends lacks $d: $depends"
done
grep -q "gnome-keyring" <<<"$(field Recommends)" || fail "Recommends lacks gnome-keyring"
grep -q "qt6-translations-l10n" <<<"$(field Recommends)" || fail "Recommends lacks qt6-translations-l10n"
# The long description follows the summary line.
[ "$(sed -n '/^Description:/,$p' "$T/control" | wc -l)" -gt 3 ] || fail "no long description"

# The man pages were made from the real --help.
dpkg-deb -x "$deb" "$T/root"
zcat "$T/root/usr/share/man/man1/qonvex-cli.1.gz" | grep -q "timeout" || fail "qonvex-cli(1) lacks the options"
zcat "$T/root/usr/share/man/man1/qonvex.1.gz" | grep -q "tray" || fail "qonvex(1) lacks the options"
for page in qonvex qonvex-cli; do # non-ASCII help text (e.g. "…") survives, not "???"
  if zcat "$T/root/usr/share/man/man1/$page.1.gz" | grep -n '???'; then fail "$page(1) has mangled characters"; fi
done

# One contact (QONVEX_CONTACT) in the control file, copyright, metainfo and man pages.
maintainer=$(field Maintainer)
echo "Maintainer: $maintainer"
address_re='<([^<>]+@[^<>]+)>$'
[[ $maintainer =~ $address_re ]] || fail "Maintainer has no address: $maintainer"
email=${BASH_REMATCH[1]}
grep -qxF "Upstream-Contact: $maintainer" "$T/root/usr/share/doc/qonvex/copyright" || fail "copyright's Upstream-Contact differs"
grep -qF "<update_contact>$email</update_contact>" "$T/root/usr/share/metainfo/io.github.qonvex.Qonvex.metainfo.xml" ||
  fail "the metainfo's update_contact is not $email"
zcat "$T/root/usr/share/doc/qonvex/changelog.gz" | grep -qF " -- $maintainer  " || fail "the changelog trailer differs"
for page in qonvex qonvex-cli; do
  zcat "$T/root/usr/share/man/man1/$page.1.gz" | grep -A2 '^\.SH AUTHOR' | grep -qF "$email" ||
    fail "$page(1) has no AUTHOR section with $email"
done
echo "== the .deb is complete and clean"
