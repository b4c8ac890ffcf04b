"""Delivery against the share: what each municipality should provide per week, what it
realised and planned as known on a date, the gap and its marker, the region's totals."""

import json
from datetime import date
from fractions import Fraction
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from opvangregie.capacity.models import CapacityKind, LocationType
from opvangregie.capacity.selectors import end_of_day
from opvangregie.capacity.services import capacity_record_register, location_create
from opvangregie.reports.system import system_user
from opvangregie.targets.distribution import DistributionInput, distribution_compute
from opvangregie.targets.models import Distribution, Target
from opvangregie.targets.progress import (
    AHEAD,
    BEHIND,
    ON_TRACK,
    marker,
    progress_for_user,
    target_for_progress,
)
from opvangregie.targets.services import distribution_adopt, distribution_save, target_create

# Two whole ISO weeks (Monday 3 October – Sunday 16 October 2022).
START, END = date(2022, 10, 3), date(2022, 10, 16)


@pytest.fixture
def target(ijsselland):
    return target_create(
        name="CNO 100", kind=Target.Kind.CNO, scope=Target.Scope.REGIONAL,
        safety_region=ijsselland, amount=100, unit=Target.Unit.PLACES, period_start=START,
        period_end=END, source="test", registered_at=end_of_day(date(2022, 9, 1)),
    )


@pytest.fixture
def adopted(target, ijsselland, coordinator):
    computed = distribution_compute(DistributionInput(target=target, region=ijsselland))
    distribution = distribution_save(actor=coordinator, computed=computed)
    distribution = distribution_adopt(actor=coordinator, distribution=distribution,
                                      decision_reference="BAO test")
    # Adopted before the period, as the board does (the service stamps the real moment).
    Distribution.objects.filter(pk=distribution.pk).update(
        adopted_at=end_of_day(date(2022, 9, 1)))
    distribution.refresh_from_db()
    return distribution


def shares(distribution) -> dict[str, int]:
    return {a.municipality.name: a.amount
            for a in distribution.allocations.select_related("municipality")}


def register(municipality, places, start, end, kind=CapacityKind.REALISED, *, location=None,
             registered=None, location_type=LocationType.CNO):
    location = location or location_create(
        actor=None, name=f"Locatie {municipality.name}", municipality=municipality,
        type=location_type,
    )
    capacity_record_register(actor=None, location=location, valid_from=start, valid_to=end,
                             places=places, kind=kind,
                             registered_at=end_of_day(registered or date(2022, 10, 1)))
    return location


def progress_on(user, region, target, day):
    found = target_for_progress(user, pk=target.pk, region=region, as_of=day)
    return progress_for_user(user, region=region, target=found, as_of=day)


def line(progress, name):
    return next(item for item in progress.lines if item.name == name)


def test_due_is_the_share_for_every_week_of_the_period(adopted, ijsselland, target,
                                                        coordinator):
    progress = progress_on(coordinator, ijsselland, target, date(2022, 10, 9))
    zwolle = line(progress, "Zwolle")
    share = shares(adopted)["Zwolle"]
    assert zwolle.share == share
    assert [w.due for w in zwolle.weeks] == [share, share]
    assert progress.totals.share == 100 and progress.totals.due == 200


def test_realised_up_to_the_date_and_planned_after_it_close_the_gap(
    adopted, ijsselland, target, coordinator, zwolle
):
    share = shares(adopted)["Zwolle"]
    location = register(zwolle, share, START, date(2022, 10, 9))
    register(zwolle, share, date(2022, 10, 10), END, CapacityKind.PLANNED, location=location)
    zwolle_line = line(progress_on(coordinator, ijsselland, target, date(2022, 10, 9)),
                       "Zwolle")
    assert (zwolle_line.realised, zwolle_line.planned, zwolle_line.gap) == (share, share, 0)
    assert zwolle_line.marker == ON_TRACK


