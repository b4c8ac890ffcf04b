"""Two people editing at once: nothing is overwritten unseen, and no save ends in an error page."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from opvangregie.capacity import services
from opvangregie.capacity.models import CapacityRecord, Location
from opvangregie.core.versioning import EditConflict
from opvangregie.regions.models import Municipality
from tests.capacity.test_capacity_forms import FIGURES
from tests.concurrency import hidden_value, run_at_once
from tests.factories import UserFactory

CONFLICT = "intussen gewijzigd"


def location_form_data(location, response, **changes):
    data = {"name": location.name, "address": location.address,
            "municipality": str(location.municipality_id), "type": location.type,
            "operator": location.operator, "status": location.status,
            "for_asylum_seekers": "on", "version": hidden_value(response, "version")}
    data.update(changes)
    return data


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_stale_location_form_is_refused_and_the_first_save_stays(
    zwolle_officer, coordinator, zwolle_location
):
    url = reverse("capacity:location_edit", kwargs={"pk": zwolle_location.pk})
    first, second = logged_in(zwolle_officer), logged_in(coordinator)
    first_page, second_page = first.get(url), second.get(url)

    assert first.post(url, location_form_data(zwolle_location, first_page,
                                              name="Sporthal Noord")).status_code == 302
    response = second.post(url, location_form_data(zwolle_location, second_page,
                                                   name="Sporthal Zuid", status="closed"))

    assert response.status_code == 200
    assert CONFLICT in response.text
    assert "Naam: Sporthal Noord (opgeslagen) tegenover Sporthal Zuid (uw invoer)" in response.text
    assert zwolle_officer.username in response.text  # who saved first
    assert 'value="Sporthal Zuid"' in response.text  # the second user's input is kept
    zwolle_location.refresh_from_db()
    assert (zwolle_location.name, zwolle_location.status) == ("Sporthal Noord", "open")


@pytest.mark.django_db
def test_saving_again_after_reading_the_message_keeps_the_users_values(
    zwolle_officer, coordinator, zwolle_location
):
    url = reverse("capacity:location_edit", kwargs={"pk": zwolle_location.pk})
    first, second = logged_in(zwolle_officer), logged_in(coordinator)
    first_page, second_page = first.get(url), second.get(url)
    first.post(url, location_form_data(zwolle_location, first_page, name="Sporthal Noord"))
    refused = second.post(url, location_form_data(zwolle_location, second_page,
                                                  name="Sporthal Zuid"))

    again = second.post(url, location_form_data(zwolle_location, refused, name="Sporthal Zuid"))

    assert again.status_code == 302
    zwolle_location.refresh_from_db()
    assert zwolle_location.name == "Sporthal Zuid"


@pytest.mark.django_db
def test_figures_registered_meanwhile_for_the_same_start_date_are_not_corrected_unseen(
    zwolle_officer, coordinator, zwolle_location
):
    detail = reverse("capacity:location_detail", kwargs={"pk": zwolle_location.pk})
    register = reverse("capacity:capacity_register", kwargs={"pk": zwolle_location.pk})
    first, second = logged_in(zwolle_officer), logged_in(coordinator)
    first_seen = hidden_value(first.get(detail), "seen_up_to")
    second_seen = hidden_value(second.get(detail), "seen_up_to")

    first.post(register, {**FIGURES, "places": "75", "seen_up_to": first_seen})
    response = second.post(register, {**FIGURES, "places": "90", "seen_up_to": second_seen})

    assert response.status_code == 200
    assert CONFLICT in response.text
    assert "Plekken: 75 (opgeslagen) tegenover 90 (uw invoer)" in response.text
    assert [r.places for r in CapacityRecord.objects.filter(superseded_at__isnull=True)] == [75]


@pytest.mark.django_db
def test_a_correction_of_a_record_corrected_meanwhile_is_refused(
    zwolle_officer, coordinator, zwolle_location
):
    record = services.capacity_record_register(
        actor=zwolle_officer, location=zwolle_location, valid_from=date(2022, 6, 1),
        valid_to=None, places=75,
    ).record
    url = reverse("capacity:capacity_correct",
                  kwargs={"pk": zwolle_location.pk, "record_pk": record.pk})
    first, second = logged_in(zwolle_officer), logged_in(coordinator)
    first_page, second_page = first.get(url), second.get(url)
    correction = {"valid_to": "", "occupancy": "", "kind": "realised", "reason": "telfout"}

    first.post(url, {**correction, "places": "70",
                     "seen_up_to": hidden_value(first_page, "seen_up_to")})
    response = second.post(url, {**correction, "places": "95",
                                 "seen_up_to": hidden_value(second_page, "seen_up_to")})

    assert CONFLICT in response.text
    assert "Plekken: 70 (opgeslagen) tegenover 95 (uw invoer)" in response.text
    current = CapacityRecord.objects.get(superseded_at__isnull=True)
    assert current.places == 70 and current.corrects == record


@pytest.mark.django_db
def test_a_lost_race_at_the_database_becomes_a_clear_message(
    zwolle_officer, coordinator, zwolle_location, monkeypatch
):
    services.capacity_record_register(actor=zwolle_officer, location=zwolle_location,
                                      valid_from=date(2022, 6, 1), valid_to=None, places=75)
    # As if the other writer's record was committed just after this writer looked.
    monkeypatch.setattr(services, "_current_capacity", lambda location, valid_from: None)

    with pytest.raises(EditConflict) as refused:
        services.capacity_record_register(actor=coordinator, location=zwolle_location,
                                          valid_from=date(2022, 6, 1), valid_to=None,
                                          places=90)

    assert "Plekken: 75 (opgeslagen) tegenover 90 (uw invoer)" in refused.value.messages[0]
    assert CapacityRecord.objects.filter(superseded_at__isnull=True).count() == 1


def _officers_with_locations(count: int):
    municipalities = list(Municipality.objects.filter(safety_region__code="VR04")[:count])
    pairs = []
    for index in range(count):
        municipality = municipalities[index % len(municipalities)]
        location = Location.objects.create(name=f"Locatie {index}", municipality=municipality,
                                           type="cno")
        pairs.append((UserFactory(role="officer", municipalities=[municipality]), location))
    return pairs


@pytest.mark.django_db(transaction=True)
def test_eight_officers_saving_at_once_all_succeed():
    pairs = _officers_with_locations(8)
    clients = [(logged_in(user), location) for user, location in pairs]

    def save(client, location):
        return lambda: client.post(
            reverse("capacity:capacity_register", kwargs={"pk": location.pk}),
            {**FIGURES, "seen_up_to": "0"},
        ).status_code

    results = run_at_once([save(client, location) for client, location in clients])

    assert results == [302] * 8
    assert CapacityRecord.objects.count() == 8


@pytest.mark.django_db(transaction=True)
def test_eight_registrations_for_the_same_start_date_leave_one_current_record(zwolle):
    location = Location.objects.create(name="Sporthal", municipality=zwolle, type="cno")
    clients = [logged_in(UserFactory(role="officer", municipalities=[zwolle]))
               for _ in range(8)]

    def save(client, places):
        def post():
            response = client.post(
                reverse("capacity:capacity_register", kwargs={"pk": location.pk}),
                {**FIGURES, "places": str(places), "occupancy": "", "seen_up_to": "0"},
            )
            return response.status_code, CONFLICT in response.text
        return post

    results = run_at_once([save(client, 100 + i) for i, client in enumerate(clients)])

    assert sorted(results) == [(200, True)] * 7 + [(302, False)]
    assert CapacityRecord.objects.filter(location=location, superseded_at__isnull=True).count() == 1
    assert CapacityRecord.objects.filter(location=location).count() == 1
    connection.close()


@pytest.mark.django_db
def test_the_database_refuses_a_second_current_record_for_a_location_and_start_date(
    zwolle_officer, zwolle_location, zwolle
):
    from django.db import IntegrityError, transaction

    from opvangregie.capacity.models import PermitHolderHousing

    services.capacity_record_register(actor=zwolle_officer, location=zwolle_location,
                                      valid_from=date(2022, 6, 1), valid_to=None, places=75)
    services.permit_housing_register(actor=zwolle_officer, municipality=zwolle,
                                     month=date(2022, 6, 1), housed=12)

    with pytest.raises(IntegrityError), transaction.atomic():
        CapacityRecord.objects.create(location=zwolle_location, valid_from=date(2022, 6, 1),
                                      places=90)
    with pytest.raises(IntegrityError), transaction.atomic():
        PermitHolderHousing.objects.create(municipality=zwolle, month=date(2022, 6, 1),
                                           housed=20)
    # A correction is fine: the corrected record is no longer current.
    services.permit_housing_register(actor=zwolle_officer, municipality=zwolle,
                                     month=date(2022, 6, 1), housed=14)
    assert [r.housed for r in PermitHolderHousing.objects.order_by("pk")] == [12, 14]
    assert PermitHolderHousing.objects.get(housed=12).superseded_at is not None
