"""The identity a management command reads with: full read access, never saved, never writes.

`export-overview` runs outside any request, so there is no logged-in user to scope by. It reads
as an unsaved administrator: the access selectors (`municipalities_for_user`,
`safety_regions_for_user`, `targets_for_user`) then return everything, exactly as they would
for a real administrator. The object is never saved and the overview only reads, so nothing
is written in its name; who ran the command is known from the shell that ran it.
"""

from opvangregie.accounts.models import Role, User

SYSTEM_USERNAME = "systeem"


def system_user() -> User:
    return User(username=SYSTEM_USERNAME, role=Role.ADMINISTRATOR, is_active=True)
