"""The demo scenario "IJsselland 2022", built from the seeds (BAO slides of 25-05 and 31-08-2022).

Every figure here either comes from those documents or from public sources, or is marked
illustrative (`is_illustrative=True`) where it is not a public fact.
"""

import json
import os
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from opvangregie.accounts.models import Role, User
from opvangregie.accounts.services import user_create, user_set_password, working_date_set
from opvangregie.agreements.models import RegionalAgreement
from opvangregie.agreements.services import agreement_register
from opvangregie.capacity.models import (
    CapacityKind,
    HousingInstrument,
    Location,
    LocationStatus,
    LocationType,
    Operator,
)
from opvangregie.capacity.selectors import end_of_day
from opvangregie.capacity.services import (
    capacity_record_register,
    location_create,
    location_update,
    permit_housing_register,
)
from opvangregie.core.cache import figures_changed
from opvangregie.demo.models import LoadedScenario
from opvangregie.housing.demo import flex_demo_load
from opvangregie.meetings.demo import meetings_demo_load
from opvangregie.national.demo import national_demo_load
from opvangregie.operations.demo import operations_demo_load, operations_demo_notify
from opvangregie.pipeline.demo import pipeline_demo_load
from opvangregie.regions.models import Municipality, SafetyRegion
from opvangregie.regions.services import reference_data_load
from opvangregie.targets.balances import HalfYear, quotas
from opvangregie.targets.distribution import DistributionInput, distribution_compute
from opvangregie.targets.models import Target
from opvangregie.targets.services import distribution_adopt, distribution_save, target_create

SCENARIO = "IJsselland 2022"
REGION_CODE = "VR04"
PASSWORD_ENV = "OPVANGREGIE_DEMO_PASSWORD"  # noqa: S105 (a variable name)
# The day of the scenario's last meeting: every demo account's pages open on it (working date).
SCENARIO_DATE = date(2022, 8, 31)


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
    DemoAccount("dalfsen", Role.OFFICER, "medewerker gemeente Dalfsen", ("GM0148",)),
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
        source=BAO_31_08, known=date(2022, 8, 31),
    ),
    dict(
        name="Crisisnoodopvang fase 1: 150 plekken per regio (landelijk ca. 600, 4 regio's "
        "per 2 weken dienst)",
        kind=Target.Kind.CNO, scope=Target.Scope.REGIONAL, amount=150,
        unit=Target.Unit.PLACES, period_start=date(2022, 6, 1), period_end=date(2022, 8, 31),
        source=BAO_25_05, known=date(2022, 5, 25),
    ),
    dict(
        name="Taakstelling vergunninghouders 2e helft 2022 (landelijk, Saldo I)",
        kind=Target.Kind.PERMIT_HOLDERS, scope=Target.Scope.NATIONAL, amount=13500,
        unit=Target.Unit.PERSONS, period_start=date(2022, 7, 1), period_end=date(2022, 12, 31),
        source="Rijksoverheid, taakstelling huisvesting vergunninghouders 2e helft 2022",
        known=date(2022, 5, 25),
    ),
    dict(
        name="Actuele 'informele' taakstelling vergunninghouders 2e helft 2022 "
        "(landelijk, Saldo II)", is_informal=True,
        kind=Target.Kind.PERMIT_HOLDERS, scope=Target.Scope.NATIONAL, amount=20000,
        unit=Target.Unit.PERSONS, period_start=date(2022, 7, 1), period_end=date(2022, 12, 31),
        source=BAO_31_08, known=date(2022, 8, 31),
    ),
    dict(
        name="Opvang Oekraïense ontheemden: 2000 plekken",
        kind=Target.Kind.UKRAINIANS, scope=Target.Scope.REGIONAL, amount=2000,
        unit=Target.Unit.PLACES, period_start=date(2022, 3, 1), period_end=date(2022, 6, 23),
        source=BAO_25_05 + " (streefdatum 23 juni; begindatum 1-3-2022 aangenomen)",
        known=date(2022, 5, 25),
    ),
    dict(
        name="Opvang Oekraïense ontheemden: streven 2400 plekken in juli",
        kind=Target.Kind.UKRAINIANS, scope=Target.Scope.REGIONAL, amount=2400,
        unit=Target.Unit.PLACES, period_start=date(2022, 7, 1), period_end=date(2022, 7, 31),
        source=BAO_25_05, known=date(2022, 5, 25),
    ),
)


