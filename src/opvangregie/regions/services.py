"""Writes to regions, municipalities and their dated indicator values."""

import csv
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opvangregie.audit.services import acting_user, audit_record
from opvangregie.core.cache import figures_changed
from opvangregie.core.dated import start_of
from opvangregie.regions.cbs import MAX_VALUE, CbsFile, CbsFileError, parse_cbs_file
from opvangregie.regions.models import (
    Indicator,
    IndicatorValue,
    Municipality,
    NationalValue,
    Province,
    SafetyRegion,
)

CBS_SOURCE = "CBS, tabel 70072NED Regionale kerncijfers Nederland"
DERIVED_AREA_SOURCE = "CBS 70072NED, afgeleid: inwoners ÷ bevolkingsdichtheid"
INDICATORS = {
    Indicator.POPULATION: ("Inwoners op 1 januari", "inwoners"),
    Indicator.LAND_AREA: ("Landoppervlakte", "km²"),
    Indicator.POPULATION_DENSITY: ("Bevolkingsdichtheid", "inwoners per km² land"),
}
CENT = Decimal("0.01")
NATIONAL_REGION_NAME = "Nederland"


@dataclass
class CbsImportSummary:
    rows: int = 0
    created: int = 0
    updated: int = 0  # corrections: a new value that replaces, and keeps, the old one
    unchanged: int = 0
    unknown_regions: set[str] = field(default_factory=set)

    def as_text(self) -> str:
        text = _(
            "%(rows)s regels gelezen: %(created)s waarden toegevoegd, %(updated)s gecorrigeerd "
            "(oude waarde bewaard), %(unchanged)s ongewijzigd."
        ) % {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        if self.unknown_regions:
            names = sorted(self.unknown_regions)
            shown = ", ".join(names[:8]) + (" …" if len(names) > 8 else "")
            text += " " + _(
                "%(count)s namen zijn geen bestaande gemeente en zijn overgeslagen (%(names)s)."
            ) % {"count": len(names), "names": shown}
        return text


def _data_file(name: str):
    return resources.files("opvangregie.regions").joinpath("data", name)


def indicators_ensure() -> dict[str, Indicator]:
    found = {}
    for code, (name, unit) in INDICATORS.items():
        found[code], _created = Indicator.objects.get_or_create(
            code=code, defaults={"name": name, "unit": unit, "source": "CBS"}
        )
    return found


@transaction.atomic
def reference_data_load() -> CbsImportSummary:
    """Load provinces, the 25 safety regions, municipalities 2022/2023 and their CBS figures.

    Idempotent: running it again adds nothing twice. A CBS figure loaded for the first time
    counts as known since its reference date (so an overview "as known on" a day of 2022 shows
    the shipped figures); a figure that differs from the current one is a correction,
    registered now, and the old value is kept.
    """
    with _data_file("veiligheidsregios_2022_2023.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            SafetyRegion.objects.update_or_create(
                code=row["vr_code"], defaults={"name": row["vr_naam"]}
            )
    regions = {region.code: region for region in SafetyRegion.objects.all()}
    with _data_file("gemeenten_2022_2023.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            province, _created = Province.objects.update_or_create(
                code=row["provincie_code"], defaults={"name": row["provincie"]}
            )
            Municipality.objects.update_or_create(
                code=row["gm_code"],
                defaults={
                    "name": row["gemeente"].removesuffix(" (gemeente)"),
                    "cbs_name": row["gemeente"],
                    "province": province,
                    "safety_region": regions[row["vr_code"]],
                    "exists_from": None if row["bestaat_1jan2022"] == "1" else date(2023, 1, 1),
                    "exists_until": None if row["bestaat_1jan2023"] == "1" else date(2022, 12, 31),
                },
            )
    parsed = parse_cbs_file(_data_file("cbs_70072NED_2020_2023.csv").read_bytes())
    summary = cbs_values_store(parsed=parsed, actor=None, shipped=True)
    # The shipped export lists every municipality of every year, so its sums are the national
    # totals (checked against CBS's published totals in the tests).
    national: dict[date, Decimal] = {}
    for item in parsed.values:
        if item.indicator == Indicator.POPULATION:
            national[item.reference_date] = national.get(item.reference_date, 0) + item.value
    national_values_store(
        indicator_code=Indicator.POPULATION, values=national, source=CBS_SOURCE, actor=None,
        shipped=True,
    )
    return summary


def _first_registration(day: date, *, shipped: bool, now: datetime) -> datetime:
    # Shipped reference data was published long before anyone loads it; registering it at
    # load time would hide it from every overview of an earlier date.
    return start_of(day) if shipped else now


@transaction.atomic
def national_values_store(
    *, indicator_code: str, values: dict[date, Decimal], source: str, actor=None,
    shipped: bool = False,
) -> int:
    """Store national figures; a changed one is a correction. Returns how many were written."""
    indicator = indicators_ensure()[indicator_code]
    # The newest row of each chain, whenever registered: a correction always extends it.
    current = {
        row.reference_date: row
        for row in NationalValue.objects.filter(indicator=indicator, corrected_by__isnull=True)
    }
    now = timezone.now()
    registered_by = acting_user(actor)
    written = 0
    for day, value in values.items():
        found = current.get(day)
        if found is not None and found.value == value:
            continue
        record = NationalValue(
            indicator=indicator, reference_date=day, value=value, source=source,
            registered_by=registered_by, corrects=found,
            registered_at=now if found else _first_registration(day, shipped=shipped, now=now),
        )
        record.full_clean()
        record.save()
        written += 1
    return written


def cbs_import(*, raw: bytes, actor=None) -> CbsImportSummary:
    """Import a CBS StatLine export (70072NED format): all values or, on any error, none."""
    return cbs_values_store(parsed=parse_cbs_file(raw), actor=actor)


@transaction.atomic
def cbs_values_store(*, parsed: CbsFile, actor, shipped: bool = False) -> CbsImportSummary:
    """Add the values of a parsed export; a changed value is a correction, the old one kept.

    `shipped`: the reference data that comes with the product; a value seen for the first
    time then counts as known since its reference date. Unchanged values write nothing.
    """
    indicators = indicators_ensure()
    municipalities = {m.cbs_name: m for m in Municipality.objects.all()}
    summary = CbsImportSummary(rows=parsed.rows)

    wanted: dict[tuple[int, str, date], tuple[Decimal, bool, str]] = {}
    national: dict[str, dict[date, Decimal]] = {}
    lines: dict[tuple[int, str, date], int] = {}
    for item in parsed.values:
        if item.region_name == NATIONAL_REGION_NAME:
            national.setdefault(item.indicator, {})[item.reference_date] = item.value
            continue
        municipality = municipalities.get(item.region_name)
        if municipality is None:
            summary.unknown_regions.add(item.region_name)
            continue
        key = (municipality.pk, item.indicator, item.reference_date)
        wanted[key] = (item.value.quantize(CENT, ROUND_HALF_UP), False, CBS_SOURCE)
        lines[key] = item.line
    # Land area follows from population and density where CBS gives no exact figure.
    for (municipality_id, indicator, day), (density, _d, _s) in list(wanted.items()):
        if indicator != Indicator.POPULATION_DENSITY or density == 0:
            continue
        population = wanted.get((municipality_id, Indicator.POPULATION, day))
        area_key = (municipality_id, Indicator.LAND_AREA, day)
        if population and area_key not in wanted:
            area = (population[0] / density).quantize(CENT, ROUND_HALF_UP)
            if area >= MAX_VALUE:
                raise CbsFileError([_(
                    "Regel %(line)s: inwoners gedeeld door de bevolkingsdichtheid geeft een "
                    "onmogelijke landoppervlakte (%(area)s km²); controleer de dichtheid."
                ) % {"line": lines[(municipality_id, indicator, day)], "area": area}])
            wanted[area_key] = (area, True, DERIVED_AREA_SOURCE)

    existing = {
        (v.municipality_id, v.indicator.code, v.reference_date): v
        for v in IndicatorValue.objects.select_related("indicator").filter(
            indicator__code__in={key[1] for key in wanted}, corrected_by__isnull=True
        )
    }
    to_create, corrections = [], 0
    now = timezone.now()
    registered_by = acting_user(actor)
    for key, (value, derived, source) in wanted.items():
        current = existing.get(key)
        if current is not None and (
            (derived and not current.is_derived)  # an exact figure is never replaced by an estimate
            or (current.value == value and current.is_derived == derived)
        ):
            summary.unchanged += 1
            continue
        corrections += current is not None
        to_create.append(
            IndicatorValue(
                municipality_id=key[0],
                indicator=indicators[key[1]],
                reference_date=key[2],
                value=value,
                is_derived=derived,
                source=source,
                registered_by=registered_by,
                corrects=current,
                registered_at=now if current else _first_registration(
                    key[2], shipped=shipped, now=now
                ),
            )
        )
    IndicatorValue.objects.bulk_create(to_create, batch_size=500)
    summary.updated = corrections
    summary.created = len(to_create) - corrections
    figures_changed()  # bulk writes send no signals
    for indicator_code, values in national.items():
        national_values_store(
            indicator_code=indicator_code, values=values, source=CBS_SOURCE, actor=actor,
            shipped=shipped,
        )
    audit_record(
        actor=actor,
        action="import",
        object_type="regions.indicatorvalue",
        summary=summary.as_text(),
        after={"created": summary.created, "corrected": summary.updated},
    )
    return summary


@transaction.atomic
def municipality_update_contact(
    *, municipality: Municipality, actor, contact_name: str, contact_email: str,
    contact_phone: str,
) -> Municipality:
    fields = ("contact_name", "contact_email", "contact_phone")
    before = {name: getattr(municipality, name) for name in fields}
    municipality.contact_name = contact_name
    municipality.contact_email = contact_email
    municipality.contact_phone = contact_phone
    municipality.full_clean()
    municipality.save(update_fields=list(fields))
    audit_record(
        actor=actor,
        action="update",
        instance=municipality,
        summary=_("Contactgegevens van %(name)s gewijzigd") % {"name": municipality.name},
        before=before,
        after={name: getattr(municipality, name) for name in fields},
    )
    return municipality
