extensions = ["myst_parser", "checklist", "signposting"]
myst_enable_extensions = ["colon_fence"]
local_profile = "profile"
