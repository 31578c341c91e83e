#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The convexclient CMake package as another project sees it: install the library into an empty
# prefix, build examples/ against it with find_package(ConvexClient), run the example against
# devstack/run (subscribe to tasks:list, tasks:add with a Clerk token, see the live update).
set -euo pipefail
SRC=${QONVEX_SOURCE_DIR:?run through ctest}
BUILD=${QONVEX_BUILD_DIR:?run through ctest}
T=$(mktemp -d /tmp/qonvex-consumer.XXXXXX)
DEV_PID=""
cleanup() {
  [ -n "$DEV_PID" ] && kill "$DEV_PID" 2>/dev/null || true
  # The stand-in's log is read only on failure: keep it for the secrets scan (tests/secrets).
  if [ -n "${QONVEX_SECRETS_CHILD_DIR:-}" ] && [ -f "$T/devstack.log" ]; then
    cp "$T/devstack.log" "$QONVEX_SECRETS_CHILD_DIR/devstack_run.stderr" || true
  fi
  rm -rf "$T"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

step "cmake --install (component ConvexClient_Development) into $T/prefix"
cmake --build "$BUILD" --target convexclient convexclient_core -j "${QONVEX_JOBS:-2}" >/dev/null
cmake --install "$BUILD" --prefix "$T/prefix" --component ConvexClient_Development
for f in include/convexclient/convexclient.h include/convexclient/client.h \
         lib/libconvexclient.a lib/libconvexclient_core.a \
         lib/cmake/ConvexClient/ConvexClientConfig.cmake \
         lib/cmake/ConvexClient/ConvexClientConfigVersion.cmake \
         lib/cmake/ConvexClient/ConvexClientTargets.cmake; do
  [ -f "$T/prefix/$f" ] || fail "not installed: $f"
done
# Nothing private: no nlohmann or source-tree paths reach the installed package.
if grep -rl "nlohmann/json.hpp" "$T/prefix/include" >/dev/null; then fail "a public header includes nlohmann"; fi
if grep -rl "$SRC" "$T/prefix/lib/cmake" >/dev/null; then fail "the CMake package refers to the source tree"; fi

step "version check: a newer minor version than installed is refused"
mkdir -p "$T/vercheck"
cat > "$T/vercheck/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.21)
project(vercheck LANGUAGES CXX)
find_package(ConvexClient 0.99 QUIET)
if(ConvexClient_FOUND)
  message(FATAL_ERROR "ConvexClient ${ConvexClient_VERSION} accepted for 0.99")
endif()
find_package(ConvexClient 0.1 QUIET)
if(NOT ConvexClient_FOUND)
  message(FATAL_ERROR "ConvexClient not found for 0.1")
endif()
CMAKE
cmake -S "$T/vercheck" -B "$T/vercheck/build" -DCMAKE_PREFIX_PATH="$T/prefix" >/dev/null

step "configure and build examples/ against the installed package"
# Only the prefix is searched for ConvexClient; the build tree's package registry is not.
cmake -S "$SRC/examples" -B "$T/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$T/prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >/dev/null
grep -q "$T/prefix/lib/libconvexclient.a" "$T/build/build.ninja" || fail "examples do not link the installed libconvexclient.a"
if grep -q "$SRC/convexclient/include" "$T/build/build.ninja"; then fail "examples see the source tree's headers"; fi
cmake --build "$T/build" -j "${QONVEX_JOBS:-2}"

step "run the example against devstack/run"
coproc DEVSTACK { exec "$SRC/devstack/run" --data "$T/data.json" 2>"$T/devstack.log"; }
DEV_PID=$DEVSTACK_PID
ready=""
read -r -t 90 ready <&"${DEVSTACK[0]}" || { cat "$T/devstack.log" >&2; fail "devstack did not report ready"; }
convex_url=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["convexUrl"])' "$ready")
token=$(python3 "$SRC/tests/packaging/devstack-token.py" "$ready")
[ -n "$token" ] || fail "no token from the Clerk stand-in"

text="from an installed ConvexClient $$"
set +e
out=$(CONVEX_AUTH_TOKEN="$token" "$T/build/convex-tasks" "$convex_url" "$text" 2>"$T/example.err")
rc=$?
set -e
echo "$out"
cat "$T/example.err" >&2
[ "$rc" -eq 0 ] || fail "convex-tasks exited with $rc"
grep -q "^tasks:add: created a task" <<<"$out" || fail "the mutation did not report success"
grep -q "^the new task is in the live query" <<<"$out" || fail "the subscription never showed the task"

step "the README's snippet: its lines are in examples/readme/main.cpp, in order, and it runs"
python3 - "$SRC/README.md" "$SRC/examples/readme/main.cpp" <<'PY' || fail "the README's convexclient snippet differs from examples/readme/main.cpp"
import re, sys
readme = open(sys.argv[1]).read()
blocks = [b for b in re.findall(r"```cpp\n(.*?)```", readme, re.S) if "convex::Client client" in b]
if len(blocks) != 1:
    sys.exit(f"expected one cpp block with the client in the README, found {len(blocks)}")
program = [line.strip() for line in open(sys.argv[2])]
at = 0
for line in (l.strip() for l in blocks[0].splitlines()):
    if not line:
        continue
    try:
        at = program.index(line, at) + 1
    except ValueError:
        sys.exit(f"README line not in the program (in order): {line}")
print(f"{sum(1 for l in blocks[0].splitlines() if l.strip())} README lines found in order")
PY
set +e
CONVEX_AUTH_TOKEN="$token" "$T/build/readme-example" "$convex_url" >"$T/readme.out" 2>"$T/readme.err"
rc=$?
set -e
cat "$T/readme.out" "$T/readme.err"
[ "$rc" -eq 0 ] || fail "readme-example exited with $rc"
grep -q "^tasks:list: [1-9][0-9]* task(s)" "$T/readme.out" || fail "readme-example never saw its task"

step "without a valid token the mutation is refused (the example reports the error, exit 1)"
set +e
CONVEX_AUTH_TOKEN="not-a-jwt" "$T/build/convex-tasks" "$convex_url" "anonymous" >"$T/anon.out" 2>"$T/anon.err"
rc=$?
set -e
cat "$T/anon.out" "$T/anon.err"
[ "$rc" -eq 1 ] || fail "convex-tasks with a bad token exited with $rc, expected 1"
