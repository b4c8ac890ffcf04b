"""The demo scenario "IJsselland 2022", built from the seeds (BAO slides of 25-05 and 31-08-2022).

Every figure here either comes from those documents or from public sources, or is marked
illustrative (`is_illustrative=True`) where it is not a public fact.
"""

import json
import os
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from opvangregie.accounts.models import Role, User
from opvangregie.accounts.services import user_create, user_set_password
from opvangregie.demo.models import LoadedScenario
from opvangregie.regions.models import Municipality, SafetyRegion
from opvangregie.regions.services import reference_data_load
from opvangregie.targets.models import Target
from opvangregie.targets.services import target_create

SCENARIO = "IJsselland 2022"
REGION_CODE = "VR04"
PASSWORD_ENV = "OPVANGREGIE_DEMO_PASSWORD"  # noqa: S105 (a variable name)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    description: str
    municipalities: tuple[str, ...] = ()


ACCOUNTS = (
    DemoAccount("coordinator", Role.COORDINATOR, "regiocoördinator IJsselland"),
    DemoAccount("zwolle", Role.OFFICER, "medewerker gemeente Zwolle", ("GM0193",)),
    DemoAccount("deventer", Role.OFFICER, "medewerker gemeente Deventer", ("GM0150",)),
    DemoAccount("bestuur", Role.BOARD, "bestuurder (alleen lezen)"),
    DemoAccount("beheer", Role.ADMINISTRATOR, "functioneel beheerder"),
)

BAO_31_08 = "Bestuursakkoord, BAO IJsselland 31-08-2022"
BAO_25_05 = "Stand van zaken, BAO IJsselland 25-05-2022"

TARGETS = (
    dict(
        name="Crisisnoodopvang: 450 plekken per regio tot uiterlijk 31-12-2022",
        kind=Target.Kind.CNO, scope=Target.Scope.REGIONAL, amount=450,
        unit=Target.Unit.PLACES, period_start=date(2022, 10, 1), period_end=date(2022, 12, 31),
        source=BAO_31_08,
    ),
    dict(
        name="Crisisnoodopvang fase 1: 150 plekken per regio (landelijk ca. 600, 4 regio's "
        "per 2 weken dienst)",
        kind=Target.Kind.CNO, scope=Target.Scope.REGIONAL, amount=150,
        unit=Target.Unit.PLACES, period_start=date(2022, 6, 1), period_end=date(2022, 8, 31),
        source=BAO_25_05,
    ),
    dict(
        name="Taakstelling vergunninghouders 2e helft 2022 (landelijk, Saldo I)",
        kind=Target.Kind.PERMIT_HOLDERS, scope=Target.Scope.NATIONAL, amount=13500,
        unit=Target.Unit.PERSONS, period_start=date(2022, 7, 1), period_end=date(2022, 12, 31),
        source="Rijksoverheid, taakstelling huisvesting vergunninghouders 2e helft 2022",
    ),
    dict(
        name="Actuele 'informele' taakstelling vergunninghouders 2e helft 2022 "
        "(landelijk, Saldo II)",
        kind=Target.Kind.PERMIT_HOLDERS, scope=Target.Scope.NATIONAL, amount=20000,
        unit=Target.Unit.PERSONS, period_start=date(2022, 7, 1), period_end=date(2022, 12, 31),
        source=BAO_31_08,
    ),
    dict(
        name="Opvang Oekraïense ontheemden: 2000 plekken",
        kind=Target.Kind.UKRAINIANS, scope=Target.Scope.REGIONAL, amount=2000,
        unit=Target.Unit.PLACES, period_start=date(2022, 3, 1), period_end=date(2022, 6, 23),
        source=BAO_25_05 + " (streefdatum 23 juni; begindatum 1-3-2022 aangenomen)",
    ),
    dict(
        name="Opvang Oekraïense ontheemden: streven 2400 plekken in juli",
        kind=Target.Kind.UKRAINIANS, scope=Target.Scope.REGIONAL, amount=2400,
        unit=Target.Unit.PLACES, period_start=date(2022, 7, 1), period_end=date(2022, 7, 31),
        source=BAO_25_05,
    ),
)


def _password_file() -> Path:
    return Path(settings.DATA_DIR) / "demo-accounts.json"


def _stored_passwords() -> dict[str, str]:
    path = _password_file()
    return json.loads(path.read_text()) if path.exists() else {}


def _store_passwords(passwords: dict[str, str]) -> None:
    path = _password_file()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(passwords, handle, indent=2)


@transaction.atomic
def scenario_load() -> bool:
    """Load reference data and the scenario once. Returns False when it was already loaded."""
    if LoadedScenario.objects.filter(name=SCENARIO).exists():
        return False
    reference_data_load()
    region = SafetyRegion.objects.get(code=REGION_CODE)
    # The seeds distribute by the CBS figures of 1 January 2022.
    region.default_reference_date = date(2022, 1, 1)
    region.save(update_fields=["default_reference_date"])
    for fields in TARGETS:
        target_create(
            safety_region=region if fields["scope"] == Target.Scope.REGIONAL else None, **fields
        )
    LoadedScenario.objects.create(name=SCENARIO)
    return True


@transaction.atomic
def demo_accounts_ensure() -> dict[str, str]:
    """Create the demo accounts that are missing; returns username → password to print.

    With OPVANGREGIE_DEMO_PASSWORD set, every demo account gets that password. Otherwise a
    password is generated once and kept (owner-only) in the data folder.
    """
    region = SafetyRegion.objects.get(code=REGION_CODE)
    fixed = os.environ.get(PASSWORD_ENV)
    passwords = _stored_passwords()
    for account in ACCOUNTS:
        password = fixed or passwords.get(account.username) or secrets.token_urlsafe(9)
        passwords[account.username] = password
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user_create(
                username=account.username,
                password=password,
                role=account.role,
                safety_region=None if account.role == Role.OFFICER else region,
                municipalities=Municipality.objects.filter(code__in=account.municipalities),
                first_name=account.description,
            )
        elif fixed and not user.check_password(fixed):
            user_set_password(user=user, password=fixed)
    if not fixed:
        _store_passwords(passwords)
    return passwords