ILLUSTRATIVE = "illustratief (demoscenario)"
G = {
    "Dalfsen": "GM0148", "Deventer": "GM0150", "Hardenberg": "GM0160", "Kampen": "GM0166",
    "Ommen": "GM0175", "Raalte": "GM0177", "Staphorst": "GM0180", "Zwolle": "GM0193",
    "Steenwijkerland": "GM1708", "Olst-Wijhe": "GM1773", "Zwartewaterland": "GM1896",
}

BOAT = "Opvangboot Zwartewaterland (CNO)"
# (municipality, name, type, groups, operator, confidential, [(from, to, places, occupancy,
# kind, registered on)], source). Facts from public reporting are marked as such; every other
# figure is illustrative and says so in the record's reason.
LOCATIONS = (
    ("Ommen", "Crisisnoodopvang Ommen", LocationType.CNO, "a", Operator.MUNICIPALITY, False,
     [(date(2022, 6, 1), date(2022, 6, 14), 75, 70, CapacityKind.REALISED, date(2022, 6, 1))],
     "publiek: Ommen ving in juni 2022 twee weken 75 mensen op (bezetting illustratief)"),
    ("Kampen", "Noodopvang Kampen", LocationType.CNO, "a", Operator.MUNICIPALITY, False,
     [(date(2022, 5, 20), date(2022, 6, 12), 100, 90, CapacityKind.REALISED, date(2022, 5, 20))],
     "publiek: Kampen opende in mei 2022 noodopvang voor ca. 100 mensen (data illustratief)"),
    ("Zwartewaterland", BOAT, LocationType.CNO, "a",
     Operator.MUNICIPALITY, False,
     [(date(2022, 10, 1), date(2022, 10, 28), 84, None, CapacityKind.PLANNED,
       date(2022, 8, 20))],
     "BAO-sheets 31-08-2022: geplande inzet na 1 oktober, boot 4 weken × 84 plekken = 336 "
     "plekweken (data illustratief)"),
    ("Deventer", "Crisisnoodopvang Deventer", LocationType.CNO, "a", Operator.MUNICIPALITY, False,
     [(date(2022, 8, 15), date(2022, 9, 11), 150, 140, CapacityKind.REALISED, date(2022, 8, 15))],
     ILLUSTRATIVE),
    ("Deventer", "Tussenvoorziening Deventer", LocationType.INTERMEDIATE, "ap",
     Operator.MUNICIPALITY, False,
     [(date(2022, 11, 1), None, 150, None, CapacityKind.PLANNED, date(2022, 8, 25))],
     "BAO-sheets 31-08-2022: tussenvoorziening voor 150 personen per 1 november"),
    ("Zwolle", "Kamperpoort Zwolle", LocationType.CNO, "a", Operator.MUNICIPALITY, False,
     [(date(2022, 10, 1), None, 300, None, CapacityKind.PLANNED, date(2022, 8, 25))],
     "publiek: Zwolle plande ca. 300 plekken bij de Kamperpoort (data illustratief)"),
    ("Raalte", "Summercamp Raalte", LocationType.HOLIDAY_PARK, "u", Operator.OTHER, False,
     [(date(2022, 4, 1), date(2022, 9, 30), 900, 720, CapacityKind.REALISED, date(2022, 4, 1))],
     "publiek: Summercamp Raalte ving tot ca. 900 Oekraïners op (bezetting illustratief)"),
    ("Zwolle", "AZC Zwolle", LocationType.AZC, "a", Operator.COA, False,
     [(date(2022, 1, 1), None, 400, 390, CapacityKind.REALISED, date(2022, 1, 3))], ILLUSTRATIVE),
    ("Dalfsen", "Woonunits Dalfsen", LocationType.FLEX_HOMES, "up", Operator.MUNICIPALITY, True,
     [(date(2023, 1, 1), None, 150, None, CapacityKind.PLANNED, date(2022, 8, 25))],
     "BAO-sheets 25-05-2022: Dalfsen heeft woonunits in overweging (+/- 150 plekken)"),
)
# Municipal shelter for Ukrainians (GOO), places per municipality: illustrative, adding up to
# about the region's target of 2000+. As the seeds say ("Realisatie van 2000+ duurt in elk geval
# langer dan 23 juni", BAO 25-05-2022), the places come in two steps: three fifths from April,
# the rest from 1 August, so the region passes 2000 only after 23 June.
GOO_FIRST_SHARE = 0.6
GOO_SECOND_STEP = date(2022, 8, 1)
UKRAINIAN_PLACES = {
    "Dalfsen": 80, "Deventer": 260, "Hardenberg": 170, "Kampen": 150, "Olst-Wijhe": 50,
    "Ommen": 50, "Staphorst": 45, "Steenwijkerland": 120, "Zwartewaterland": 60, "Zwolle": 380,
}


