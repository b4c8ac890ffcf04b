"""Who takes part in a rota and with what weight (reads only; the planning is in rota.py)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from opvangregie.capacity.models import Location, LocationStatus
from opvangregie.capacity.selectors import current_capacity_by_location
from opvangregie.operations.models import ParticipantKind
from opvangregie.regions.models import Indicator, Municipality, SafetyRegion
from opvangregie.regions.selectors import indicator_values_on, municipalities_existing_on


class Key:
    POPULATION = "population"
    EQUAL = "equal"
    PLACES = "places"

    CHOICES = (
        (POPULATION, _("inwoners (CBS) op de peildatum")),
        (EQUAL, _("gelijk: iedere deelnemer even vaak")),
        (PLACES, _("plekken van de locatie (alleen bij locaties)")),
    )


@dataclass(frozen=True)
class RotaMember:
    """A participant to plan: exactly one of region, municipality or location, and a weight."""

    weight: Decimal | int
    safety_region: SafetyRegion | None = None
    municipality: Municipality | None = None
    location: Location | None = None
    unavailable: tuple[tuple[date, date], ...] = ()

    @property
    def name(self) -> str:
        """The planning name; a location by its number, never its (confidential) name."""
        if self.location is not None:
            return f"locatie-{self.location.pk}"
        return (self.safety_region or self.municipality).name

    def with_unavailable(self, periods) -> "RotaMember":
        return RotaMember(self.weight, self.safety_region, self.municipality, self.location,
                          tuple(periods))


def key_description(kind: str, key: str, reference_date: date | None) -> str:
    if key == Key.POPULATION:
        return _("Inwoners volgens CBS op %(d)s") % {
            "d": f"{reference_date.day}-{reference_date.month}-{reference_date.year}"}
    if key == Key.PLACES:
        return _("Plekken van de locatie, zoals nu bekend")
    return _("Gelijk gewicht")


def _population(municipalities, on: date) -> dict[int, Decimal]:
    values = indicator_values_on(municipalities, Indicator.POPULATION, on)
    return {pk: value.value for pk, value in values.items()}


def rota_members(*, kind: str, key: str, region: SafetyRegion | None = None,
                 reference_date: date | None = None) -> list[RotaMember]:
    """The participants of a new rota, with weights by `key`, in a stable order.

    Regions (nationally): the 25 safety regions, weight = the sum of their municipalities'
    population on the reference date. Municipalities: those of the region that exist on the
    first day. Locations: the region's open crisis emergency shelter (and other open)
    locations.
    """
    on = reference_date or timezone.localdate()
    if kind == ParticipantKind.REGION:
        regions = list(SafetyRegion.objects.order_by("code"))
        if key != Key.POPULATION:
            return [RotaMember(1, safety_region=r) for r in regions]
        municipalities = municipalities_existing_on(
            Municipality.objects.select_related("safety_region"), on)
        population = _population(municipalities, on)
        totals: dict[int, Decimal] = {}
        for m in municipalities:
            totals[m.safety_region_id] = totals.get(m.safety_region_id, 0) + population.get(
                m.pk, 0)
        return [RotaMember(totals.get(r.pk, 0), safety_region=r) for r in regions]
    if kind == ParticipantKind.MUNICIPALITY:
        municipalities = municipalities_existing_on(
            Municipality.objects.filter(safety_region=region).order_by("name"), on)
        if key != Key.POPULATION:
            return [RotaMember(1, municipality=m) for m in municipalities]
        population = _population(municipalities, on)
        return [RotaMember(population.get(m.pk, 0), municipality=m) for m in municipalities]
    locations = list(
        Location.objects.filter(municipality__safety_region=region, status=LocationStatus.OPEN)
        .select_related("municipality").order_by("municipality__name", "pk")
    )
    if key == Key.PLACES:
        current = current_capacity_by_location([loc.pk for loc in locations],
                                               on=timezone.localdate())
        return [RotaMember(current[loc.pk].places if loc.pk in current else 0, location=loc)
                for loc in locations]
    return [RotaMember(1, location=loc) for loc in locations]
