"""What the service worker keeps: every file of the built site, with its digest. Pure: no Sphinx.

``offline.json`` lists each file (its address relative to the site, size and SHA-256 as a
Subresource Integrity value) and a version made from all of them; ``sw.js`` is the worker
(``worker.js``) with that version written in. A build that changes any file changes the
version, and so the worker's bytes: the browser installs the new worker, which keeps the new
files and deletes the old copy. A build that changes nothing leaves both files as they were.
"""

import base64
import hashlib
import json
import os
from pathlib import Path
from urllib.parse import quote

WORKER_TEMPLATE = Path(__file__).with_name("worker.js")
WORKER = "sw.js"
MANIFEST = "offline.json"
VERSION_MARK = '"__VERSION__"'
# Left out at the site's root: the worker and its list, which are always fetched fresh, and
# files no page uses (Sphinx's inventory for other projects, the Open Referral UK export for
# other systems). Everything whose name starts with "." is left out anywhere (.buildinfo,
# .doctrees), and so is any folder holding another build (its own .buildinfo: the Welsh site
# in cy/, which keeps its own copy).
LEFT_OUT = {WORKER, MANIFEST, "objects.inv", "services.hsds.json"}


def site_files(root):
    """Every file to keep, as (address relative to the site, path), sorted by address."""
    root = Path(root)
    found = []
    for folder, subfolders, names in os.walk(root):
        here = Path(folder)
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith(".") and not (here / name / ".buildinfo").exists()
        )
        for name in names:
            path = here / name
            if name.startswith(".") or name.endswith(".part") or path.is_symlink():
                continue
            address = path.relative_to(root).as_posix()
            if address in LEFT_OUT:
                continue
            found.append((address, path))
    return sorted(found)


def integrity(data):
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def manifest(root, template=None):
    """``offline.json``'s content for the site in ``root``."""
    files = []
    for address, path in site_files(root):
        data = path.read_bytes()
        files.append({"url": quote(address), "bytes": len(data), "integrity": integrity(data)})
    template = WORKER_TEMPLATE.read_text(encoding="utf-8") if template is None else template
    digest = hashlib.sha256(template.encode("utf-8"))
    for entry in files:
        digest.update(f"\n{entry['url']} {entry['integrity']}".encode())
    return {
        "version": digest.hexdigest()[:20],
        "files": files,
        "bytes": sum(entry["bytes"] for entry in files),
    }


def worker(version, template=None):
    template = WORKER_TEMPLATE.read_text(encoding="utf-8") if template is None else template
    if VERSION_MARK not in template:
        raise ValueError(f"{WORKER_TEMPLATE.name} has no {VERSION_MARK} to fill in")
    return template.replace(VERSION_MARK, json.dumps(version), 1)


def write(root):
    """Write ``offline.json`` and ``sw.js`` for the site in ``root``; return the manifest."""
    root = Path(root)
    template = WORKER_TEMPLATE.read_text(encoding="utf-8")
    made = manifest(root, template)
    for name, text in (
        (MANIFEST, json.dumps(made, indent=1) + "\n"),
        (WORKER, worker(made["version"], template)),
    ):
        partial = root / (name + ".part")
        partial.write_text(text, encoding="utf-8")
        partial.replace(root / name)
    return made


def remove(root):
    """Take the worker and its list away (the profile turned offline use off)."""
    for name in (WORKER, MANIFEST):
        Path(root, name).unlink(missing_ok=True)
