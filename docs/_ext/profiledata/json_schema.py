"""JSON Schemas for editors, and the README's field tables, derived from ``schema.py``.

``python -m guide schema`` (``make schema``) writes them; a test fails when they are stale.
Editors use the schemas to underline a mistake as the administrator types; the build's own
validation (``schema.validate``) stays the judge, with line numbers and plain messages.
"""

import json

from . import hsds, schema

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def field_schema(f, *, welsh=False):
    result = {**f.kind.schema(), "description": f.help + (" (in Welsh)" if welsh else "")}
    if f.label:
        result["title"] = f.label
    return result


def table_schema(table):
    properties = {}
    for f in table.fields:
        properties[f.name] = field_schema(f)
        if f.welsh:
            properties[f.name + schema.WELSH_SUFFIX] = field_schema(f, welsh=True)
    result = {
        "type": "object",
        "description": table.help,
        "properties": properties,
        "additionalProperties": False,
    }
    required = [f.name for f in table.fields if f.required]
    if required:
        result["required"] = required
    if table.one_of:
        result["anyOf"] = [{"required": [key]} for key in table.one_of]
    if table.requires:
        result["dependentRequired"] = {key: [needs] for key, needs, _ in table.requires}
    rules = []
    for key, other, value in table.required_when:
        if table.by_name[other].default == value:  # left out, it has that value
            rules.append({
                "if": {"properties": {other: {"not": {"const": value}}}, "required": [other]},
                "else": {"required": [key]},
            })  # fmt: skip
        else:
            rules.append({
                "if": {"properties": {other: {"const": value}}, "required": [other]},
                "then": {"required": [key]},
            })  # fmt: skip
    if rules:
        result["allOf"] = rules
    return result


def required_text(table, f):
    """The README's "required" column."""
    if f.required:
        return "yes"
    if f.name in table.one_of:
        return "one of these"
    for key, other, value in table.required_when:
        if key == f.name:
            return f"when `{other}` is `{value}`"
    return "no"


def services_schema():
    return {
        "$schema": DRAFT,
        "title": "Services of a local profile (a YAML file named in [directory] sources)",
        "type": "array",
        "items": table_schema(schema.SERVICE),
    }


def profile_schema():
    return {
        "$schema": DRAFT,
        "title": "profile.toml: a local profile of the practice guide",
        "type": "object",
        "properties": {table.name: table_schema(table) for table in schema.PROFILE},
        "required": [table.name for table in schema.PROFILE if table.required],
        "additionalProperties": False,
    }