def test_a_municipality_without_places_is_behind_and_one_with_more_is_ahead(
    adopted, ijsselland, target, coordinator, zwolle, deventer
):
    register(zwolle, 2 * shares(adopted)["Zwolle"], START, END)
    progress = progress_on(coordinator, ijsselland, target, END)
    assert line(progress, "Zwolle").marker == AHEAD
    assert line(progress, "Deventer").marker == BEHIND
    assert line(progress, "Deventer").gap == -2 * shares(adopted)["Deventer"]


def test_a_realised_location_still_open_after_the_date_counts_as_planned_for_the_rest(
    adopted, ijsselland, target, coordinator, zwolle
):
    register(zwolle, 14, START, None)
    zwolle_line = line(progress_on(coordinator, ijsselland, target, date(2022, 10, 9)),
                       "Zwolle")
    assert (zwolle_line.realised, zwolle_line.planned) == (14, 14)


def test_planned_days_that_were_realised_count_once(adopted, ijsselland, target, coordinator,
                                                    zwolle):
    location = register(zwolle, 7, START, END, CapacityKind.PLANNED)
    # Realised from the second day to the end of the first week: 6 days.
    register(zwolle, 7, date(2022, 10, 4), date(2022, 10, 9), location=location,
             registered=date(2022, 10, 9))
    zwolle_line = line(progress_on(coordinator, ijsselland, target, END), "Zwolle")
    # 14 days of 7 places = 14 place-weeks, once: 6 realised, 8 still planned.
    assert (zwolle_line.realised, zwolle_line.planned) == (6, 8)


def test_figures_registered_after_the_date_do_not_count_yet(adopted, ijsselland, target,
                                                            coordinator, zwolle):
    register(zwolle, 70, START, END, registered=date(2022, 10, 20))
    assert line(progress_on(coordinator, ijsselland, target, END), "Zwolle").realised == 0
    assert line(progress_on(coordinator, ijsselland, target, date(2022, 10, 20)),
                "Zwolle").realised == 140


def test_only_the_locations_of_the_targets_kind_count(adopted, ijsselland, target,
                                                      coordinator, zwolle):
    register(zwolle, 70, START, END, location_type=LocationType.AZC)
    assert line(progress_on(coordinator, ijsselland, target, END), "Zwolle").realised == 0


def test_totals_add_up_the_municipalities_in_the_regions_order(
    adopted, ijsselland, target, coordinator, zwolle, deventer
):
    register(zwolle, 10, START, END)
    register(deventer, 3, START, END, CapacityKind.PLANNED)
    progress = progress_on(coordinator, ijsselland, target, END)
    names = [item.name for item in progress.lines]
    assert names == sorted(names) and len(names) == 11
    assert progress.totals.realised == 20 and progress.totals.planned == 6
    assert progress.totals.gap == sum((item.gap for item in progress.lines), Fraction(0))


def test_without_an_adopted_distribution_on_the_date_there_is_nothing_to_measure(
    target, ijsselland, coordinator
):
    progress = progress_on(coordinator, ijsselland, target, END)
    assert progress.lines == [] and "nog geen vastgestelde verdeling" in progress.error


def test_marker_tolerates_five_percent_of_what_is_due():
    assert marker(Fraction(-5), Fraction(100)) == ON_TRACK
    assert marker(Fraction(-6), Fraction(100)) == BEHIND
    assert marker(Fraction(6), Fraction(100)) == AHEAD
    assert marker(Fraction(1), Fraction(0)) == AHEAD


def test_an_officer_of_another_region_cannot_see_the_progress(
    adopted, ijsselland, target, amsterdam_officer, client
):
    assert target_for_progress(amsterdam_officer, pk=target.pk, region=ijsselland,
                               as_of=END) is None
    client.force_login(amsterdam_officer)
    url = reverse("target_progress", kwargs={"pk": target.pk})
    assert client.get(url, {"regio": ijsselland.code}).status_code == 404


