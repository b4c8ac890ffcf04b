"""The demo follows the seeds: whoever had CNO places is on the rota then, stays end, and a
CNO location closes when its places end."""

from datetime import date

from opvangregie.capacity.models import Location, LocationStatus, LocationType
from opvangregie.capacity.municipal import places_of
from opvangregie.capacity.selectors import end_of_day
from opvangregie.demo.scenario import scenario_load
from opvangregie.operations.demo import REGIONAL_ROTA
from opvangregie.operations.models import Rota, Stay, TurnChange
from opvangregie.regions.models import Municipality


def test_the_demo_rota_stays_and_locations_agree_with_the_places(db):
    scenario_load()
    rota = Rota.objects.get(name=REGIONAL_ROTA)
    june = rota.turns.filter(start=date(2022, 6, 1)).select_related("participant__municipality")
    assert {t.participant.municipality.name for t in june} == {"Ommen", "Kampen"}
    reasons = " ".join(TurnChange.objects.filter(rota=rota).values_list("reason", flat=True))
    assert "Ommen" in reasons and "Kampen" in reasons

    stays = Stay.objects.all()
    assert stays.exists() and not stays.filter(departed_on__isnull=True).exists()
    assert max(stays.values_list("departed_on", flat=True)) <= date(2022, 6, 15)

    cno = {loc.municipality.name: loc.status
           for loc in Location.objects.filter(type=LocationType.CNO).select_related(
               "municipality")}
    assert cno["Ommen"] == cno["Kampen"] == cno["Deventer"] == LocationStatus.CLOSED
    assert cno["Zwartewaterland"] == cno["Zwolle"] == LocationStatus.PLANNED


def test_the_demo_reaches_2000_ukrainian_places_only_after_23_june(db):
    """BAO 25-05-2022: "Realisatie van 2000+ duurt in elk geval langer dan 23 juni"."""
    scenario_load()
    ids = list(Municipality.objects.values_list("pk", flat=True))
    known = end_of_day(date(2022, 8, 31))

    def ukrainian_places(day):
        places = places_of(ids, known_at=known, day=day, cno_start=day, cno_end=day)
        return sum(p.for_ukrainians for p in places.values())

    assert ukrainian_places(date(2022, 6, 23)) < 2000 <= ukrainian_places(date(2022, 8, 31))
