extensions = ["myst_parser", "checklist"]
myst_enable_extensions = ["colon_fence"]
