#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# packaging/macos/Info.plist.in, filled in like CMake's MACOSX_BUNDLE does, must be a valid
# property list that registers the qonvex:// URL scheme under the app's bundle id.
import plistlib
import re
import sys

text = open(sys.argv[1], encoding="utf-8").read()
values = {"MACOSX_BUNDLE_EXECUTABLE_NAME": "qonvex", "MACOSX_BUNDLE_ICON_FILE": "qonvex.icns",
          "MACOSX_BUNDLE_SHORT_VERSION_STRING": "0.1.0", "MACOSX_BUNDLE_BUNDLE_VERSION": "0.1.0"}
unknown = set(re.findall(r"\$\{(\w+)\}", text)) - set(values)
if unknown:
    sys.exit(f"Info.plist.in uses variables MACOSX_BUNDLE does not set: {sorted(unknown)}")
for key, value in values.items():
    text = text.replace("${" + key + "}", value)
plist = plistlib.loads(text.encode())
assert plist["CFBundleIdentifier"] == "io.github.qonvex.Qonvex", plist["CFBundleIdentifier"]
assert plist["CFBundleExecutable"] == "qonvex"
schemes = [s for t in plist.get("CFBundleURLTypes", []) for s in t.get("CFBundleURLSchemes", [])]
assert schemes == ["qonvex"], f"URL schemes: {schemes}"
print("Info.plist.in: valid, bundle io.github.qonvex.Qonvex, URL scheme qonvex")
