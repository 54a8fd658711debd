"""Each page links to the same page in the other language, never to the home page.

The languages sit side by side: English at the output root, each other language in a folder
named by its code (``cy/``), with the same page names in both.
"""

import html

AUTONYMS = {"en": "English", "cy": "Cymraeg"}


def language_of(config):
    return (config.language or "en").split("-")[0].split("_")[0]


def other_pages(pagename, here, languages):
    """(code, name, relative address) of ``pagename`` in every other language."""
    depth = pagename.count("/") + (0 if here == languages[0] else 1)
    up = "../" * depth
    result = []
    for code in languages:
        if code == here:
            continue
        folder = "" if code == languages[0] else f"{code}/"
        result.append((code, AUTONYMS.get(code, code), f"{up}{folder}{pagename}.html"))
    return result


def add_links(app, pagename, templatename, context, doctree):
    languages = list(app.config.site_languages or ["en"])
    here = language_of(app.config)
    if len(languages) < 2 or here not in languages:
        return
    context["language_links"] = other_pages(pagename, here, languages)


def translate_titles(app, pagename, templatename, context, doctree):
    """The guide's name in the page's language (from ``sphinx.po``), in the header and the
    window title alike."""
    if language_of(app.config) == "en":
        return
    from sphinx.locale import _

    for key in ("docstitle", "shorttitle"):
        if context.get(key):
            context[key] = str(_(context[key]))


def mark_english_titles(app, pagename, templatename, context, doctree):
    """Links whose text is a page title not yet translated say so (``lang="en"``): in the
    contents list, the breadcrumbs and the previous and next links."""
    if language_of(app.config) == "en":
        return
    titles = getattr(app.env, "translation_titles", {})
    english = {doc for doc, translated in titles.items() if not translated}
    pathto = context.get("pathto")
    if not english or pathto is None:
        return
    links = {pathto(doc) for doc in english}
    context["english_links"] = links
    context["english_title"] = pagename in english
    if context.get("body"):  # a table of contents in the page links by the same titles
        body = context["body"]
        for doc in english:
            if doc in app.env.titles:
                text = html.escape(app.env.titles[doc].astext(), quote=False)
                link = pathto(doc)
                body = body.replace(
                    f'href="{link}">{text}</a>', f'href="{link}" lang="en">{text}</a>'
                )
        context["body"] = body
    toctree = context.get("toctree")
    if toctree is None:
        return

    def marked(**kwargs):
        html = toctree(**kwargs)
        for link in links:
            html = html.replace(f'href="{link}">', f'href="{link}" lang="en">')
        return html

    context["toctree"] = marked
