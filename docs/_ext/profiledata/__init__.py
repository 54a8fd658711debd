"""The profile's data, with no Sphinx: read, check, map and write a local profile.

- ``schema.py``: the declaration, the records a profile fills, each attribute declared as a
  field (its kind, label, filter, Welsh counterpart and place in Open Referral UK);
- ``openreferral.py``: how a place in Open Referral UK is written (``To`` and its forms);
- ``fields.py``, ``files.py``: checks for single values and for files;
- ``services.py``, ``profile.py``, ``problems.py``: services files, the whole profile, and
  every problem as ``path:line: what is wrong``;
- ``hsds.py``: the export and both imports, read off the declaration;
- ``json_schema.py``: the JSON Schemas and the README's tables; ``national/``: the bundled
  national resources.

``python -m guide check``, ``import`` and ``schema`` use it without loading Sphinx; the
``signposting`` extension renders what it loads. Nothing here imports Sphinx or docutils,
directly or otherwise (``tests/_ext/profiledata/test_core.py``).
"""
