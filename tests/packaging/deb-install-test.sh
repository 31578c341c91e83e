#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the .deb for real (apt-get), uses it like a desktop user would, and purges it:
#  - /usr/bin/qonvex --version, /usr/bin/qonvex-cli --help, no missing libraries
#  - xdg-mime names the desktop entry as the qonvex:// handler
#  - the menu entry is launched as a menu does (gtk-launch, else dex) under Xvfb; the window's
#    WM_CLASS matches StartupWMClass and it belongs to /usr/bin/qonvex. First with nothing
#    configured (Settings opens), then with the settings stored for a devstack started here
#    (the welcome screen, no Settings); screenshots go to $QONVEX_ARTIFACTS_DIR/packaging/
#  - xdg-open 'qonvex://callback?...' reaches the running instance (its single-instance log)
#  - apt-get purge leaves none of the package's files behind
# It changes the system, so it runs only with CI=true or QONVEX_TEST_INSTALL=1 (else exit 77,
# reported as skipped by ctest).
set -euo pipefail
APP=io.github.qonvex.Qonvex
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

# ---- part 2, inside dbus-run-session: the desktop session ----
if [ "${1:-}" = --gui ]; then
  T=$2 ART=$3 SRC=$4
  . "$SRC/tests/common/xdesktop.sh"
  APP_PID="" GNOME_KEYRING_PID="" DEVSTACK_PID="" XVFB_PID=""
  trap 'for p in "$APP_PID" "${DEVSTACK_PID:-}" "${GNOME_KEYRING_PID:-}" "$XVFB_PID"; do
          [ -n "$p" ] && kill "$p" 2>/dev/null; done' EXIT
  start_xvfb "$T"
  unset QT_QPA_PLATFORM              # the real xcb platform, as on a desktop
  export QTWEBENGINE_DISABLE_SANDBOX=1
  # A desktop session has a Secret Service: an unlocked keyring of its own (in $XDG_DATA_HOME).
  eval "$(printf %s qonvex-install-test | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
  export GNOME_KEYRING_CONTROL

    app_window() { # the largest mapped top-level window of class Qonvex
    local id
    for id in $(xwininfo -root -children 2>/dev/null | awk '/\("qonvex" "Qonvex"\)/ {
        split($(NF-1), g, /[x+]/); print g[1] * g[2], $1 }' | sort -rn | awk '{print $2}'); do
      viewable "$id" && { echo "$id"; return; }
    done; }
  window_shown() { WIN=$(app_window); [ -n "$WIN" ]; }
  settings_shown() { # the Settings dialog ("Qonvex Settings"), mapped
    local id
    for id in $(xwininfo -root -children 2>/dev/null | awk '/\("qonvex" "Qonvex"\)/ && /Settings/ {print $1}'); do
      viewable "$id" && return 0
    done
    return 1; }
  # A real picture, not a black frame: more than a handful of colours.
  screenshot() { import -window root "$1" 2>/dev/null && [ "$(identify -format %k "$1")" -gt 32 ]; }
  launch_entry() { # as a menu does; the app's output goes to $1
    if command -v gtk-launch >/dev/null; then
      gtk-launch "$APP" >"$1" 2>&1 || fail "gtk-launch failed: $(cat "$1")"
    else
      dex "/usr/share/applications/$APP.desktop" >"$1" 2>&1 || fail "dex failed"
    fi
    wait_for 90 window_shown || { cat "$1" >&2; fail "no Qonvex window appeared"; }
    APP_PID=$(xprop -id "$WIN" _NET_WM_PID | sed -n 's/.* = //p')
    [ -n "$APP_PID" ] || fail "the window has no _NET_WM_PID"
    [ "$(readlink "/proc/$APP_PID/exe")" = /usr/bin/qonvex ] || fail "the window is not /usr/bin/qonvex's"; }
  quit_app() {
    kill "$APP_PID"
    wait_for 30 bash -c "! kill -0 $APP_PID 2>/dev/null" || fail "qonvex did not quit on SIGTERM"
    APP_PID=""; }

  step "first run, nothing configured: the menu entry opens the window and Settings ($DISPLAY)"
  launch_entry "$T/first-run.log"
  wm_class=$(xprop -id "$WIN" WM_CLASS | sed -n 's/.* = //p')
  wmclass_entry=$(sed -n 's/^StartupWMClass=//p' "/usr/share/applications/$APP.desktop")
  echo "WM_CLASS = $wm_class; StartupWMClass=$wmclass_entry"
  [ "$wm_class" = "\"qonvex\", \"$wmclass_entry\"" ] || fail "WM_CLASS does not match StartupWMClass"
  wait_for 60 settings_shown || { cat "$T/first-run.log" >&2; fail "the first run did not open Settings"; }
  wait_for 60 screenshot "$ART/first-run-settings.png" || fail "the first-run screenshot stayed blank"
  echo "screenshot: $ART/first-run-settings.png"
  quit_app

  step "configured for the devstack: the menu entry shows the welcome screen, no Settings"
  coproc DEVSTACK { exec "$SRC/devstack/run" 2>"$T/devstack.log"; }
  ready=""
  read -r -t 90 ready <&"${DEVSTACK[0]}" || { cat "$T/devstack.log" >&2; fail "devstack did not report ready"; }
  field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$ready" "$1"; }
  # What the Settings dialog saves (QSettings: organisation io.github.qonvex.Qonvex, app Qonvex).
  # The menu entry passes no options or environment, so the stored settings are what a user has.
  conf="$XDG_CONFIG_HOME/io.github.qonvex.Qonvex/Qonvex.conf"
  mkdir -p "$(dirname "$conf")"
  printf '[clerk]\nfrontendApiUrl=%s\npublishableKey=%s\n\n[convex]\nurl=%s\n' \
    "$(field clerkFrontendApi)" "$(field clerkPublishableKey)" "$(field convexUrl)" >"$conf"
  cat "$conf"
  launch_entry "$T/app.log"
  wait_for 60 screenshot "$ART/installed-launch.png" || fail "the screenshot stayed blank"
  echo "screenshot: $ART/installed-launch.png"
  # Settings would have opened at start-up (before the screenshot) had the stored settings not
  # been read.
  if settings_shown; then fail "Settings opened although the stored settings are complete"; fi
  if grep -q "not configured" "$T/app.log"; then cat "$T/app.log" >&2; fail "the app says it is not configured"; fi

  step "xdg-open a qonvex:// link: the running instance gets it"
  xdg-open 'qonvex://callback?code=packaging-test&state=packaging-test' >"$T/xdg-open.log" 2>&1 ||
    { cat "$T/xdg-open.log" "$T/app.log" >&2; fail "xdg-open failed"; }
  wait_for 30 grep -q "received from another launch" "$T/app.log" ||
    { cat "$T/xdg-open.log" "$T/app.log" >&2; fail "the running instance never received the link"; }
  grep "received from another launch" "$T/app.log"
  kill -0 "$APP_PID" || fail "the first instance is gone"
  wait_for 30 screenshot "$ART/installed-after-link.png" || fail "the second screenshot stayed blank"
  echo "screenshot: $ART/installed-after-link.png"
  quit_app
  exit 0
