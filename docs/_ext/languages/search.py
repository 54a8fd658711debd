"""Search in Welsh: Sphinx has no Welsh search language, so words are indexed as they are,
without stemming (a Welsh stemmer would need rules this guide cannot check)."""

from sphinx.search import SearchLanguage, languages


class SearchWelsh(SearchLanguage):
    lang = "cy"
    language_name = "Welsh"


def register():
    languages.setdefault("cy", SearchWelsh)