def _locations_load(region) -> None:
    municipalities = {m.code: m for m in Municipality.objects.filter(safety_region=region)}
    groups = {"a": "for_asylum_seekers", "u": "for_ukrainians", "p": "for_permit_holders"}
    rows = list(LOCATIONS) + [
        (name, f"Gemeentelijke opvang Oekraïners {name}", LocationType.GOO, "u",
         Operator.MUNICIPALITY, False,
         [(date(2022, 4, 1), GOO_SECOND_STEP - timedelta(days=1), round(places * GOO_FIRST_SHARE),
           round(places * GOO_FIRST_SHARE * 0.85), CapacityKind.REALISED, date(2022, 4, 4)),
          (GOO_SECOND_STEP, None, places, round(places * 0.85), CapacityKind.REALISED,
           GOO_SECOND_STEP)], ILLUSTRATIVE)
        for name, places in UKRAINIAN_PLACES.items()
    ]
    for name, title, kind, target_groups, operator, confidential, records, source in rows:
        location = location_create(
            actor=None, name=title, municipality=municipalities[G[name]], type=kind,
            operator=operator, is_confidential=confidential,
            status=LocationStatus.OPEN if records[0][4] == CapacityKind.REALISED
            else LocationStatus.PLANNED,
            **{groups[g]: True for g in target_groups},
        )
        for start, end, places, occupancy, record_kind, registered in records:
            capacity_record_register(
                actor=None, location=location, valid_from=start, valid_to=end, places=places,
                occupancy=occupancy, kind=record_kind, reason=source,
                registered_at=end_of_day(registered),
            )
        # A CNO location whose (realised) places ended is closed, as it was after that day.
        if kind == LocationType.CNO and all(
            end is not None and record_kind == CapacityKind.REALISED
            for _start, end, _places, _occupancy, record_kind, _registered in records
        ):
            location_update(location=location, actor=None, status=LocationStatus.CLOSED)


def _permit_housing_load(region) -> None:
    """Illustrative: each municipality housed a steady part of its 13,500-quota per month."""
    municipalities = list(Municipality.objects.filter(safety_region=region, exists_until=None))
    half_year = HalfYear(2022, 2)
    quota = quotas(municipalities, national_number=13500, half_year=half_year)
    for index, municipality in enumerate(municipalities):
        pace = (70 + 7 * index % 50) / 100  # 70 %–119 % of the pace the quota asks
        for month in (7, 8):
            capacity = quota[municipality.pk].quota / 6 * pace
            housed = round(capacity)
            permit_housing_register(
                actor=None, municipality=municipality, month=date(2022, month, 1),
                housed=housed, reason=ILLUSTRATIVE,
                # July as before (a count only); August split over the seeds' instruments.
                instruments=_instrument_split(housed, index) if month == 8 else None,
                registered_at=end_of_day(date(2022, month, 28)),
            )


# Illustrative shares of the instruments the seeds name ("Statushouders" at the tussenstand
# of 31 August 2022); the corporations house most, each municipality uses two more.
OTHER_INSTRUMENTS = (
    HousingInstrument.MODEL_UTRECHT, HousingInstrument.HOTEL_SCHEME, HousingInstrument.HOTELS,
    HousingInstrument.HOLIDAY_HOMES, HousingInstrument.TAKECAREBNB,
    HousingInstrument.PRIVATE_BNB, HousingInstrument.INTERMEDIATE_FLEX,
    HousingInstrument.SHARED_FAMILY_HOME,
)


def _instrument_split(housed: int, index: int) -> dict[str, int]:
    first = OTHER_INSTRUMENTS[index % len(OTHER_INSTRUMENTS)]
    second = OTHER_INSTRUMENTS[(index + 3) % len(OTHER_INSTRUMENTS)]
    one, two = housed // 5, housed // 10
    return {HousingInstrument.CORPORATIONS: housed - one - two, first: one, second: two}


