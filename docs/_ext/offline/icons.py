"""The guide's icons and web app manifest, made at build time. Pure: no Sphinx.

One drawing, a white heart on the area's brand colour (or the theme's), kept inside the middle
of the square so that a phone may crop it to a circle ("maskable"). PNG files come from Pillow
(already installed with WeasyPrint); ``favicon.ico`` wraps the 32-pixel PNG, which every
current browser reads. Every file is the same, byte for byte, for the same colour.
"""

import hashlib
import io
import json
import math
import re
import struct
from pathlib import Path

from PIL import Image, ImageDraw

THEME_CSS = Path(__file__).parent.parent / "theme" / "practice-guide" / "static" / "guide.css"
FALLBACK_BRAND = "#1d4f91"
SUPERSAMPLE = 4
# Published names: (file, pixels). The 32-pixel one goes inside favicon.ico.
PNG_ICONS = {"_static/icon-192.png": 192, "_static/icon-512.png": 512, "_static/icon-180.png": 180}
FAVICON = "favicon.ico"
MANIFEST = "manifest.json"


def theme_brand():
    """The theme's own brand colour: the first ``--brand`` in its stylesheet."""
    try:
        found = re.search(r"--brand:\s*(#[0-9a-fA-F]{6})\b", THEME_CSS.read_text(encoding="utf-8"))
    except OSError:
        found = None
    return found[1].lower() if found else FALLBACK_BRAND


def rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def draw(size, colour):
    """The icon at ``size`` pixels square, as an RGB image."""
    big = size * SUPERSAMPLE
    image = Image.new("RGB", (big, big), rgb(colour))
    pen = ImageDraw.Draw(image)

    def at(x, y):
        return (x * big, y * big)

    # Two circles and the lines from the point at the bottom that touch them.
    radius, top, tip = 0.15, 0.43, (0.5, 0.76)
    sides = []
    for x in (0.36, 0.64):
        pen.ellipse([*at(x - radius, top - radius), *at(x + radius, top + radius)], fill="white")
        dx, dy = tip[0] - x, tip[1] - top
        turn = math.acos(radius / math.hypot(dx, dy)) * (1 if x < 0.5 else -1)
        angle = math.atan2(dy, dx) + turn
        sides.append(at(x + radius * math.cos(angle), top + radius * math.sin(angle)))
    pen.polygon([sides[0], at(*tip), sides[1], at(0.5, top)], fill="white")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def png(size, colour):
    out = io.BytesIO()
    draw(size, colour).save(out, format="PNG", optimize=True)
    return out.getvalue()


def ico(png_bytes, size):
    """An ``.ico`` holding one PNG image (ICONDIR, one ICONDIRENTRY, the PNG)."""
    header = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png_bytes), 22)
    return header + entry + png_bytes


def web_manifest(*, name, short_name, lang, colour):
    """The web app manifest: the guide opens from a phone's home screen, with its own icon."""
    icons = [
        {"src": path, "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}
        for path, size in PNG_ICONS.items()
        if size != 180
        for purpose in ("any", "maskable")
    ]
    data = {
        "name": name,
        "short_name": short_name,
        "lang": lang,
        "dir": "ltr",
        "start_url": "index.html",
        "scope": "./",
        "display": "minimal-ui",
        "background_color": "#ffffff",
        "theme_color": colour,
        "icons": icons,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def files(*, name, short_name, lang, colour):
    """Every icon file and the manifest: {path relative to the site: bytes}."""
    made = {path: png(size, colour) for path, size in PNG_ICONS.items()}
    made[FAVICON] = ico(png(32, colour), 32)
    made[MANIFEST] = web_manifest(
        name=name, short_name=short_name, lang=lang, colour=colour
    ).encode("utf-8")
    return made


RECORD = "offline-icons.json"


def write(root, record_folder, **settings):
    """Write the icons and manifest into the site ``root``, drawing them only when their
    settings (or this file) changed since the build that left ``record_folder/RECORD``, or a
    file is missing or altered: drawing takes longer than the rest of a one-page rebuild."""
    root, record = Path(root), Path(record_folder, RECORD)
    key = hashlib.sha256(
        json.dumps(settings, sort_keys=True).encode() + Path(__file__).read_bytes()
    ).hexdigest()
    try:
        kept = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = {}
    if kept.get("key") == key and all(
        (root / name).is_file() and digest((root / name).read_bytes()) == value
        for name, value in kept.get("files", {}).items()
    ):
        return
    made = files(**settings)
    for name, data in made.items():
        path = root / name
        if not path.exists() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(
        json.dumps({"key": key, "files": {n: digest(d) for n, d in made.items()}}),
        encoding="utf-8",
    )


def digest(data):
    return hashlib.sha256(data).hexdigest()
