#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every translation in resources/translations is complete and consistent with the sources:
#  - lupdate over ui/ and app/ (what the qonvex_update_translations target runs) into a copy of
#    each .ts finds no string the file lacks, and the file keeps none the sources dropped
#  - every message is translated, keeps the source's placeholders (%1, %2, %n) and has as many
#    mnemonic markers ('&') as the source
# Usage (through ctest): translations-test.sh LUPDATE
set -euo pipefail
LUPDATE=${1:?usage: translations-test.sh LUPDATE}
SRC=${QONVEX_SOURCE_DIR:?run through ctest}
fail() { echo "FAIL: $*" >&2; exit 1; }
T=$(mktemp -d /tmp/qonvex-i18n.XXXXXX)
trap 'rm -rf "$T"' EXIT
shopt -s nullglob
files=("$SRC"/resources/translations/qonvex_*.ts)
[ "${#files[@]}" -gt 0 ] || fail "no resources/translations/qonvex_*.ts"
for ts in "${files[@]}"; do
  name=$(basename "$ts")
  cp "$ts" "$T/$name"
  (cd "$SRC" && "$LUPDATE" -no-obsolete -locations none ui app -ts "$T/$name") >"$T/lupdate.log" 2>&1 ||
    { cat "$T/lupdate.log" >&2; fail "lupdate failed"; }
  python3 - "$ts" "$T/$name" <<'PY'
import re, sys
import xml.etree.ElementTree as ET

def messages(path):
    out = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        cname = ctx.findtext("name")
        for m in ctx.iter("message"):
            key = (cname, m.findtext("source"), m.findtext("comment") or "")
            out[key] = m
    return out

committed, fresh = messages(sys.argv[1]), messages(sys.argv[2])
problems = []
for key in sorted(set(fresh) - set(committed)):
    problems.append(f"not in the file (run the qonvex_update_translations target): {key[0]}: {key[1]!r}")
for key in sorted(set(committed) - set(fresh)):
    problems.append(f"no longer in the sources: {key[0]}: {key[1]!r}")
placeholder = re.compile(r"%(?:\d+|n)")
def mnemonics(text):  # '&x' markers; '&&' is a literal ampersand
    return len(re.findall(r"&(?!&)[^\s&]", text.replace("&&", "")))
for key, m in sorted(committed.items()):
    t = m.find("translation")
    where = f"{key[0]}: {key[1]!r}"
    # A plural message (tr() with n) has one <numerusform> per plural form of the language.
    forms = [f.text or "" for f in t.iter("numerusform")] if t is not None else []
    texts = forms if forms else [(t.text or "") if t is not None else ""]
    if t is None or t.get("type") in ("unfinished", "vanished", "obsolete") or not all(x.strip() for x in texts):
        problems.append(f"untranslated: {where}")
        continue
    for text in texts:
        if sorted(placeholder.findall(key[1])) != sorted(placeholder.findall(text)):
            problems.append(f"placeholders differ: {where} -> {text!r}")
        if mnemonics(key[1]) != mnemonics(text):
            problems.append(f"mnemonic markers differ: {where} -> {text!r}")
for p in problems:
    print(p)
print(f"{sys.argv[1]}: {len(committed)} messages, {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
PY
done
echo "== every translation is complete and consistent with the sources"