def _cno_distribution_adopt(region) -> None:
    target = Target.objects.get(safety_region=region, kind=Target.Kind.CNO, amount=450)
    computed = distribution_compute(DistributionInput(
        target=target, region=region, reference_date=date(2022, 1, 1),
        credit_from=date(2022, 6, 1), credit_until=date(2022, 9, 30),
        credit_location_type=LocationType.CNO, credit_as_of=date(2022, 8, 31),
        # The seeds: "De geplande inspanning Zwartewaterland (boot) na 1 oktober is hierbij
        # opgenomen (4x84)", so its share was struck out.
        planned_locations=(Location.objects.get(name=BOAT).pk,),
    ))
    distribution = distribution_save(
        actor=None, computed=computed,
        notes="Illustratief: verdeling 50/50 inwoners/landoppervlakte met verrekening van "
        "CNO-inzet sinds 1 juni, zoals voorgesteld in het BAO van 31-08-2022.",
    )
    distribution_adopt(actor=None, distribution=distribution,
                       decision_reference="BAO 31-08-2022 (illustratief)")
    # Adopted at the meeting itself, so an overview "as of" that evening already uses it.
    type(distribution).objects.filter(pk=distribution.pk).update(
        adopted_at=datetime(2022, 8, 31, 17, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    )
    figures_changed()  # update() sends no signal


def _agreements_load(region) -> None:
    """The seeds let municipalities exchange CNO and permit-holder tasks ("Taken CNO en
    huisvesting statushouders onderling in regio uitwisselbaar") and open "gezamenlijk 1 of
    meerdere locaties van 150 tot 200 plekken, burgemeesters bepalen samen welke locatie".
    They give no numbers, parts or rate: those below are illustrative."""
    by_name = {m.name: m for m in Municipality.objects.filter(safety_region=region)}
    agreement_register(
        actor=None, region=region, kind=RegionalAgreement.Kind.EXCHANGE,
        taker=by_name["Zwolle"], giver=by_name["Olst-Wijhe"], places=20, permit_holders=30,
        valid_from=date(2022, 10, 1), is_illustrative=True,
        reason="Zwolle neemt CNO-plekken van Olst-Wijhe over; Olst-Wijhe huisvest daarvoor "
        "vergunninghouders van Zwolle (illustratief)",
        decision_reference="BAO 28-09-2022 (illustratief)",
    )
    parts = {"Zwolle": 50, "Kampen": 40, "Zwartewaterland": 30, "Staphorst": 30,
             "Dalfsen": 30}  # 180 places, within the seeds' 150–200
    location = location_create(
        actor=None, name="Gezamenlijke CNO-locatie regio IJsselland",
        municipality=by_name["Dalfsen"], type=LocationType.CNO,
        status=LocationStatus.PLANNED,
    )
    capacity_record_register(
        actor=None, location=location, valid_from=date(2022, 11, 1),
        valid_to=date(2022, 12, 31), places=sum(parts.values()), kind=CapacityKind.PLANNED,
        reason=ILLUSTRATIVE, registered_at=end_of_day(date(2022, 10, 12)),
    )
    agreement_register(
        actor=None, region=region, kind=RegionalAgreement.Kind.JOINT_LOCATION,
        location=location, places=sum(parts.values()),
        parts=[(by_name[name], places) for name, places in parts.items()],
        valid_from=date(2022, 10, 12), is_illustrative=True,
        reason="Gezamenlijke locatie van 150 tot 200 plekken, gekozen door de burgemeesters "
        "(verdeling illustratief)",
        decision_reference="BAO 12-10-2022 (illustratief)",
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
        fields = dict(fields)
        # Registered the morning of the meeting that named it, so the decks of that day and
        # later show it and earlier ones do not.
        known = fields.pop("known")
        target_create(
            safety_region=region if fields["scope"] == Target.Scope.REGIONAL else None,
            registered_at=datetime.combine(known, time(9), tzinfo=ZoneInfo("Europe/Amsterdam")),
            **fields,
        )
    _locations_load(region)
    _permit_housing_load(region)
    _cno_distribution_adopt(region)
    operations_demo_load(region)
    pipeline_demo_load(region)
    flex_demo_load(region)
    meetings_demo_load(region)
    national_demo_load(region)
    _agreements_load(region)
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
            user = user_create(
                username=account.username,
                password=password,
                role=account.role,
                safety_region=None if account.role == Role.OFFICER else region,
                municipalities=Municipality.objects.filter(code__in=account.municipalities),
                first_name=account.description,
                # Reserved domain: the demo's mail is printed on the console, never delivered.
                email=f"{account.username}@demo.invalid",
            )
            # Set once, when the account is made: a demo user may change or clear it later.
            working_date_set(user=user, working_date=SCENARIO_DATE)
        elif fixed and not user.check_password(fixed):
            user_set_password(user=user, password=fixed)
    if not fixed:
        _store_passwords(passwords)
    # The demo's emergency request was made before these accounts existed.
    operations_demo_notify()
    return passwords
