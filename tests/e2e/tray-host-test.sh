#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The tray icon in a real system tray, and the browser sign-in through a real xdg-open, on an X
# desktop made of Xvfb + trayer (a freedesktop XEmbed tray host) with no window manager:
#  - qonvex (xcb, against devstack/run) embeds its icon in the tray; its badge is amber while
#    signed out
#  - "Sign in with your browser" from the keyboard (Account menu) goes through QDesktopServices
#    -> xdg-open -> the desktop's http handler (a stand-in browser that completes the hosted
#    sign-in and follows the redirect with xdg-open) -> the desktop's qonvex:// handler (a second
#    qonvex) -> the running window; the badge turns green (connected, signed in)
#  - the tray menu (right click) shows the state text; a left click brings the window back to the
#    top of another window covering it
#  - the devstack stops: the badge turns amber (reconnecting)
# Screenshots go to $QONVEX_ARTIFACTS_DIR/tray/. Usage (through ctest): tray-host-test.sh QONVEX
set -euo pipefail
APP_BIN=${1:?usage: tray-host-test.sh PATH_TO_QONVEX}
SRC=${QONVEX_SOURCE_DIR:?run through ctest}
BUILD=${QONVEX_BUILD_DIR:?run through ctest}
. "$SRC/tests/common/xdesktop.sh"
ART=${QONVEX_ARTIFACTS_DIR:-$BUILD/test-artifacts}/tray
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }
for tool in Xvfb trayer xdotool xwininfo import xmessage xdg-open xdg-mime python3; do
  command -v "$tool" >/dev/null || fail "$tool is missing (./dev deps installs it)"
