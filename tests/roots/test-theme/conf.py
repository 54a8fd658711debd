extensions = ["myst_parser", "sphinx_design", "theme"]
html_theme = "practice-guide"
html_theme_options = {"area_name": "Testshire"}
