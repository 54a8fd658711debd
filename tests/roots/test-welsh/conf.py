extensions = ["myst_parser", "languages"]
language = "cy"
locale_dirs = ["locales"]
gettext_compact = False
site_languages = ["en", "cy"]
