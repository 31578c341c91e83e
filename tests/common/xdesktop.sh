# SPDX-License-Identifier: MIT
# Shared by the shell tests that use an X desktop (source it): polling and a private Xvfb.

# wait_for SECONDS COMMAND...: polls COMMAND until it succeeds or the deadline passes (real
# processes: no fixed sleeps as synchronisation).
wait_for() { local secs=$1; shift; local end=$((SECONDS + secs))
  until "$@"; do [ $SECONDS -lt $end ] || return 1; sleep 0.2; done; }

# start_xvfb DIR: starts Xvfb on a free display (1280x800, no TCP), logging to DIR/xvfb.log;
# exports DISPLAY and sets XVFB_PID (the caller kills it).
start_xvfb() {
  mkfifo "$1/displayfd"
  Xvfb -displayfd 5 -screen 0 1280x800x24 -nolisten tcp 5>"$1/displayfd" 2>"$1/xvfb.log" &
  XVFB_PID=$!
  local display
  read -r -t 30 display <"$1/displayfd" || { echo "FAIL: Xvfb did not start: $(cat "$1/xvfb.log")" >&2; exit 1; }
  export DISPLAY=":$display"
}

# viewable WINDOW_ID: the window is mapped and viewable.
viewable() { xwininfo -id "$1" 2>/dev/null | grep -q "Map State: IsViewable"; }
