"""The profile's data, with no Sphinx: read, check, map and write a local profile.

The declaration (``schema.py``: every ``profile.toml`` key and service field), the records it
fills (``records.py``), the checks for single values (``fields.py``), files (``files.py``),
problems (``problems.py``), the services files (``services.py``), the whole profile
(``profile.py``), Open Referral UK out and in (``hsds.py``), the JSON Schemas
(``json_schema.py``) and the bundled national resources (``national/``). ``python -m guide
check``, ``import`` and ``schema`` use it without loading Sphinx; the ``signposting``
extension renders what it loads. Nothing here, nor anything it imports, imports Sphinx or
docutils (``tests/_ext/signposting/test_core.py``).
"""