def test_the_page_needs_a_login(target, client):
    response = client.get(reverse("target_progress", kwargs={"pk": target.pk}))
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_the_page_shows_each_municipality_with_its_marker(adopted, target, zwolle_officer,
                                                          client, zwolle):
    register(zwolle, 2 * shares(adopted)["Zwolle"], START, END)
    client.force_login(zwolle_officer)
    response = client.get(reverse("target_progress", kwargs={"pk": target.pk}),
                          {"peildatum": "2022-10-16"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "<caption>Voortgang per gemeente (plekweken)</caption>" in text
    row = text.split('<th scope="row">Zwolle</th>')[1].split("</tr>")[0]
    assert "voor" in row
    assert "Totaal regio" in text


def test_the_distribution_page_links_to_the_progress(adopted, coordinator, client):
    client.force_login(coordinator)
    response = client.get(reverse("distribution_detail", kwargs={"pk": adopted.pk}))
    assert reverse("target_progress", kwargs={"pk": adopted.target_id}) in (
        response.content.decode())


def test_the_command_writes_json_with_the_municipalities_in_the_regions_order(
    adopted, target, zwolle
):
    register(zwolle, 5, START, END)
    out = StringIO()
    call_command("progress", region="IJsselland", target=str(target.pk), as_of="2022-10-16",
                 format="json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["target"]["id"] == target.pk
    names = [m["name"] for m in data["municipalities"]]
    assert names == sorted(names)
    first = data["municipalities"][names.index("Zwolle")]
    assert {"name", "share", "due_place_weeks", "realised_place_weeks", "planned_place_weeks",
            "gap_place_weeks"} <= set(first)
    assert first["realised_place_weeks"] == 10.0
    assert data["totals"]["share"] == 100 and data["totals"]["due_place_weeks"] == 200.0


def test_the_command_writes_csv_and_a_table(adopted, target):
    out = StringIO()
    call_command("progress", region="VR04", target=str(target.pk), as_of="2022-10-16",
                 format="csv", stdout=out)
    rows = out.getvalue().splitlines()
    assert rows[0].startswith("Gemeente,Aandeel,Te leveren")
    assert len(rows) == 1 + 11 + 1 and rows[-1].startswith("Totaal regio,100,200.00")
    out = StringIO()
    call_command("progress", region="VR04", target=str(target.pk), as_of="2022-10-16",
                 stdout=out)
    assert "Totaal regio" in out.getvalue() and "achter" in out.getvalue()


def test_the_system_identity_reads_every_region(adopted, target, ijsselland):
    assert progress_on(system_user(), ijsselland, target, END).totals.share == 100


def test_a_target_the_caller_read_already_gives_what_reading_it_again_gives(
    target, ijsselland, administrator
):
    """The progress page passes the target it read (`found`): only for its own region or a
    national target, as `target_versions_for_user(user, region=region)` would give it."""
    from opvangregie.regions.models import SafetyRegion
    from opvangregie.targets.selectors import target_versions_for_user

    other = SafetyRegion.objects.exclude(pk=ijsselland.pk).order_by("code").first()
    national = target_create(
        name="Landelijk", kind=Target.Kind.CNO, scope=Target.Scope.NATIONAL, amount=1000,
        unit=Target.Unit.PLACES, period_start=START, period_end=END, source="test",
        registered_at=end_of_day(date(2022, 9, 1)))
    for chosen in (target, national):
        found = target_versions_for_user(administrator).get(pk=chosen.pk)
        for region in (ijsselland, other):
            for day in (date(2022, 8, 1), END):
                assert target_for_progress(administrator, pk=chosen.pk, region=region,
                                           as_of=day, found=found) == target_for_progress(
                    administrator, pk=chosen.pk, region=region, as_of=day)
    assert target_for_progress(administrator, pk=target.pk, region=other, as_of=END,
                               found=target) is None
