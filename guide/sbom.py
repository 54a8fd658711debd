"""``sbom.cdx.json``: the release's bill of materials (CycloneDX 1.6, JSON), for ``dist``.

It lists the guide (its version and git commit) and every Python package that produced the
site: what ``pyproject.toml``'s dependencies need, followed through each package's own
requirements, as installed, each with its exact version, its licence as its own metadata states
it, and the SHA-256 hashes the lock file (``requirements.txt``) accepts for that version: pip
installed one of those files and would have refused any other. The same commit and the same
installed packages give the same bytes: the serial number is derived from the content, the
timestamp is ``SOURCE_DATE_EPOCH``, and everything is sorted.
"""

import hashlib
import importlib.metadata
import re
import subprocess
import tomllib
import uuid
from datetime import UTC, datetime

from . import ROOT

NAME = "sbom.cdx.json"
LOCK = ROOT / "requirements.txt"
PREFIX = "parent-infant-guide"  # the namespace of our own properties
NAMESPACE = uuid.UUID("3b0c1f52-7d4e-5a69-9c2b-6e1f0d8a4c17")  # the guide's (as in HSDS ids)


class SbomError(Exception):
    """A package the site needs is not installed: the bill would not be true."""


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_hashes(path=LOCK):
    """{(name, version): [sha256 hex, ...]} from a lock file in pip's requirements format."""
    found = {}
    text = path.read_text(encoding="utf-8").replace("\\\n", " ") if path.exists() else ""
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#") or "==" not in line:
            continue
        spec, *hashes = line.split("--hash=sha256:")
        name, _, version = spec.split(";")[0].partition("==")
        key = (canonical(name.strip()), version.strip())
        found.setdefault(key, set()).update(h.strip() for h in hashes)
    return {key: sorted(values) for key, values in found.items()}


def closure(requirements):
    """Every installed distribution the requirements need here, by canonical name, and what
    each needs ({name: {name, ...}}; the guide's own needs under ``None``)."""
    from packaging.markers import default_environment
    from packaging.requirements import Requirement

    found, needs, missing = {}, {}, []
    queue = [(None, Requirement(text), "") for text in requirements]
    while queue:
        parent, requirement, extra = queue.pop()
        environment = {**default_environment(), "extra": extra}
        if requirement.marker is not None and not requirement.marker.evaluate(environment):
            continue
        name = canonical(requirement.name)
        needs.setdefault(parent, set()).add(name)
        extras = set(requirement.extras)
        if name in found and extras <= found[name][1]:
            continue
        try:
            distribution = importlib.metadata.distribution(requirement.name)
        except importlib.metadata.PackageNotFoundError:
            missing.append(requirement.name)
            continue
        found.setdefault(name, (distribution, set()))[1].update(extras)
        for text in distribution.requires or []:
            for wanted in ["", *sorted(extras)]:
                queue.append((name, Requirement(text), wanted))
    if missing:
        raise SbomError(
            "not installed, so the bill of materials would not be true: "
            + ", ".join(sorted(set(missing)))
            + " (install the lock: pip install --require-hashes -r requirements.txt)"
        )
    return {name: distribution for name, (distribution, _) in found.items()}, needs


def licences(metadata):
    """What the package says of its licence: its SPDX expression, else its License field if
    short, else its licence classifiers, by name."""
    from cyclonedx.contrib.license.factories import LicenseFactory
    from cyclonedx.model.license import DisjunctiveLicense

    factory = LicenseFactory()
    expression = (metadata.get("License-Expression") or "").strip()
    if expression:
        return [factory.make_from_string(expression)]
    field = (metadata.get("License") or "").strip()
    if field and "\n" not in field and len(field) <= 100:
        return [factory.make_from_string(field)]
    classifiers = [
        classifier.split(" :: ")[-1]
        for classifier in metadata.get_all("Classifier") or []
        if classifier.startswith("License :: ")
    ]
    return [DisjunctiveLicense(name=name) for name in sorted(set(classifiers))]


def git(*args):
    try:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def guide_component():
    from cyclonedx.contrib.license.factories import LicenseFactory
    from cyclonedx.model import Property
    from cyclonedx.model.component import Component, ComponentType

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    commit = git("rev-parse", "HEAD") or "unknown"
    changed = git("status", "--porcelain", "--untracked-files=no")
    properties = [Property(name=f"{PREFIX}:git-commit", value=commit)]
    if changed:
        properties.append(Property(name=f"{PREFIX}:git-modified", value="true"))
    component = Component(
        type=ComponentType.APPLICATION,
        name=project["name"],
        version=project["version"],
        bom_ref=project["name"],
        description=project["description"],
        licenses=[LicenseFactory().make_from_string(project["license"])],
        properties=properties,
    )
    return component, project["dependencies"]


def package_component(distribution, hashes):
    from cyclonedx.model import HashAlgorithm, HashType
    from cyclonedx.model.component import Component
    from packageurl import PackageURL

    name, version = canonical(distribution.metadata["Name"]), distribution.version
    purl = PackageURL(type="pypi", name=name, version=version)
    return Component(
        name=name,
        version=version,
        bom_ref=purl.to_string(),
        purl=purl,
        licenses=licences(distribution.metadata),
        hashes=[HashType(alg=HashAlgorithm.SHA_256, content=value) for value in hashes],
    )


def bill(epoch, lock=LOCK):
    """The bill of materials as JSON text, and the packages locked at another version."""
    try:
        import cyclonedx  # noqa: F401
    except ImportError:
        raise SbomError(
            "the bill of materials needs cyclonedx-python-lib, which is in the lock: install "
            "it with  python -m pip install --require-hashes -r requirements.txt  (make does)"
        ) from None
    from cyclonedx.model.bom import Bom
    from cyclonedx.output.json import JsonV1Dot6

    guide, requirements = guide_component()
    distributions, needs = closure(requirements)
    hashes = locked_hashes(lock)
    components, unlocked = {}, []
    for name, distribution in sorted(distributions.items()):
        accepted = hashes.get((name, distribution.version), [])
        if not accepted:
            unlocked.append(f"{name} {distribution.version}")
        components[name] = package_component(distribution, accepted)

    bom = Bom(serial_number=NAMESPACE)
    bom.metadata.component = guide
    bom.metadata.timestamp = datetime.fromtimestamp(epoch, UTC)
    for component in components.values():
        bom.components.add(component)
    for name, wanted in needs.items():
        depends = [components[other] for other in sorted(wanted) if other in components]
        bom.register_dependency(guide if name is None else components[name], depends)

    def text():
        return JsonV1Dot6(bom).output_as_string(indent=2) + "\n"

    # A serial number that changes exactly when the content does.
    bom.serial_number = uuid.uuid5(NAMESPACE, hashlib.sha256(text().encode()).hexdigest())
    return text(), unlocked
