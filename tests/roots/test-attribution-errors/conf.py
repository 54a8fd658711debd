extensions = ["myst_parser", "attribution"]
attribution_sources_page = ""
myst_enable_extensions = ["colon_fence"]
