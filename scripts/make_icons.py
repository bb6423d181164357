#!/usr/bin/env python3
"""Regenerates the PWA icons in public/icons/ (standard library only).

    python3 scripts/make_icons.py

A white envelope on a blue square, drawn with 4x4 supersampling. The artwork
stays inside the central 60% so the same PNGs work as maskable icons.
"""
import math
import struct
import zlib
from pathlib import Path

BLUE = (0x00, 0x50, 0xD7)
WHITE = (0xFF, 0xFF, 0xFF)
OUT = Path(__file__).resolve().parent.parent / "public" / "icons"

# Envelope geometry in unit coordinates.
LEFT, RIGHT, TOP, BOTTOM = 0.25, 0.75, 0.33, 0.67
STROKE = 0.035
APEX = (0.5, 0.53)


def dist_to_segment(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def ink(x, y):
    """True where the white line art covers the unit-square point (x, y)."""
    half = STROKE / 2
    inside_outer = LEFT - half <= x <= RIGHT + half and TOP - half <= y <= BOTTOM + half
    inside_inner = LEFT + half < x < RIGHT - half and TOP + half < y < BOTTOM - half
    if inside_outer and not inside_inner:
        return True
    return (
        dist_to_segment(x, y, LEFT, TOP, *APEX) <= half
        or dist_to_segment(x, y, RIGHT, TOP, *APEX) <= half
    )


def png(size):
    ss = 4
    rows = []
    for j in range(size):
        row = bytearray([0])  # filter: none
        for i in range(size):
            hits = sum(
                ink((i + (a + 0.5) / ss) / size, (j + (b + 0.5) / ss) / size)
                for a in range(ss)
                for b in range(ss)
            )
            f = hits / (ss * ss)
            row += bytes(round(BLUE[c] * (1 - f) + WHITE[c] * f) for c in range(3))
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def svg():
    s = 100
    w = STROKE * s
    return f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {s} {s}">
<rect width="{s}" height="{s}" fill="#0050d7"/>
<g fill="none" stroke="#fff" stroke-width="{w:g}" stroke-linejoin="round">
<rect x="{LEFT*s:g}" y="{TOP*s:g}" width="{(RIGHT-LEFT)*s:g}" height="{(BOTTOM-TOP)*s:g}"/>
<polyline points="{LEFT*s:g},{TOP*s:g} {APEX[0]*s:g},{APEX[1]*s:g} {RIGHT*s:g},{TOP*s:g}"/>
</g>
</svg>
"""


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        (OUT / f"icon-{size}.png").write_bytes(png(size))
    (OUT / "icon.svg").write_text(svg())
    print("wrote", ", ".join(sorted(p.name for p in OUT.iterdir())))


if __name__ == "__main__":
    main()
