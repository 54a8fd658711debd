"""Files a profile names: always inside its folder, always bounded in size, logos checked.

A profile may come from anyone who can edit a folder on a shared drive, so no name it gives
may lead out of that folder (``..``, an absolute path, a symbolic link), and no file is read
past its limit. Each refusal is an ``Invalid`` with a sentence for the administrator.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

import defusedxml.ElementTree as SafeXML
from defusedxml import DefusedXmlException

from .fields import Invalid, either

KIB, MIB = 1024, 1024 * 1024
PROFILE_LIMIT = 1 * MIB  # profile.toml
SOURCE_LIMIT = 10 * MIB  # each services file
LOGO_LIMIT = 1 * MIB
SERVICES_LIMIT = 10_000  # services in all, local and national
LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")

PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"


def size_text(size):
    return f"{size / MIB:.1f} MiB" if size >= MIB else f"{size / KIB:.0f} KiB"


def checked_name(name, suffixes, where="the profile folder"):
    """Refuse a name that is absolute, climbs out with ``..``, or has the wrong ending."""
    if (
        PurePosixPath(name).is_absolute()
        or PureWindowsPath(name).is_absolute()
        or (PureWindowsPath(name).drive)
    ):
        raise Invalid(f"{name!r} is an absolute path: name a file inside {where}")
    if ".." in PurePosixPath(name.replace("\\", "/")).parts:
        raise Invalid(f"{name!r} leads out of {where}: name a file inside it")
    if not name.lower().endswith(suffixes):
        raise Invalid(f"{name!r} must be a {either(suffixes)} file")


def new_file(folder, name, suffixes):
    """Where a file the guide will write (an import snapshot) goes: inside ``folder``, in a
    folder that exists there, and not a link leading elsewhere if it already exists."""
    checked_name(name, suffixes)
    base = Path(folder).resolve()
    path = Path(folder, name)
    try:
        parent = path.parent.resolve(strict=True)
    except (OSError, RuntimeError):
        raise Invalid(f"{name!r} is not in a folder inside the profile folder") from None
    if not parent.is_relative_to(base):
        raise Invalid(f"{name!r} is not in a folder inside the profile folder")
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise Invalid(f"{name!r} exists and is not an ordinary file")
    return parent / path.name


def inside(folder, name, suffixes, where="the profile folder"):
    """The real path of ``name`` in ``folder``, which must be a file there with one of
    ``suffixes``; anything leading elsewhere is refused before it is opened."""
    checked_name(name, suffixes, where)
    base = Path(folder).resolve()
    path = Path(folder, name)
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise Invalid(f"{name!r} is not a file in {where}") from None
    if not real.is_relative_to(base):
        raise Invalid(f"{name!r} is a link to a file outside {where}")
    if not real.is_file():
        raise Invalid(f"{name!r} is not a file in {where}")
    return real


def read_bounded(path, limit, what):
    """The file's bytes, refusing before reading when it is larger than ``limit``."""
    try:
        with open(path, "rb") as handle:
            size = Path(path).stat().st_size
            if size > limit:
                raise Invalid(f"is {size_text(size)}; {what} may be at most {size_text(limit)}")
            data = handle.read(limit + 1)
    except OSError as exc:
        raise Invalid(f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise Invalid(f"is larger than {size_text(limit)}, the most {what} may be")
    return data


@dataclass(frozen=True)
class Logo:
    """A checked logo: where it is and what it is, judged by its content."""

    path: Path
    format: str  # svg, png or jpeg

    @property
    def published_name(self):
        """The name it is published under: never a name the profile chose."""
        return f"area-logo.{self.format}"


def logo(path):
    """PNG, JPEG or a static SVG (no scripts, event attributes, foreignObject or external
    references), at most 1 MiB."""
    data = read_bounded(path, LOGO_LIMIT, "a logo")
    if data.startswith(PNG):
        return Logo(path, "png")
    if data.startswith(JPEG):
        return Logo(path, "jpeg")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = ""
    if "<svg" not in text:
        raise Invalid(f"{path.name!r} is not a PNG, JPEG or SVG image")
    svg_problem = unsafe_svg(text)
    if svg_problem:
        raise Invalid(f"{path.name!r} {svg_problem}; remove it, or use a PNG instead")
    return Logo(path, "svg")


SVG_NS = "{http://www.w3.org/2000/svg}"
FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
LINK_ATTRIBUTES = {"href", "src"}
EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)


def local_name(name):
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def unsafe_svg(text):
    """Why an SVG could run code or fetch something when opened, or "" if it cannot."""
    if re.search(r"<\?xml-stylesheet", text, re.IGNORECASE):
        return "loads a stylesheet from elsewhere (<?xml-stylesheet?>)"
    try:
        root = SafeXML.fromstring(text, forbid_dtd=True)
    except DefusedXmlException:
        return "declares a DTD or entities, which a logo never needs"
    except SafeXML.ParseError as exc:
        return f"is not valid SVG ({exc})"
    if local_name(root.tag) != "svg":
        return "is not an SVG image"
    for element in root.iter():
        name = local_name(element.tag) if isinstance(element.tag, str) else ""
        if name in FORBIDDEN_ELEMENTS:
            return f"contains a <{name}> element"
        if name in {"set", "animate"} and local_name(element.get("attributeName", "")) in (
            LINK_ATTRIBUTES
        ):
            return f"contains an <{name}> that changes a link"
        for attribute, value in element.attrib.items():
            key = local_name(attribute)
            if key.startswith("on"):
                return f"contains an event attribute ({key}=)"
            if key in LINK_ATTRIBUTES and not value.strip().startswith("#"):
                return f"refers to something outside the image ({key}={value[:60]!r})"
            if EXTERNAL_URL.search(value) or "javascript:" in value.lower():
                return f"refers to something outside the image ({key}=)"
        if (
            name == "style"
            and element.text
            and (EXTERNAL_URL.search(element.text) or "@import" in element.text.lower())
        ):
            return "has a stylesheet that refers to something outside the image"
    return ""


def json_listing(data, key):
    """``data`` as JSON text, its list ``data[key]`` (the last key) one item to a line."""
    return "".join(json_chunks(data, key))


def json_chunks(data, key):
    """``data`` as JSON text in pieces, its list ``data[key]`` (the last key; any iterable)
    one item to a line, each item encoded only as its line is reached, so a writer holds one
    at a time. json's C encoder writes it: indenting falls back to the pure-Python encoder,
    minutes at 10,000 services. Still one line for each item to read and compare."""
    head = {k: v for k, v in data.items() if k != key}
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    yield f"{opening}{', ' if head else ''}{json.dumps(key)}: [\n"
    for number, item in enumerate(data[key]):
        yield (",\n" if number else "") + json.dumps(item, ensure_ascii=False)
    yield "\n]}\n"
