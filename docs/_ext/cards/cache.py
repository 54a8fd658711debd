"""What each card's PDF was made from, so that a build makes again only the PDFs whose inputs
changed. Pure: no Sphinx, no WeasyPrint.

A PDF is made again when any of these differs from the record the last build kept beside its
doctrees (``cards.json``): its card's page as Sphinx wrote it (the download line's words put
back as first written, no size class), every file of the site that page drew on (stylesheets,
images, the logo: WeasyPrint's own list), its title, the date it carries, or the engine
(WeasyPrint's version, ``pdf.py``, ``pdf.css``, ``fit.py``). Otherwise the PDF already beside
the page is kept, if its bytes are still the recorded ones, and the page gets the size the
record names.
"""

import hashlib
import json
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).parent
FILE = "cards.json"


def digest(data):
    return hashlib.sha256(data).hexdigest()


def engine():
    """WeasyPrint's version and our code and stylesheet that drive it."""
    ours = (digest((HERE / name).read_bytes()) for name in ("pdf.py", "pdf.css", "fit.py"))
    return " ".join([metadata.version("weasyprint"), *ours])


def key(page_html, *, title, epoch, files, root, engine):
    """One digest of everything a card's PDF is made from."""
    whole = hashlib.sha256()
    for part in (engine, title, str(epoch), page_html):
        whole.update(part.encode("utf-8") + b"\0")
    for name in sorted(files):
        path = Path(root, name)
        whole.update(name.encode("utf-8") + b"\0")
        whole.update(digest(path.read_bytes()).encode() if path.is_file() else b"missing")
    return whole.hexdigest()


def load(folder):
    """The records kept by the last build, by docname ({} if none or unreadable)."""
    try:
        records = json.loads(Path(folder, FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return records if isinstance(records, dict) else {}


def save(folder, records):
    path = Path(folder, FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(FILE + ".part")
    partial.write_text(json.dumps(records, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    partial.replace(path)


def still_good(record, wanted_key, pdf_path):
    """Whether the PDF from ``record`` can be kept: same inputs, and its bytes as recorded."""
    return (
        record is not None
        and record.get("key") == wanted_key
        and pdf_path.is_file()
        and digest(pdf_path.read_bytes()) == record.get("sha256")
    )
