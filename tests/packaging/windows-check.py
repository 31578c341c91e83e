#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# windows-check.py DIR RES VERSION APP_ID COMPANY: checks the Windows resources generated into DIR
# (cmake/WindowsResources.cmake) and RES, the .res file llvm-rc compiled from DIR/qonvex.rc:
#  - qonvex.ico: a valid icon directory, every size Windows asks for, each image a PNG of that size
#  - qonvex.exe.manifest: well-formed, the app id and 4-part version, Windows 10/11, asInvoker,
#    UTF-8 code page
#  - RES: the icon images and the icon group IDI_ICON1, manifest resource 1 (byte for byte the
#    manifest file) and a version block with VERSION in its fixed part and strings, COMPANY as
#    CompanyName
import struct
import sys
import xml.etree.ElementTree as ET

ICON_SIZES = [16, 20, 24, 32, 40, 48, 64, 256]
RT_ICON, RT_GROUP_ICON, RT_VERSION, RT_MANIFEST = 3, 14, 16, 24
WINDOWS_10_GUID = "{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}"


def check(condition, message):
    if not condition:
        sys.exit(f"FAIL: {message}")


def read_ico(path):
    """[(size, png bytes)] in directory order."""
    data = open(path, "rb").read()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    check((reserved, kind) == (0, 1), f"{path}: not an icon file")
    images = []
    for i in range(count):
        w, h, colours, _, planes, bits, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        check(offset + length <= len(data), f"{path}: image {i} runs past the end")
        png = data[offset:offset + length]
        check(png[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: image {i} is not a PNG")
        pw, ph = struct.unpack(">II", png[16:24])
        size = w or 256
        check((pw, ph) == (size, h or 256), f"{path}: entry {i} says {size}px, the PNG is {pw}x{ph}")
        check((planes, bits, colours) == (1, 32, 0), f"{path}: entry {i} is not 32-bit")
        images.append((size, png))
    check([s for s, _ in images] == ICON_SIZES, f"{path}: sizes {[s for s, _ in images]}, want {ICON_SIZES}")
    return images


def check_manifest(path, version, app_id):
    ns = {"asm": "urn:schemas-microsoft-com:asm.v1", "compat": "urn:schemas-microsoft-com:compatibility.v1",
          "v3": "urn:schemas-microsoft-com:asm.v3", "ws2019": "http://schemas.microsoft.com/SMI/2019/WindowsSettings"}
    root = ET.parse(path).getroot()
    check(root.tag == "{urn:schemas-microsoft-com:asm.v1}assembly", f"{path}: root is {root.tag}")
    check(root.get("manifestVersion") == "1.0", f"{path}: manifestVersion")
    identity = root.find("asm:assemblyIdentity", ns)
    check(identity is not None, f"{path}: no assemblyIdentity")
    check(identity.get("name") == app_id, f"{path}: assembly name {identity.get('name')}")
    check(identity.get("version") == version + ".0", f"{path}: assembly version {identity.get('version')}")
    check(identity.get("type") == "win32", f"{path}: assembly type")
    oses = [e.get("Id") for e in root.findall("compat:compatibility/compat:application/compat:supportedOS", ns)]
    check(WINDOWS_10_GUID in oses, f"{path}: Windows 10/11 not among the supported OS: {oses}")
    level = root.find("v3:trustInfo/v3:security/v3:requestedPrivileges/v3:requestedExecutionLevel", ns)
    check(level is not None and level.get("level") == "asInvoker", f"{path}: execution level is not asInvoker")
    codepage = root.find("v3:application/v3:windowsSettings/ws2019:activeCodePage", ns)
    check(codepage is not None and codepage.text == "UTF-8", f"{path}: active code page is not UTF-8")


def read_res(path):
    """{(type, name): data}; names and types are ints (ordinals) or strings."""
    data = open(path, "rb").read()
    resources = {}
    pos = 0

    def id_at(offset):
        if struct.unpack_from("<H", data, offset)[0] == 0xFFFF:
            return struct.unpack_from("<H", data, offset + 2)[0], offset + 4
        end = offset
        while data[end:end + 2] != b"\0\0":
            end += 2
        return data[offset:end].decode("utf-16-le"), end + 2

    while pos < len(data):
        data_size, header_size = struct.unpack_from("<II", data, pos)
        kind, after = id_at(pos + 8)
        name, _ = id_at(after)
        body = data[pos + header_size:pos + header_size + data_size]
        check(len(body) == data_size, f"{path}: resource {kind}/{name} runs past the end")
        if data_size:  # the leading empty entry marks a 32-bit .res file
            check((kind, name) not in resources, f"{path}: resource {kind}/{name} twice")
            resources[(kind, name)] = body
        pos += (header_size + data_size + 3) & ~3
    return resources


def check_res(path, images, manifest, version, company):
    res = read_res(path)
    icons = sorted(body for (kind, _), body in res.items() if kind == RT_ICON)
    check(icons == sorted(png for _, png in images), f"{path}: the icon images differ from qonvex.ico")
    group = res.get((RT_GROUP_ICON, "IDI_ICON1"))
    check(group is not None, f"{path}: no icon group IDI_ICON1 (Qt's default window icon)")
    check(struct.unpack_from("<HHH", group, 0) == (0, 1, len(images)), f"{path}: icon group header")
    check(res.get((RT_MANIFEST, 1)) == manifest, f"{path}: manifest resource 1 is not qonvex.exe.manifest")
    block = res.get((RT_VERSION, 1))
    check(block is not None, f"{path}: no version resource 1")
    major, minor, patch = (int(p) for p in version.split("."))
    fixed = block.find(struct.pack("<I", 0xFEEF04BD))
    check(fixed >= 0, f"{path}: no VS_FIXEDFILEINFO")
    file_ms, file_ls, product_ms, product_ls = struct.unpack_from("<IIII", block, fixed + 8)
    want = ((major << 16) | minor, patch << 16)
    check((file_ms, file_ls) == want and (product_ms, product_ls) == want, f"{path}: fixed version is not {version}.0")
    for key, value in (("ProductVersion", version), ("FileVersion", version), ("CompanyName", company),
                       ("OriginalFilename", "qonvex.exe"), ("ProductName", "Qonvex")):
        # A String entry: key, NUL, padding to 4 bytes, value, NUL (UTF-16LE).
        key_at = block.find((key + "\0").encode("utf-16-le"))
        check(key_at >= 0, f"{path}: no {key} in the version strings")
        value_at = (key_at + 2 * (len(key) + 1) + 3) & ~3
        found = block[value_at:value_at + 2 * (len(value) + 1)]
        check(found == (value + "\0").encode("utf-16-le"),
              f"{path}: {key} is {found.decode('utf-16-le', 'replace')!r}, want {value!r}")


def main():
    folder, res_path, version, app_id, company = sys.argv[1:6]
    images = read_ico(f"{folder}/qonvex.ico")
    check_manifest(f"{folder}/qonvex.exe.manifest", version, app_id)
    manifest = open(f"{folder}/qonvex.exe.manifest", "rb").read()
    check_res(res_path, images, manifest, version, company)
    print(f"Windows resources: icon {ICON_SIZES} px, manifest {app_id} {version}.0, version block {version}, "
          f"CompanyName {company!r}")


if __name__ == "__main__":
    main()
