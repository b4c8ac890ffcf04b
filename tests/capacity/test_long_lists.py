"""Long lists at national scale: the location list in pages, a location's latest history."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from opvangregie.capacity.models import CapacityKind, CapacityRecord, Location, LocationType
from opvangregie.capacity.views import HISTORY_SHOWN, LOCATIONS_PER_PAGE

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_the_location_list_shows_a_page_at_a_time_and_counts_them_all(
    client, coordinator, zwolle
):
    Location.objects.bulk_create(
        Location(name=f"Paviljoen {i:03}", municipality=zwolle, type=LocationType.GOO)
        for i in range(LOCATIONS_PER_PAGE + 5)
    )
    client.force_login(coordinator)
    first = client.get(reverse("capacity:location_list"), {"gemeente": "GM0193"})
    assert f"{LOCATIONS_PER_PAGE + 5} locaties" in first.text
    assert "Paviljoen 000" in first.text and "Paviljoen 054" not in first.text
    assert "Pagina 1 van 2" in first.text and "Volgende pagina" in first.text
    # The next page keeps the filter.
    assert "gemeente=GM0193&amp;pagina=2" in first.text
    second = client.get(reverse("capacity:location_list"), {"gemeente": "GM0193", "pagina": 2})
    assert "Paviljoen 054" in second.text and "Paviljoen 000" not in second.text


def test_a_location_page_shows_the_latest_registrations_and_all_on_request(
    client, coordinator, zwolle
):
    location = Location.objects.create(name="Sporthal Weekcijfers", municipality=zwolle,
                                       type=LocationType.CNO)
    weeks = HISTORY_SHOWN + 4
    CapacityRecord.objects.bulk_create(
        CapacityRecord(location=location, valid_from=date(2022, 1, 3) + timedelta(weeks=i),
                       valid_to=date(2022, 1, 9) + timedelta(weeks=i), places=100 + i,
                       kind=CapacityKind.REALISED,
                       registered_at=datetime(2022, 1, 3, 12, tzinfo=AMSTERDAM)
                       + timedelta(weeks=i))
        for i in range(weeks)
    )
    client.force_login(coordinator)
    url = reverse("capacity:location_detail", kwargs={"pk": location.pk})
    latest = client.get(url).text
    assert f"De laatste {HISTORY_SHOWN} registraties" in latest
    assert f"<td class=\"or-number\">{100 + weeks - 1}</td>" in latest  # the newest week
    assert "<td class=\"or-number\">100</td>" not in latest  # the first week
    everything = client.get(url, {"geschiedenis": "alle"}).text
    assert "<td class=\"or-number\">100</td>" in everything
    assert "Toon alle registraties" not in everything
