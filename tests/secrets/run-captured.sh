#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs one integration/e2e test for the secrets scan (see README.md):
#   run-captured.sh NAME COMMAND [ARGS...]
# - every logging category at debug (QT_LOGGING_RULES="*.debug=true");
# - HOME, XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME and TMPDIR point into a fresh
#   per-test scratch folder, so everything the app writes (QSettings, web profile, caches,
#   leftovers in the temp folder) ends up where the scan can read it. D-Bus, the keyring
#   daemon and XDG_RUNTIME_DIR are left alone: the keychain is the one allowed store;
#   other programs' cache settings too (CCACHE_DIR is pinned to the one in use);
# - the Clerk stand-in appends every secret it issues to a per-test file
#   (QONVEX_DEVSTACK_SECRETS_LOG), which the scan reads and never scans;
# - stdout and stderr go, merged and complete, to a per-test output file; ctest sees the
#   same stream without the in-process QDEBUG lines (they would drown a failure report);
# - what the test reads from its own child processes (qonvex-cli, the app, the devstack,
#   helpers) without printing it, tests/common/childoutput.h appends to files in a per-test
#   folder (QONVEX_SECRETS_CHILD_DIR); the children inherit the debug logging.
# The exit status is the test's; a test killed by a signal is re-killed with that signal.
set -uo pipefail

if [ $# -lt 2 ]; then
  echo "usage: run-captured.sh NAME COMMAND [ARGS...]" >&2
  exit 2
fi
name=$1
shift
artifacts=${QONVEX_ARTIFACTS_DIR:-${TMPDIR:-/tmp}/qonvex-test-artifacts}
root=$artifacts/secrets-scan
scratch=$root/scratch/$name
issued=$root/issued/$name.log
output=$root/output/$name.log
children=$root/children/$name

rm -rf "$scratch" "$children"
mkdir -p "$scratch/home" "$scratch/config" "$scratch/data" "$scratch/cache" "$scratch/tmp" \
         "$root/issued" "$root/output" "$children" || exit 1
chmod 700 "$scratch"/* "$root/issued" "$children"
: > "$issued" && chmod 600 "$issued" || exit 1

# Keep a warm compiler cache for the tests that build something (packaging).
if [ -z "${CCACHE_DIR:-}" ] && command -v ccache >/dev/null; then
  CCACHE_DIR=$(ccache -k cache_dir 2>/dev/null) && [ -n "$CCACHE_DIR" ] && export CCACHE_DIR
fi
export HOME=$scratch/home XDG_CONFIG_HOME=$scratch/config XDG_DATA_HOME=$scratch/data \
       XDG_CACHE_HOME=$scratch/cache TMPDIR=$scratch/tmp \
       QT_LOGGING_RULES='*.debug=true' QONVEX_DEVSTACK_SECRETS_LOG=$issued \
       QONVEX_SECRETS_CHILD_DIR=$children

echo "secrets scan: full output (debug logging) in $output"
"$@" 2>&1 | tee "$output" | grep --line-buffered -v '^QDEBUG : '
statuses=("${PIPESTATUS[@]}")
rc=${statuses[0]}
hidden=$(grep -c '^QDEBUG : ' "$output" 2>/dev/null)
echo "secrets scan: ${hidden:-0} QDEBUG lines not shown above; full output: $output"
child_files=$(find "$children" -type f 2>/dev/null | wc -l)
read -r child_lines child_bytes < <(find "$children" -type f -exec cat {} + 2>/dev/null | wc -lc)
echo "secrets scan: child processes' output recorded: $child_files files, ${child_lines:-0} lines," \
     "${child_bytes:-0} bytes in $children"
if [ "$rc" -gt 128 ] && [ "$rc" -lt 160 ]; then
  trap - "$((rc - 128))" 2>/dev/null
  kill -s "$((rc - 128))" $$
fi
exit "$rc"