def page_schema():
    """The front matter of an area's page, for editors that read a schema for YAML."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Front matter of a local page (pages/*.md)",
        **table_schema(schema.PAGE),
    }


def dump(data):
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _values(f):
    return f.kind.example or ""


def service_table():
    """The README's table of service fields (Markdown)."""
    lines = [
        "| field | required | what it says | values | shown as | filter | Welsh | Open Referral UK / HSDS 3 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for f in schema.SERVICE.fields:
        default = ""
        if f.default not in (None, (), "", {}):
            shown = ", ".join(f.default) if isinstance(f.default, tuple) else f.default
            default = f"; default `{shown}`"
        lines.append(
            f"| `{f.name}` | {required_text(schema.SERVICE, f)} | {f.help} | {_values(f)}{default} | {f.label} "
            f"| {'`' + f.filter.key + '`' if f.filter else ''} "
            f"| {'`' + f.name + schema.WELSH_SUFFIX + '`' if f.welsh else ''} | {hsds_written(f)} |"
        )
    return "\n".join(lines) + "\n"


def profile_table():
    """The README's table of ``profile.toml`` keys (Markdown)."""
    lines = ["| table | key | required | values | Welsh |", "| --- | --- | --- | --- | --- |"]
    for table in schema.PROFILE:
        for f in table.fields:
            default = ""
            if f.default not in (None, (), "", {}):
                default = f"; default `{str(f.default).lower()}`"
            lines.append(
                f"| `[{table.name}]` | `{f.name}` | {required_text(table, f)} | {f.help}: {_values(f)}{default} "
                f"| {'`' + f.name + schema.WELSH_SUFFIX + '`' if f.welsh else ''} |"
            )
    return "\n".join(lines) + "\n"


def page_table():
    """The README's table of a local page's front matter keys (Markdown)."""
    lines = ["| key | required | values |", "| --- | --- | --- |"]
    for f in schema.PAGE.fields:
        lines.append(f"| `{f.name}` | {required_text(schema.PAGE, f)} | {f.help}: {_values(f)} |")
    return "\n".join(lines) + "\n"


def _place(to, path):
    if to.form.shown:
        return to.form.shown.format(at=f"{path}." if path else "")
    return f"`{path}`"


def hsds_written(f):
    """Where the export writes a field (the README's words for its ``To``)."""
    to = f.hsds
    if to is None:
        return ""
    parts = ["`id` (a UUID made from it)"] if f.name == "id" else []
    parts += [] if to.path is None else [_place(to, to.path)]
    parts += ["an attribute for each value"] if to.terms else []
    parts += ["an attribute holding the value"] if to.value else []
    return " + ".join(parts)


# What ``python -m guide import`` gives the fields no other publisher's feed holds.
IMPORTED = {
    "id": "a slug of the name",
    "access": "`default_access` of `[import]`",
    "provenance": "always `local-profile`",
    "feed_id": "`id`",
}


def hsds_table():
    """The README's Open Referral UK mapping: ids, taxonomies and each field's HSDS 3.0
    target as ``hsds.py`` writes and reads it, and where the import finds it (Markdown)."""
    example = hsds.uid("service", "baby-stay-and-play")
    lines = [
        f"Ids are UUID version 5 in the guide's namespace `{hsds.NAMESPACE}`: a service's is "
        f'`uuid5(namespace, "service/" + id)` (`baby-stay-and-play` is `{example}`), an '
        'organisation\'s `"organization/" + name`, a taxonomy term\'s `"term/" + field + "/" '
        "+ word`. What HSDS has no field for is an attribute: a term of one of the guide's "
        f"taxonomies, each named `{hsds.TAXONOMY_PREFIX}<field>` (version "
        f"{hsds.TAXONOMY_VERSION}), and each Welsh text an attribute of `{hsds.WELSH_TAXONOMY}`. "
        "Reading the guide's own export back, these terms win; from any other feed the import "
        "reads the columns on the right.",
        "",
        "| field | HSDS 3.0, written and read back | the guide's taxonomy | import from HSDS 3.0 | import from ORUK 1 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for f in schema.SERVICE.fields:
        to = f.hsds
        from_hsds, from_oruk = (
            " or ".join(_place(to, path) for path in to.sources(format)) if to else ""
            for format in hsds.FORMATS
        )
        if f.name in hsds.FEED_TERMS:
            table = f"`[import.{hsds.FEED_TERMS[f.name]}]`"
            from_hsds = f"`attributes[].taxonomy_term` through {table}"
            from_oruk = f"`service_taxonomys`, `eligibilitys[].taxonomys` through {table}"
            if f.name == "tier":
                from_hsds = from_oruk = f"taxonomy terms through {table}, else `default_tier`"
        if f.name in IMPORTED:
            from_hsds = from_oruk = IMPORTED[f.name]
        ours = to is not None and (to.terms or to.value)
        lines.append(
            f"| `{f.name}` | {hsds_written(f)} "
            f"| {'`' + hsds.taxonomy_name(f) + '`' if ours else ''} "
            f"| {from_hsds or '—'} | {from_oruk or '—'} |"
        )
    return "\n".join(lines) + "\n"


def outputs():
    """Every generated file's path (from the repository root) and its content."""
    made = {
        "local/schema/profile.schema.json": dump(profile_schema()),
        "local/schema/services.schema.json": dump(services_schema()),
        "local/schema/page.schema.json": dump(page_schema()),
    }
    # The examples' first lines name ../schema/, which is local/schema/ once an example is
    # copied to local/<name>/ as the README says; the same files beside the examples keep the
    # examples themselves checked where they are.
    for name in ("profile.schema.json", "services.schema.json"):
        made[f"local/examples/schema/{name}"] = made[f"local/schema/{name}"]
    return made


README_BLOCKS = {
    "profile-keys": profile_table,
    "page-keys": page_table,
    "service-fields": service_table,
    "hsds-fields": hsds_table,
}


def fill_readme(text):
    """The README with each generated block (between its marker comments) made anew."""
    for name, make in README_BLOCKS.items():
        start, end = f"<!-- {name}: made by make schema -->\n", f"<!-- /{name} -->"
        before, found, rest = text.partition(start)
        if not found:
            raise ValueError(f"README.md has no {start.strip()} marker")
        _, found, after = rest.partition(end)
        if not found:
            raise ValueError(f"README.md has no {end} marker")
        text = before + start + make() + end + after
    return text
