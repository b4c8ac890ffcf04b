"""The demo follows the seeds: whoever had CNO places is on the rota then, stays end, and a
CNO location closes when its places end."""

from datetime import date

from opvangregie.capacity.models import Location, LocationStatus, LocationType
from opvangregie.demo.scenario import scenario_load
from opvangregie.operations.demo import REGIONAL_ROTA
from opvangregie.operations.models import Rota, Stay, TurnChange


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