done
mkdir -p "$ART"
T=$(mktemp -d /tmp/qonvex-tray.XXXXXX)
XVFB_PID="" TRAYER_PID="" APP_PID="" COVER_PID="" DEVSTACK_PID=""
cleanup() {
  for p in "$APP_PID" "$COVER_PID" "$TRAYER_PID" "${DEVSTACK_PID:-}" "$XVFB_PID"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null || true
  done
  cp "$T"/*.log "$ART/" 2>/dev/null || true
  # What the app and the stand-ins printed (debug logging) is checked by the secrets scan.
  if [ -n "${QONVEX_SECRETS_CHILD_DIR:-}" ]; then
    for f in "$T"/*.log; do [ -f "$f" ] && cp "$f" "$QONVEX_SECRETS_CHILD_DIR/tray_$(basename "$f")"; done
  fi
  rm -rf "$T"
}
trap cleanup EXIT

# A clean user on a desktop of its own; the D-Bus session and keyring are ./dev services'.
mkdir -m 700 "$T/home" "$T/config" "$T/data" "$T/cache" "$T/run"
export HOME=$T/home XDG_CONFIG_HOME=$T/config XDG_DATA_HOME=$T/data XDG_CACHE_HOME=$T/cache XDG_RUNTIME_DIR=$T/run
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION BROWSER QT_QPA_PLATFORM
export QTWEBENGINE_DISABLE_SANDBOX=1 QT_LOGGING_RULES='qonvex.*.debug=true'

step "X display with a tray host"
start_xvfb "$T"
trayer --edge top --align right --widthtype request --height 32 --transparent false >"$T/trayer.log" 2>&1 &
TRAYER_PID=$!
panel_window() { xwininfo -root -children 2>/dev/null | awk '/\("panel" "trayer"\)/ {print $1; exit}'; }
panel_shown() { PANEL=$(panel_window); [ -n "$PANEL" ] && viewable "$PANEL"; }
wait_for 30 panel_shown || fail "trayer's panel never appeared: $(cat "$T/trayer.log")"

step "devstack"
coproc DEVSTACK { exec "$SRC/devstack/run" 2>"$T/devstack.log"; }
DEVSTACK_PID=$DEVSTACK_PID
ready=""
read -r -t 90 ready <&"${DEVSTACK[0]}" || { cat "$T/devstack.log" >&2; fail "devstack did not report ready"; }
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$ready" "$1"; }
export QONVEX_CONVEX_URL=$(field convexUrl) QONVEX_CLERK_FRONTEND_API=$(field clerkFrontendApi)

# The desktop's URL handlers, registered the way desktops do (desktop entries + mimeapps.list):
# qonvex:// launches this build's qonvex; http(s) opens the stand-in browser, which signs the
# seeded user in on the hosted page (devstack control) and follows its redirect to qonvex://.
mkdir -p "$XDG_DATA_HOME/applications"
cat >"$T/browser" <<EOF
#!/usr/bin/env bash
set -eu
echo "\$1" >>"$T/browser-opened"
callback=\$(python3 - "\$1" <<'PY'
import json, sys, urllib.request
request = urllib.request.Request("$QONVEX_CLERK_FRONTEND_API".rstrip("/") + "/__devstack/hosted-auth/complete",
    data=json.dumps({"url": sys.argv[1]}).encode(), headers={"Content-Type": "application/json"}, method="POST")
with urllib.request.urlopen(request, timeout=30) as reply:
    print(json.load(reply)["callbackUrl"])
PY
)
exec xdg-open "\$callback"
EOF
chmod +x "$T/browser"
printf '[Desktop Entry]\nType=Application\nName=Test browser\nExec=%s %%u\nMimeType=x-scheme-handler/http;x-scheme-handler/https;\n' \
  "$T/browser" >"$XDG_DATA_HOME/applications/test-browser.desktop"
printf '[Desktop Entry]\nType=Application\nName=Qonvex (build)\nExec=%s %%u\nMimeType=x-scheme-handler/qonvex;\n' \
  "$APP_BIN" >"$XDG_DATA_HOME/applications/qonvex-build.desktop"
xdg-mime default test-browser.desktop x-scheme-handler/http x-scheme-handler/https
xdg-mime default qonvex-build.desktop x-scheme-handler/qonvex
[ "$(xdg-mime query default x-scheme-handler/qonvex)" = qonvex-build.desktop ] || fail "qonvex:// handler not registered"

# Window and tray lookups (no window manager: every top-level is a child of the root window).
main_window() { xwininfo -root -children 2>/dev/null | awk '/\("qonvex" "Qonvex"\)/ && /980x700/ {print $1; exit}'; }
tray_window() { xwininfo -id "$PANEL" -tree 2>/dev/null | awk '/\("qonvex" "Qonvex"\)/ {print $1; exit}'; }
app_ready() { WIN=$(main_window); TRAY=$(tray_window); [ -n "$WIN" ] && viewable "$WIN" && [ -n "$TRAY" ] && viewable "$TRAY"; }
# Pixels of the tray icon near a colour: the state badge (statusicons.cpp's colours).
badge_pixels() { # $1 = hex colour; prints how many of the icon's pixels are within 40 of it
  import -window "$TRAY" "$T/tray.png" 2>/dev/null || { echo 0; return; }
  convert "$T/tray.png" -depth 8 txt:- | python3 -c '
import re, sys
want = [int(sys.argv[1][i:i + 2], 16) for i in (0, 2, 4)]
n = 0
for line in sys.stdin:
    m = re.search(r"#([0-9A-Fa-f]{6})", line)
    if m and not line.startswith("#"):
        rgb = [int(m.group(1)[i:i + 2], 16) for i in (0, 2, 4)]
        n += sum(abs(a - b) for a, b in zip(rgb, want)) <= 40
print(n)' "$1"; }
GREEN=2ea043 AMBER=d98e04
badge_is() { [ "$(badge_pixels "$1")" -ge 6 ] && [ "$(badge_pixels "$2")" -le 1 ]; }
popup_shown() { # a mapped qonvex window other than the main window and Qt's 1x1/3x3 helpers
  local id
  for id in $(xwininfo -root -children 2>/dev/null | awk '/\("qonvex" "Qonvex"\)/ && !/980x700/ && !/ 1x1\+/ && !/ 3x3\+/ {print $1}'); do
    viewable "$id" && return 0
  done
  return 1; }
shot() { import -window root "$ART/$1" 2>/dev/null && echo "screenshot: $ART/$1"; }

step "qonvex starts with its icon in the tray ($DISPLAY)"
QT_QPA_PLATFORM=xcb "$APP_BIN" >"$T/app.log" 2>&1 &
APP_PID=$!
wait_for 90 app_ready || { cat "$T/app.log" >&2; fail "no window with a tray icon embedded in trayer's panel"; }
echo "window $WIN, tray icon $TRAY: $(xwininfo -id "$TRAY" | awk '/geometry/ {print $2}')"
wait_for 60 badge_is "$AMBER" "$GREEN" || fail "signed out: the tray badge is not amber"
shot signed-out.png

step "sign in with the browser, from the keyboard"
xdotool windowfocus --sync "$WIN"
xdotool key --clearmodifiers alt+a
wait_for 30 popup_shown || fail "Alt+A did not open the Account menu"
xdotool key b
wait_for 60 test -s "$T/browser-opened" || { cat "$T/app.log" >&2; fail "the browser was never opened"; }
grep -q '/sign-in' "$T/browser-opened" || fail "the browser got $(cat "$T/browser-opened")"
wait_for 90 grep -q "received from another launch" "$T/app.log" ||
  { cat "$T/app.log" >&2; fail "the qonvex:// callback never reached the running window"; }
wait_for 90 badge_is "$GREEN" "$AMBER" || { tail -n 30 "$T/app.log" >&2; fail "signed in: the tray badge is not green"; }
kill -0 "$APP_PID" || fail "the first qonvex is gone"
shot signed-in.png

step "the tray menu says the state"
xdotool mousemove --window "$TRAY" 11 15 click 3
wait_for 30 popup_shown || fail "right click on the tray icon opened no menu"
shot tray-menu.png
xdotool key Escape

step "a left click on the tray icon raises the window over another one"
xmessage -geometry 1000x720+0+0 "a window covering Qonvex" >/dev/null 2>&1 &
COVER_PID=$!
cover_on_top() { xwininfo -root -children | awk -v w="$WIN" '/"xmessage"/ {print "cover"; exit} $1 == w {print "qonvex"; exit}' | grep -qx cover; }
wait_for 30 cover_on_top || fail "the covering window did not go on top"
xdotool mousemove --window "$TRAY" 11 15 click 1
qonvex_on_top() { ! cover_on_top; }
wait_for 30 qonvex_on_top || fail "a click on the tray icon did not bring the window to the top"
shot raised.png
kill "$COVER_PID"; COVER_PID=""

step "the devstack stops: the badge turns amber"
kill "$DEVSTACK_PID"; DEVSTACK_PID=""
wait_for 60 badge_is "$AMBER" "$GREEN" || fail "reconnecting: the tray badge is not amber"
shot reconnecting.png
kill "$APP_PID"
wait_for 30 bash -c "! kill -0 $APP_PID 2>/dev/null" || fail "qonvex did not quit on SIGTERM"
APP_PID=""
echo "== tray icon embedded, states shown, menu and click work; browser sign-in through xdg-open"
