extensions = ["myst_parser", "checklist", "signposting"]
myst_enable_extensions = ["colon_fence", "substitution"]
local_profile = "profile"
