extensions = ["myst_parser", "attribution"]
attribution_sources_page = "sources"
myst_enable_extensions = ["colon_fence"]
attribution_cards = r"card"
