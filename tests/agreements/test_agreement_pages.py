"""The coordinator records agreements on a page; other regions neither see nor record them."""

from django.urls import reverse

from opvangregie.agreements.models import RegionalAgreement
from opvangregie.capacity.models import LocationType
from opvangregie.capacity.services import location_create


def joint(client, zwolle, deventer, *, deventer_places):
    location = location_create(actor=None, name="Hal Samen", municipality=zwolle,
                               type=LocationType.CNO)
    return client.post(reverse("agreements:agreement_create"), {
        "kind": "joint", "location": location.pk, "places": 150, "permit_holders": 0,
        "part_municipality_1": zwolle.pk, "part_places_1": 100,
        "part_municipality_2": deventer.pk, "part_places_2": deventer_places,
        "valid_from": "2022-10-01", "reason": "Gekozen door de burgemeesters",
        "decision_reference": "BAO 28-09-2022",
    })


def test_the_coordinator_records_a_joint_location_whose_parts_add_up(
        client, coordinator, zwolle, deventer):
    client.force_login(coordinator)
    page = joint(client, zwolle, deventer, deventer_places=40)
    assert page.status_code == 200
    text = page.content.decode()
    assert "de delen moeten samen het geheel zijn" in text
    assert not RegionalAgreement.objects.exists()
    assert joint(client, zwolle, deventer, deventer_places=50).status_code == 302
    listing = client.get(reverse("agreements:agreement_list")).content.decode()
    assert "Gekozen door de burgemeesters" in listing and "Deventer 50" in listing


def test_other_users_cannot_record_or_see(client, coordinator, board_member, amsterdam_officer,
                                          zwolle, deventer):
    client.force_login(coordinator)
    joint(client, zwolle, deventer, deventer_places=50)
    client.force_login(board_member)
    assert "Hal Samen" in client.get(reverse("agreements:agreement_list")).content.decode()
    assert client.get(reverse("agreements:agreement_create")).status_code == 403
    client.force_login(amsterdam_officer)
    assert client.get(reverse("agreements:agreement_list"),
                      {"regio": zwolle.safety_region.code}).status_code == 404
    assert client.post(reverse("agreements:agreement_create"),
                       {"regio": zwolle.safety_region.code}).status_code in (403, 404)
    assert RegionalAgreement.objects.count() == 1


def test_the_list_marks_replaced_agreements_with_queries_that_do_not_grow(
        client, coordinator, zwolle, deventer):
    from datetime import date

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from opvangregie.agreements.services import agreement_register

    region = zwolle.safety_region

    def exchange(reason, supersedes=None):
        return agreement_register(
            actor=coordinator, region=region, kind=RegionalAgreement.Kind.EXCHANGE,
            giver=zwolle, taker=deventer, places=10, permit_holders=5,
            valid_from=date(2022, 10, 1), reason=reason, decision_reference="BAO",
            supersedes=supersedes)

    client.force_login(coordinator)
    first = exchange("Eerste ruil")
    with CaptureQueriesContext(connection) as one:
        listing = client.get(reverse("agreements:agreement_list")).content.decode()
    assert "(vervangen)" not in listing
    exchange("Tweede ruil", supersedes=first)
    exchange("Andere ruil")
    with CaptureQueriesContext(connection) as three:
        listing = client.get(reverse("agreements:agreement_list")).content.decode()
    assert listing.count("(vervangen)") == 1
    row = next(line for line in listing.split("<tr>") if "Eerste ruil" in line)
    assert "(vervangen)" in row
    assert len(three.captured_queries) == len(one.captured_queries)
