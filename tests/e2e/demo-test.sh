#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `./dev demo` after its build step (tools/dev-demo), both ways the README promises:
#  - no display: two headless runs against one data file. Each prints the paths of its four
#    screenshots (welcome, sign-in, main window, inline error; real pictures, not blank), and
#    the second run finds the first run's task still there (tasks survive restarts).
#  - a display ($DISPLAY, here an Xvfb with no window manager): the real app opens on it
#    against the devstack; quitting it (Ctrl+Q) ends the demo with status 0 and stops the stack.
# Screenshots go to $QONVEX_ARTIFACTS_DIR/demo/.
set -euo pipefail
SRC=${QONVEX_SOURCE_DIR:?run through ctest}
BUILD=${QONVEX_BUILD_DIR:?run through ctest}
. "$SRC/tests/common/xdesktop.sh"
ART=${QONVEX_ARTIFACTS_DIR:-$BUILD/test-artifacts}/demo
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }
mkdir -p "$ART"
T=$(mktemp -d /tmp/qonvex-demo-test.XXXXXX)
XVFB_PID="" DEMO_PID=""
cleanup() {
  for p in "$DEMO_PID" "$XVFB_PID"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  cp "$T"/*.log "$ART/" 2>/dev/null || true
  cp "$T/data/qonvex-demo/devstack.log" "$ART/demo-devstack.log" 2>/dev/null || true
  if [ -n "${QONVEX_SECRETS_CHILD_DIR:-}" ]; then # what the demo printed, for the secrets scan
    for f in "$T"/*.log "$T/data/qonvex-demo/devstack.log"; do
      [ -f "$f" ] && cp "$f" "$QONVEX_SECRETS_CHILD_DIR/demo_$(basename "$f")"
    done
  fi
  rm -rf "$T"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port_closed() { ! python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$1" 2>/dev/null; }

mkdir -m 700 "$T/home" "$T/config" "$T/data" "$T/cache" "$T/run"
export HOME=$T/home XDG_CONFIG_HOME=$T/config XDG_DATA_HOME=$T/data XDG_CACHE_HOME=$T/cache XDG_RUNTIME_DIR=$T/run
QONVEX_DEMO_CLERK_PORT=$(free_port)
QONVEX_DEMO_CONVEX_PORT=$(free_port)
while [ "$QONVEX_DEMO_CONVEX_PORT" = "$QONVEX_DEMO_CLERK_PORT" ]; do QONVEX_DEMO_CONVEX_PORT=$(free_port); done
export QONVEX_BUILD_DIR=$BUILD QONVEX_DEMO_CLERK_PORT QONVEX_DEMO_CONVEX_PORT
unset QT_QPA_PLATFORM LANGUAGE LC_ALL LC_MESSAGES # the checks below read the English texts
export LANG=C.UTF-8
DATA=$XDG_DATA_HOME/qonvex-demo/convex-data.json

for run in 1 2; do
  step "headless run $run (no DISPLAY)"
  env -u DISPLAY -u WAYLAND_DISPLAY "$SRC/tools/dev-demo" >"$T/headless-$run.log" 2>&1 ||
    { cat "$T/headless-$run.log" >&2; fail "headless run $run exited with $?"; }
  for shot in welcome sign-in main-window inline-error; do
    n=$(grep -c "^/.*/demo-[0-9]-$shot\.png$" "$T/headless-$run.log" || true)
    [ "$n" = 1 ] || fail "run $run printed no path for the $shot screenshot"
    file=$(grep "^/.*/demo-[0-9]-$shot\.png$" "$T/headless-$run.log")
    [ "$(identify -format %k "$file")" -gt 32 ] || fail "$file is blank"
    cp "$file" "$ART/run$run-$(basename "$file")"
  done
  grep -q '"Try Qonvex"' "$DATA" || fail "the data file has no task after run $run"
  count[$run]=$(sed -n 's/^signed in as: Signed in as Ada Lovelace; tasks now: \([0-9]*\)$/\1/p' "$T/headless-$run.log")
  [ -n "${count[$run]}" ] || fail "run $run did not say who signed in and how many tasks there are"
  echo "run $run: tasks now ${count[$run]}"
done
[ "${count[2]}" = $((count[1] + 1)) ] || fail "run 2 saw ${count[2]} tasks, run 1 left ${count[1]}: tasks did not survive"
port_closed "$QONVEX_DEMO_CONVEX_PORT" || fail "the headless demo left the devstack running"

step "with a display"
start_xvfb "$T"
"$SRC/tools/dev-demo" >"$T/display.log" 2>&1 &
DEMO_PID=$!
main_window() { xwininfo -root -children 2>/dev/null | awk '/\("qonvex" "Qonvex"\)/ && /980x700/ {print $1; exit}'; }
shown() { WIN=$(main_window); [ -n "$WIN" ] && xwininfo -id "$WIN" | grep -q "Map State: IsViewable"; }
wait_for 90 shown || { cat "$T/display.log" >&2; fail "no Qonvex window on $DISPLAY"; }
grep -q "sign in as ada@example.com" "$T/display.log" || fail "the demo did not say how to sign in"
screenshot() { import -window root "$ART/display.png" 2>/dev/null && [ "$(identify -format %k "$ART/display.png")" -gt 32 ]; }
wait_for 60 screenshot || fail "the window stayed blank"
echo "screenshot: $ART/display.png"
xdotool windowfocus --sync "$WIN"
xdotool key --clearmodifiers ctrl+q
wait_for 60 bash -c "! kill -0 $DEMO_PID 2>/dev/null" || fail "the demo kept running after Ctrl+Q"
rc=0; wait "$DEMO_PID" || rc=$?
DEMO_PID=""
[ "$rc" = 0 ] || { cat "$T/display.log" >&2; fail "the demo exited with $rc"; }
wait_for 30 port_closed "$QONVEX_DEMO_CONVEX_PORT" || fail "quitting Qonvex left the devstack running"
echo "== ./dev demo: headless twice (tasks kept) and on a display"
