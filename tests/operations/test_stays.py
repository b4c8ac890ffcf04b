"""Stays and the two-week rule: the list on frozen dates, occupancy, no personal data."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from freezegun import freeze_time

from opvangregie.operations import selectors, services
from opvangregie.operations.models import Destination, Stay

from .conftest import location_with_capacity


@pytest.fixture
def cno(zwolle):
    return location_with_capacity(zwolle, name="CNO Zwolle", places=80, occupancy=0)


@pytest.fixture
def stays(cno, coordinator):
    arrivals = {"CNO-0001": date(2022, 6, 1), "CNO-0002": date(2022, 6, 3),
                "CNO-0003": date(2022, 6, 4), "CNO-0004": date(2022, 6, 10),
                "CNO-0005": date(2022, 6, 1)}
    made = {ref: services.stay_register(actor=coordinator, location=cno, reference=ref,
                                        arrived_on=day) for ref, day in arrivals.items()}
    services.stay_depart(actor=coordinator, stay=made["CNO-0005"], departed_on=date(2022, 6, 8),
                         destination=Destination.AZC)
    return made


@freeze_time("2022-06-15 10:00")
def test_two_week_list_on_a_frozen_date(stays, coordinator):
    rows = selectors.two_week_list(coordinator, on=date.today())
    # 1 June is day 15 (past), 3 June day 13 and 4 June day 12 (approaching); 10 June is
    # day 6 (not yet) and CNO-0005 left on 8 June.
    assert [(r.stay.reference, r.day, r.is_overdue) for r in rows] == [
        ("CNO-0001", 15, True), ("CNO-0002", 13, False), ("CNO-0003", 12, False)]
    assert rows[0].deadline == date(2022, 6, 14)


def test_the_list_as_it_was_on_an_earlier_day(stays, coordinator):
    rows = selectors.two_week_list(coordinator, on=date(2022, 6, 12))
    assert [(r.stay.reference, r.day) for r in rows] == [("CNO-0001", 12)]


@freeze_time("2022-06-15 10:00")
def test_the_page_shows_the_list_for_today(client, stays, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("operations:stays"))
    assert page.status_code == 200
    assert "CNO-0001" in page.text and "termijn verstreken" in page.text
    assert "CNO-0004" not in page.text


def test_occupancy_follows_from_counts_and_stays(cno, coordinator, stays):
    services.movements_register(actor=coordinator, location=cno, day=date(2022, 6, 2),
                                arrivals=30)
    services.movements_register(actor=coordinator, location=cno, day=date(2022, 6, 9),
                                departures=12, destination=Destination.GOO)
    [row] = selectors.occupancy_on(coordinator, on=date(2022, 6, 9))
    assert row.tracked == 3  # CNO-0005 left on 8 June, CNO-0004 arrives on 10 June
    assert row.present == 30 - 12 + 3
    assert row.departures_today == 12
    [later] = selectors.occupancy_on(coordinator, on=date(2022, 6, 10))
    assert later.present == 18 + 4 and later.arrivals_today == 1


def test_a_name_is_refused_as_reference(cno, coordinator):
    with pytest.raises(ValidationError):
        services.stay_register(actor=coordinator, location=cno, reference="Jansen",
                               arrived_on=date(2022, 6, 1))
    assert not Stay.objects.exists()


def test_stays_are_kept_only_at_crisis_emergency_shelter(zwolle, coordinator):
    hotel = location_with_capacity(zwolle, name="Hotel", type="hotel", places=10, occupancy=0)
    with pytest.raises(ValidationError):
        services.stay_register(actor=coordinator, location=hotel, reference="H-1",
                               arrived_on=date(2022, 6, 1))


def test_departures_need_a_destination(cno, coordinator):
    with pytest.raises(ValidationError):
        services.movements_register(actor=coordinator, location=cno, day=date(2022, 6, 1),
                                    departures=3)


def test_officer_registers_at_own_location_through_the_page(client, cno, zwolle_officer):
    client.force_login(zwolle_officer)
    url = reverse("operations:stay_register", kwargs={"pk": cno.pk})
    response = client.post(url, {"reference": "cno-0100", "arrived_on": "2022-06-01"})
    assert response.status_code == 302
    stay = Stay.objects.get()
    assert stay.reference == "CNO-0100" and stay.registered_by == zwolle_officer
    depart = reverse("operations:stay_depart", kwargs={"pk": cno.pk, "stay_pk": stay.pk})
    client.post(depart, {"departed_on": "2022-06-10", "destination": "azc"})
    stay.refresh_from_db()
    assert stay.departed_on == date(2022, 6, 10) and stay.destination == "azc"


def test_officer_of_another_municipality_cannot_register(client, cno, deventer_officer):
    client.force_login(deventer_officer)
    response = client.post(reverse("operations:movement_register", kwargs={"pk": cno.pk}),
                           {"day": "2022-06-01", "arrivals": 5, "departures": 0})
    assert response.status_code == 403
    assert not cno.movements.exists()


def test_officer_of_another_region_does_not_see_the_location(client, cno, amsterdam_officer):
    client.force_login(amsterdam_officer)
    assert client.get(reverse("operations:stay_location",
                              kwargs={"pk": cno.pk})).status_code == 404
