extensions = ["myst_parser", "sphinx_design", "theme"]
html_theme = "practice-guide"
html_context = {"area_name": "Testshire"}
