"""The newsroom's roles: groups of permissions created by migration 0002_roles.

What each role may do to an article is decided in `rules`, from these permissions.
"""

JOURNALIST = "Journalists"
EDITOR = "Editors"
CHIEF_EDITOR = "Chief editors"
