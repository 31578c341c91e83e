#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# make-ico.py OUT.ico IN.png...: packs square 8-bit RGBA PNGs (rendered from the app's SVG by
# rsvg-convert, see cmake/WindowsResources.cmake) into one Windows icon. Each image is stored as
# PNG, which Windows reads in .ico files since Vista. Standard library only, so it runs wherever
# python3 does.
import struct
import sys

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data, name):
    """Width and height from the IHDR chunk; refuses what an icon cannot hold."""
    if data[:8] != PNG_SIGNATURE or data[12:16] != b"IHDR":
        sys.exit(f"make-ico: {name} is not a PNG")
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    if width != height or not 1 <= width <= 256:
        sys.exit(f"make-ico: {name} is {width}x{height}; icons are square, 1 to 256 px")
    if (depth, colour) != (8, 6):
        sys.exit(f"make-ico: {name} must be 8-bit RGBA (rsvg-convert writes that)")
    return width


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: make-ico.py OUT.ico IN.png...")
    images = []
    for name in sys.argv[2:]:
        with open(name, "rb") as f:
            data = f.read()
        images.append((png_size(data, name), data))
    images.sort(key=lambda image: image[0])
    sizes = [size for size, _ in images]
    if len(set(sizes)) != len(sizes):
        sys.exit(f"make-ico: two images of the same size: {sizes}")

    # ICONDIR, then one ICONDIRENTRY per image (16 bytes), then the images themselves.
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for size, data in images:
        byte_size = size % 256  # 0 stands for 256
        out += struct.pack("<BBBBHHII", byte_size, byte_size, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    for _, data in images:
        out += data
    with open(sys.argv[1], "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main()
