"""What an identity provider's claims say about a user's role and scope (no Django imports
beyond the role names, so it is testable on plain dictionaries)."""

from dataclasses import dataclass

from opvangregie.accounts.models import Role

# Values an identity provider may send, in English (our role codes) or Dutch.
ROLE_NAMES = {
    "coordinator": Role.COORDINATOR, "regiocoordinator": Role.COORDINATOR,
    "regiocoördinator": Role.COORDINATOR,
    "officer": Role.OFFICER, "gemeente": Role.OFFICER, "medewerker": Role.OFFICER,
    "board": Role.BOARD, "bestuurder": Role.BOARD,
    "administrator": Role.ADMINISTRATOR, "beheerder": Role.ADMINISTRATOR,
}


@dataclass(frozen=True)
class Access:
    role: str
    region_code: str
    municipality_codes: tuple[str, ...]


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.replace(";", ",").split(",")
    return [str(item).strip().upper() for item in value if str(item).strip()]


def access_from_claims(claims: dict, *, role_claim: str, region_claim: str,
                       municipalities_claim: str) -> Access | None:
    """The role and scope the claims grant, or None when they grant no (known) role.

    A role claim may be one value or a list (the first known one counts; a list naming
    several roles gets the one that sees least, so a mistake in the provider never widens
    access)."""
    raw = claims.get(role_claim)
    names = raw if isinstance(raw, list | tuple) else [raw]
    roles = [ROLE_NAMES[str(n).strip().lower()] for n in names
             if n is not None and str(n).strip().lower() in ROLE_NAMES]
    if not roles:
        return None
    least_first = [Role.BOARD, Role.OFFICER, Role.COORDINATOR, Role.ADMINISTRATOR]
    role = min(roles, key=least_first.index)
    regions = _as_list(claims.get(region_claim))
    municipalities = tuple(_as_list(claims.get(municipalities_claim)))
    if role in {Role.COORDINATOR, Role.BOARD} and len(regions) != 1:
        return None
    if role == Role.OFFICER and not municipalities:
        return None
    return Access(role=role, region_code=regions[0] if regions else "",
                  municipality_codes=municipalities if role == Role.OFFICER else ())
