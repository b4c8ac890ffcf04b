"""The distribution detail and the what-if in words a mayor follows, not internal codes."""

import re

from django.urls import reverse

from opvangregie.demo.scenario import scenario_load
from opvangregie.targets.models import Distribution


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_demo_distribution_shows_labels_the_whatif_columns_and_the_water_level(
        client, db, coordinator):
    scenario_load()
    distribution = Distribution.objects.get()
    client.force_login(coordinator)
    page = _text(client.get(reverse("distribution_detail", kwargs={"pk": distribution.pk})).text)
    assert "Grootste overschot (Hamilton)" in page
    assert "inwoners 50 %, landoppervlakte 50 %" in page
    assert "(crisisnoodopvang (CNO))" in page
    for code in ("hamilton", "population", "land_area", "(cno)"):
        assert code not in page
    for column in ("Eerlijk deel", "Eerdere inzet", "Resterend", "Verschil door verrekening"):
        assert column in page
    assert "Zwartewaterland deed eerder 23,7 plekweken meer dan het eigen eerlijke deel" in page
    assert "de andere gemeenten hoeven samen 23,7 plekweken minder te leveren" in page
    assert "Quotum is een geheel getal" not in page
    zwolle = page.split("Zwolle", 1)[1][:120]
    assert "−3,8" in zwolle and " 83 " in zwolle


def test_the_whatif_explains_the_water_level_too(client, db, coordinator):
    scenario_load()
    client.force_login(coordinator)
    page = _text(client.get(reverse("dashboard")).text)
    assert "Waarom is ‘Resterend’ niet gelijk aan eerlijk deel min eerdere inzet?" in page
    assert "Quotum is een geheel getal" not in page
