"""What every Sphinx child needs already imported: Sphinx with its built-in extensions, MyST,
sphinx-design and the libraries our extensions use on every build (phonenumbers,
email-validator, PyYAML, markdown-it). Not WeasyPrint: a build loads it only when a card's PDF
must be made again, and importing it costs more than most rebuilds. The server that forks each
build imports this once (``children.py``), so a rebuild starts at reading pages, not at a
second of imports.

Only other people's code: our own extensions (``docs/_ext``) are imported afresh by each build,
so a change to them is seen by the next rebuild.
"""

import importlib

import sphinx.application
import sphinx.cmd.build  # noqa: F401

for _name in sphinx.application.builtin_extensions:
    importlib.import_module(_name)

import email_validator  # noqa: E402, F401
import markdown_it  # noqa: E402, F401
import myst_parser.sphinx_ext.main  # noqa: E402, F401
import phonenumbers  # noqa: E402, F401
import sphinx_design  # noqa: E402, F401
import yaml  # noqa: E402, F401
