"""The location list, a location's registrations and the housing page read plain values
instead of model instances: the same views, the same rows, the same access rules."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from opvangregie.access import location_views_for_user
from opvangregie.capacity import selectors
from opvangregie.capacity.models import CapacityRecord, Location
from opvangregie.capacity.services import capacity_record_register, permit_housing_register
from opvangregie.meetings.models import LocationReport
from opvangregie.meetings.selectors import location_reports
from opvangregie.regions.models import Municipality
from opvangregie.regions.selectors import municipalities_for_user

pytestmark = pytest.mark.django_db

USERS = ["zwolle_officer", "deventer_officer", "coordinator", "board_member"]


@pytest.mark.parametrize("who", USERS)
def test_location_rows_give_the_views_model_instances_give(
    request, who, secret_location, zwolle_location, deventer_location, deventer
):
    user = request.getfixturevalue(who)
    released = Location.objects.create(
        name="Vrijgegeven Kazerne", address="Kazerneweg 2", municipality=deventer, type="azc",
        is_confidential=True, name_released_from=timezone.now() - timedelta(days=1),
        address_released_from=timezone.now() + timedelta(days=1))
    locations = selectors.locations_for_user(user).order_by("pk")
    rows = selectors.location_rows(selectors.location_row_values(locations))
    assert [row.pk for row in rows] == [
        secret_location.pk, zwolle_location.pk, deventer_location.pk, released.pk]
    now = timezone.now()
    assert (location_views_for_user(user, rows, now=now)
            == location_views_for_user(user, list(locations), now=now))
    for row, location in zip(rows, locations, strict=True):
        assert row.municipality.name == location.municipality.name
        assert ((row.operator, row.status, row.for_asylum_seekers, row.for_ukrainians)
                == (location.operator, location.status, location.for_asylum_seekers,
                    location.for_ukrainians))


def test_the_history_gives_what_the_records_hold_with_who_corrected_them(
    client, zwolle_officer, zwolle_location
):
    first = capacity_record_register(actor=zwolle_officer, location=zwolle_location,
                                      valid_from=date(2022, 6, 1), valid_to=None,
                                      places=10, reason="eerste").record
    capacity_record_register(actor=zwolle_officer, location=zwolle_location,
                             valid_from=date(2022, 6, 1), valid_to=None, places=12,
                             reason="telfout")
    by_system = capacity_record_register(actor=None, location=zwolle_location,
                                         valid_from=date(2022, 7, 1), valid_to=None,
                                         places=20, occupancy=15).record
    capacity_record_register(actor=None, location=zwolle_location, valid_from=date(2022, 7, 1),
                             valid_to=None, places=21)
    history = selectors.capacity_history(zwolle_location)
    records = list(CapacityRecord.objects.filter(location=zwolle_location)
                   .order_by("valid_from", "registered_at", "pk"))
    assert [row.pk for row in history] == [record.pk for record in records]
    for row, record in zip(history, records, strict=True):
        correction = getattr(record, "corrected_by", None)
        assert row == selectors.HistoryRecord(
            record.pk, record.valid_from, record.valid_to, record.places, record.occupancy,
            record.kind, record.registered_at,
            record.registered_by.username if record.registered_by else None, record.reason,
            corrected=correction is not None,
            corrected_at=correction.registered_at if correction else None,
            corrected_by=(correction.registered_by.username
                          if correction and correction.registered_by else None))
    assert [row.pk for row in selectors.capacity_history(zwolle_location, latest=2)] == [
        record.pk for record in records[-2:]]
    assert history[0].pk == first.pk and history[0].corrected_by == zwolle_officer.username
    assert history[2].pk == by_system.pk and history[2].corrected and not history[2].corrected_by
    client.force_login(zwolle_officer)
    page = client.get(reverse("capacity:location_detail", kwargs={"pk": zwolle_location.pk}))
    assert "door het systeem" in page.text and "gecorrigeerd op" in page.text
    assert f"door {zwolle_officer.username}" in page.text


def test_housing_rows_give_what_the_registrations_hold(client, coordinator, zwolle, deventer,
                                                      zwolle_officer):
    permit_housing_register(actor=zwolle_officer, municipality=zwolle, month=date(2022, 8, 1),
                            housed=7, instruments={"hotels": 3, "corporations": 4})
    permit_housing_register(actor=zwolle_officer, municipality=zwolle, month=date(2022, 8, 1),
                            housed=8, reason="na telling")
    permit_housing_register(actor=None, municipality=deventer, month=date(2022, 7, 1), housed=2)
    municipalities = municipalities_for_user(coordinator)
    rows = selectors.housing_rows(selectors.permit_housing_current_values(municipalities))
    current = list(selectors.permit_housing_current(municipalities))
    assert rows == [
        selectors.HousingRow(
            h.pk, h.month, h.municipality.name, h.housed, h.registered_at,
            h.registered_by.username if h.registered_by else None, h.corrects_id, h.reason,
            tuple((c.instrument, c.housed) for c in h.instrument_counts.all()))
        for h in current
    ]
    assert rows[0].corrects_id and rows[0].reason == "na telling"
    client.force_login(coordinator)
    page = client.get(reverse("capacity:permit_housing")).text
    assert "(correctie)" in page and "door het systeem" in page and "na telling" in page


def test_housing_rows_keep_the_counts_per_instrument_in_order(zwolle, zwolle_officer):
    permit_housing_register(actor=zwolle_officer, municipality=zwolle, month=date(2022, 8, 1),
                            housed=7, instruments={"hotels": 3, "corporations": 4})
    (row,) = selectors.housing_rows(selectors.permit_housing_current_values(
        municipalities_for_user(zwolle_officer)))
    assert row.instrument_counts == (("corporations", 4), ("hotels", 3))


def test_the_location_page_shows_its_reports_without_asking_again(
    client, coordinator, zwolle_location
):
    LocationReport.objects.create(location=zwolle_location, reported_on=date(2022, 8, 29),
                                  concerns="Zorgpunt bij de ingang")
    client.force_login(coordinator)
    page = client.get(reverse("capacity:location_detail", kwargs={"pk": zwolle_location.pk}))
    assert "Rapportage 29-8-2022" in page.text and "Zorgpunt bij de ingang" in page.text
    # Without the page's word for it the selector still asks whether the location is visible.
    elsewhere = Location.objects.create(
        name="Elders", type="cno", municipality=Municipality.objects.get(code="GM0363"))
    LocationReport.objects.create(location=elsewhere, reported_on=date(2022, 8, 29))
    assert location_reports(coordinator, elsewhere) == []
    assert [r.location_id for r in location_reports(coordinator, zwolle_location)] == [
        zwolle_location.pk]