fi

# ---- part 1: install, check, purge ----
if [ "${CI:-}" != true ] && [ "${QONVEX_TEST_INSTALL:-}" != 1 ]; then
  echo "SKIP: this test installs and purges the qonvex package system-wide;"
  echo "      it runs with CI=true or QONVEX_TEST_INSTALL=1"
  exit 77
fi
[ "$(id -u)" = 0 ] || fail "installing the package needs root"
SRC=${QONVEX_SOURCE_DIR:?run through ctest}
BUILD=${QONVEX_BUILD_DIR:?run through ctest}
ART=${QONVEX_ARTIFACTS_DIR:-$BUILD/test-artifacts}/packaging
mkdir -p "$ART"
T=$(mktemp -d /tmp/qonvex-install.XXXXXX)
chmod 755 "$T" # _apt reads the .deb from here
INSTALLED=0
cleanup() {
  [ -f "$T/first-run.log" ] && cp "$T/first-run.log" "$ART/first-run-app.log"
  [ -f "$T/app.log" ] && cp "$T/app.log" "$ART/installed-app.log"
  [ -f "$T/devstack.log" ] && cp "$T/devstack.log" "$ART/devstack.log"
  if [ "$INSTALLED" = 1 ]; then DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq qonvex >/dev/null 2>&1 || true; fi
  rm -rf "$T"
}
trap cleanup EXIT
# A clean user: no mimeapps.list or caches of the person running the tests.
mkdir -m 700 "$T/home" "$T/config" "$T/data" "$T/cache" "$T/run"
export HOME=$T/home XDG_CONFIG_HOME=$T/config XDG_DATA_HOME=$T/data XDG_CACHE_HOME=$T/cache XDG_RUNTIME_DIR=$T/run
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION BROWSER

deb=$("$SRC/tools/dev-package" --build-dir "$BUILD" --output "$T/out" | tail -n 1)
step "apt-get install $deb"
if dpkg-query -W -f='${Status}' qonvex 2>/dev/null | grep -q "install ok installed"; then
  echo "note: qonvex was already installed; it is replaced and purged at the end"
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$deb"
INSTALLED=1
dpkg-query -L qonvex > "$T/files"

step "the installed programs run"
out=$(QT_QPA_PLATFORM=offscreen /usr/bin/qonvex --version)
echo "$out"
grep -qx "qonvex [0-9]*\.[0-9]*\.[0-9]*" <<<"$out" || fail "qonvex --version printed: $out"
/usr/bin/qonvex-cli --help > "$T/cli-help" || fail "qonvex-cli --help failed"
grep -q "^Usage: " "$T/cli-help" || fail "qonvex-cli --help printed no usage"
for f in /usr/bin/qonvex /usr/bin/qonvex-cli /usr/lib/qonvex/*.so; do
  if ldd "$f" | grep "not found"; then fail "$f misses libraries"; fi
done

step "qonvex:// is handled by the desktop entry"
handler=$(xdg-mime query default x-scheme-handler/qonvex)
echo "xdg-mime: $handler"
[ "$handler" = "$APP.desktop" ] || fail "xdg-mime names '$handler' as the qonvex:// handler"

step "desktop session"
dbus-run-session -- bash "$0" --gui "$T" "$ART" "$SRC"

step "apt-get purge"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -q qonvex
INSTALLED=0
left=0
while read -r f; do
  [ "$f" = /. ] && continue
  # Shared directories (/usr/bin, /usr/share/icons/...) stay; anything of ours must go.
  if [ -e "$f" ] && ! { [ -d "$f" ] && [ -n "$(dpkg-query -S "$f" 2>/dev/null)" ]; }; then
    echo "left behind: $f"; left=1
  fi
done < "$T/files"
[ "$left" = 0 ] || fail "the purge left files behind"
[ -z "$(xdg-mime query default x-scheme-handler/qonvex)" ] || fail "qonvex:// still has a handler after the purge"
echo "== installed, used and purged cleanly"
