#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The Windows resources (cmake/WindowsResources.cmake), as far as Linux can check them: renders
# the .ico, compiles qonvex.rc with llvm-rc (no Windows SDK: the .rc has no #include) and has
# windows-check.py look inside the .ico, the manifest and the compiled .res.
# Usage (from ctest): windows-test.sh [LLVM_RC]
set -euo pipefail
SRC=${QONVEX_SOURCE_DIR:?run through ctest}
BUILD=${QONVEX_BUILD_DIR:?run through ctest}
W=$BUILD/packaging/windows
fail() { echo "FAIL: $*" >&2; exit 1; }
T=$(mktemp -d /tmp/qonvex-windows.XXXXXX)
trap 'rm -rf "$T"' EXIT

cmake --build "$BUILD" --target qonvex_windows_resources
rc=${1:-$(command -v llvm-rc || command -v llvm-rc-14 || true)}
[ -n "$rc" ] || fail "llvm-rc not found (Debian: llvm)"
# llvm-rc reads any argument that starts with "/" as an option, so an absolute input path such as
# /check/... is taken for /C (code page): compile from inside $W with a relative name.
(cd "$W" && "$rc" /no-preprocess /FO "$T/qonvex.res" qonvex.rc) || fail "llvm-rc could not compile $W/qonvex.rc"

version=$(sed -n 's/^project(Qonvex VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
# The company is the project contact's name (QONVEX_CONTACT), as in the Debian copyright file.
company=$(sed -n 's/^Upstream-Contact: \(.*\) <.*>$/\1/p' "$BUILD/packaging/metadata/copyright")
[ -n "$company" ] || fail "no contact name in $BUILD/packaging/metadata/copyright"
python3 "$SRC/tests/packaging/windows-check.py" "$W" "$T/qonvex.res" "$version" io.github.qonvex.Qonvex "$company"
echo "== Windows resources valid"
