"""The overview is kept in the cache, and every change of a figure it reads shows at once."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from opvangregie.capacity.models import CapacityKind, CapacityRecord, LocationType
from opvangregie.capacity.selectors import end_of_day
from opvangregie.capacity.services import capacity_record_register, location_update
from opvangregie.core.cache import (
    NO_REGION,
    PLACES,
    SETUP,
    figures_changed,
    figures_revision,
    municipal_revisions,
    region_own,
    region_setup,
)
from opvangregie.regions.models import Indicator, Municipality, NationalValue
from opvangregie.reports.overview import overview_for_user
from opvangregie.targets.balances import statutory_quota
from tests.reports.conftest import AS_OF, add_location, body_rows
from tests.reports.test_overview_page import AZC, QUOTA, overview


def azc_of_zwolle(client, user) -> str:
    return body_rows(overview(client, user).text)["Zwolle"][AZC]


def test_a_second_view_of_the_same_overview_reads_only_the_revision(scenario, ijsselland,
                                                                     coordinator):
    first = overview_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    with CaptureQueriesContext(connection) as context:
        again = overview_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    assert len(context.captured_queries) == 1
    assert [row.azc_places for row in again.rows] == [row.azc_places for row in first.rows]


def test_a_place_registered_after_a_view_shows_on_the_next_view(client, scenario, zwolle,
                                                                coordinator):
    assert azc_of_zwolle(client, coordinator) == "300"
    add_location(coordinator, zwolle, LocationType.AZC, 50, date(2022, 8, 1),
                 known=date(2022, 8, 15))
    assert azc_of_zwolle(client, coordinator) == "350"


def test_a_location_changed_in_place_changes_the_overview(client, scenario, coordinator):
    assert azc_of_zwolle(client, coordinator) == "300"
    location_update(location=scenario.azc, actor=coordinator, type=LocationType.HOTEL)
    assert azc_of_zwolle(client, coordinator) == "0"


def test_records_inserted_in_bulk_without_signals_still_show(client, scenario, coordinator):
    assert azc_of_zwolle(client, coordinator) == "300"
    CapacityRecord.objects.bulk_create([CapacityRecord(
        location=scenario.azc, valid_from=date(2022, 8, 1), valid_to=date(2022, 8, 31),
        places=40, kind=CapacityKind.REALISED, registered_at=end_of_day(date(2022, 8, 2)),
    )])
    assert azc_of_zwolle(client, coordinator) == "340"


def test_a_cbs_import_changes_the_quota_of_later_dates_at_once(client, scenario, coordinator,
                                                               tmp_path):
    later = {"peildatum": "2022-09-20"}
    assert body_rows(overview(client, coordinator, **later).text)["Zwolle"][QUOTA] == "101"
    path = tmp_path / "export.csv"
    path.write_text(
        '"Perioden";"Regio\'s";'
        '"Bevolking/Bevolkingssamenstelling op 1 januari/Totale bevolking (aantal)"\r\n'
        '"2021";"Zwolle";260000\r\n',
        encoding="utf-8",
    )
    with freeze_time("2022-09-15 10:00"):
        call_command("import_cbs", str(path))
    national = NationalValue.objects.get(
        indicator__code=Indicator.POPULATION, reference_date=date(2021, 1, 1)
    ).value
    expected = statutory_quota(13500, 260000, int(national))
    assert expected != 101
    assert body_rows(overview(client, coordinator, **later).text)["Zwolle"][QUOTA] == str(
        expected
    )
    # The overview of the meeting before the import keeps the quota it had.
    assert body_rows(overview(client, coordinator).text)["Zwolle"][QUOTA] == "101"


def test_an_officer_who_leaves_a_municipality_loses_its_button(client, scenario, zwolle,
                                                               zwolle_officer):
    assert body_rows(overview(client, zwolle_officer).text)["Zwolle"]["Actie"] == "Nog juist"
    zwolle_officer.municipalities.remove(zwolle)
    assert "Nog juist" not in overview(client, zwolle_officer).text


def test_a_rolled_back_change_leaves_the_figures_as_they_were(client, scenario, coordinator):
    def register(places: int):
        capacity_record_register(actor=coordinator, location=scenario.azc,
                                 valid_from=date(2022, 8, 1), valid_to=date(2022, 8, 31),
                                 places=places, registered_at=end_of_day(date(2022, 8, 2)))

    assert azc_of_zwolle(client, coordinator) == "300"
    with pytest.raises(RuntimeError), transaction.atomic():
        register(10)
        assert azc_of_zwolle(client, coordinator) == "310"
        raise RuntimeError("afgebroken")
    assert azc_of_zwolle(client, coordinator) == "300"
    # The next change must not meet the rolled-back one's cached overview (a counter would).
    register(20)
    assert azc_of_zwolle(client, coordinator) == "320"


def test_the_page_and_the_export_share_one_computation(client, scenario, ijsselland,
                                                      coordinator):
    overview(client, coordinator)
    with CaptureQueriesContext(connection) as context:
        overview_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    assert len(context.captured_queries) == 1


# --- one region's registrations leave the other regions' overviews in the cache (ADR 10) ---


def enschede():
    return Municipality.objects.get(code="GM0153")  # Twente, not IJsselland


def test_a_registration_in_another_region_leaves_the_overview_in_the_cache(
        scenario, ijsselland, coordinator, client):
    elsewhere = add_location(coordinator, enschede(), LocationType.AZC, 500, date(2022, 8, 1),
                             known=date(2022, 8, 15))
    first = overview_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    # Twente's weekly registration: a new record of a location that exists.
    capacity_record_register(actor=coordinator, location=elsewhere,
                             valid_from=date(2022, 8, 20), valid_to=None, places=520,
                             registered_at=end_of_day(date(2022, 8, 21)))
    with CaptureQueriesContext(connection) as context:
        again = overview_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    assert len(context.captured_queries) == 1  # the revision only: not computed again
    assert [row.azc_places for row in again.rows] == [row.azc_places for row in first.rows]
    assert azc_of_zwolle(client, coordinator) == "300"


def test_a_registration_in_this_region_shows_after_one_in_another(client, scenario, zwolle,
                                                                  coordinator):
    assert azc_of_zwolle(client, coordinator) == "300"
    add_location(coordinator, enschede(), LocationType.AZC, 500, date(2022, 8, 1),
                 known=date(2022, 8, 15))
    capacity_record_register(actor=coordinator, location=scenario.azc,
                             valid_from=date(2022, 8, 20), valid_to=date(2022, 9, 30), places=20,
                             registered_at=end_of_day(date(2022, 8, 21)))
    assert azc_of_zwolle(client, coordinator) == "320"


def test_a_deleted_record_changes_the_figures_of_its_region(client, scenario, zwolle,
                                                           coordinator):
    record = capacity_record_register(
        actor=coordinator, location=scenario.azc, valid_from=date(2022, 8, 20),
        valid_to=date(2022, 9, 30), places=20,
        registered_at=end_of_day(date(2022, 8, 21))).record
    assert azc_of_zwolle(client, coordinator) == "320"
    record.delete()  # as the admin would: a signal, no new row
    assert azc_of_zwolle(client, coordinator) == "300"


def test_bulk_inserts_in_another_region_change_only_that_region(scenario, ijsselland,
                                                                coordinator):
    twente = enschede().safety_region
    location = add_location(coordinator, enschede(), LocationType.AZC, 500, date(2022, 8, 1))
    before = {key: figures_revision(key) for key in (None, ijsselland.pk, twente.pk, NO_REGION)}
    CapacityRecord.objects.bulk_create([CapacityRecord(
        location=location, valid_from=date(2022, 9, 1), places=40,
        registered_at=end_of_day(date(2022, 9, 1)),
    )])
    after = {key: figures_revision(key) for key in before}
    assert after[ijsselland.pk] == before[ijsselland.pk]
    assert after[NO_REGION] == before[NO_REGION]
    assert after[twente.pk] != before[twente.pk]
    assert after[None] != before[None]  # a country-wide answer follows every region


def test_a_saved_regional_figure_changes_the_country_but_not_the_hidden_terms(
        scenario, ijsselland, coordinator):
    before = {key: figures_revision(key) for key in (None, ijsselland.pk, NO_REGION)}
    capacity_record_register(actor=coordinator, location=scenario.azc,
                             valid_from=date(2022, 8, 20), valid_to=None, places=320)
    after = {key: figures_revision(key) for key in before}
    assert after[None] != before[None]
    assert after[ijsselland.pk] != before[ijsselland.pk]
    assert after[NO_REGION] == before[NO_REGION]
    # A new location is not a regional figure: everything follows it.
    add_location(coordinator, enschede(), LocationType.AZC, 10, date(2022, 8, 1))
    assert figures_revision(NO_REGION) != after[NO_REGION]
    assert figures_revision(ijsselland.pk) != after[ijsselland.pk]


def test_a_page_that_reads_its_region_knows_the_rest_without_another_query(
        scenario, ijsselland, coordinator):
    """Inside one request, NO_REGION's revision follows from the region's own row: the same
    string a query of its own gives, and no second query."""
    from opvangregie.core.cache import one_revision

    add_location(coordinator, enschede(), LocationType.AZC, 10, date(2022, 8, 1))
    alone = figures_revision(NO_REGION)

    @one_revision
    def page():
        with CaptureQueriesContext(connection) as queries:
            figures_revision(ijsselland.pk)
            rest = figures_revision(NO_REGION)
        return rest, len(queries)

    assert page() == (alone, 1)


# --- changes the overview does not read leave its parts in the cache (ADR 14) ---


def test_a_meeting_or_a_candidate_leaves_the_set_up_but_changes_the_rest(scenario, ijsselland,
                                                                         zwolle, coordinator):
    from opvangregie.meetings.services import meeting_create
    from opvangregie.pipeline.models import CandidateKind
    from opvangregie.pipeline.services import candidate_submit

    keys = (None, ijsselland.pk, NO_REGION, SETUP, region_setup(ijsselland.pk),
            region_own(ijsselland.pk))
    before = {key: figures_revision(key) for key in keys}
    meeting_create(actor=coordinator, safety_region=ijsselland, date=date(2022, 9, 1))
    candidate_submit(actor=coordinator, safety_region=ijsselland, municipality=zwolle,
                     name="Pand aan de IJssel", kind=CandidateKind.BUILDING, possible_places=40)
    after = {key: figures_revision(key) for key in keys}
    assert after[SETUP] == before[SETUP]
    assert after[region_setup(ijsselland.pk)] == before[region_setup(ijsselland.pk)]
    assert after[region_own(ijsselland.pk)] == before[region_own(ijsselland.pk)]
    assert all(after[key] != before[key] for key in (None, ijsselland.pk, NO_REGION))


def revisions(*regions) -> dict:
    keys = [None, NO_REGION, SETUP]
    for region in regions:
        keys += [region.pk, region_setup(region.pk), region_own(region.pk)]
    return {key: figures_revision(key) for key in keys}


def changed_keys(before: dict) -> set:
    return {key for key, value in before.items() if figures_revision(key) != value}


def test_a_regions_set_up_changes_only_that_regions_set_up(scenario, ijsselland, zwolle,
                                                          coordinator):
    """A location, a regional target or an agreement changes its region's set-up (and every
    key that follows all changes), not the set-up of the others nor of no region."""
    from opvangregie.agreements.models import RegionalAgreement
    from opvangregie.agreements.services import agreement_register

    twente = enschede().safety_region
    ijssel_setup = {region_setup(ijsselland.pk), region_own(ijsselland.pk)}
    twente_setup = {region_setup(twente.pk), region_own(twente.pk)}
    everything = {None, NO_REGION, ijsselland.pk, twente.pk}

    before = revisions(ijsselland, twente)
    places = municipal_revisions([zwolle.pk])[zwolle.pk][PLACES]
    location_update(location=scenario.azc, actor=coordinator, type=LocationType.HOTEL)
    assert changed_keys(before) == everything | ijssel_setup
    assert municipal_revisions([zwolle.pk])[zwolle.pk][PLACES] != places

    before = revisions(ijsselland, twente)
    add_location(coordinator, enschede(), LocationType.AZC, 10, date(2022, 8, 1))
    assert changed_keys(before) == everything | twente_setup

    before = revisions(ijsselland, twente)
    agreement_register(
        actor=coordinator, region=ijsselland, kind=RegionalAgreement.Kind.QUOTA_SHIFT,
        giver=zwolle, taker=Municipality.objects.get(code="GM0166"), permit_holders=3,
        valid_from=date(2022, 7, 1), reason="Woningen vrij", decision_reference="BAO 1")
    assert changed_keys(before) == everything | ijssel_setup


def test_a_location_moved_to_another_region_changes_both(scenario, ijsselland, zwolle,
                                                         coordinator):
    twente = enschede().safety_region
    before = revisions(ijsselland, twente)
    places = municipal_revisions([zwolle.pk, enschede().pk])
    scenario.azc.municipality = enschede()
    scenario.azc.save()  # as the admin would
    changed = changed_keys(before)
    assert {region_setup(ijsselland.pk), region_setup(twente.pk)} <= changed
    after = municipal_revisions([zwolle.pk, enschede().pk])
    assert all(after[pk][PLACES] != places[pk][PLACES] for pk in after)


def test_the_set_up_of_no_region_follows_imports_and_national_targets(
        scenario, ijsselland, zwolle, tmp_path):
    from opvangregie.targets.models import Target

    def set_up_changed(change) -> bool:
        before = revisions(ijsselland)
        change()
        changed = changed_keys(before)
        return {SETUP, region_setup(ijsselland.pk), region_own(ijsselland.pk)} <= changed

    path = tmp_path / "export.csv"
    path.write_text('"Perioden";"Regio\'s";'
                    '"Bevolking/Bevolkingssamenstelling op 1 januari/Totale bevolking (aantal)"'
                    '\r\n"2021";"Zwolle";260000\r\n', encoding="utf-8")
    assert set_up_changed(lambda: call_command("import_cbs", str(path)))
    national = Target.objects.filter(safety_region__isnull=True).first()
    assert national is not None

    def touch_national():
        national.name += " (bijgewerkt)"
        national.save()

    assert set_up_changed(touch_national)

    def rename_zwolle():
        zwolle.name = "Zwolle (gemeente)"
        zwolle.save()

    assert set_up_changed(rename_zwolle)


def access_revision(user) -> str:
    return type(user).objects.values_list("access_revision", flat=True).get(pk=user.pk)


def test_a_membership_or_role_changes_that_accounts_keys_only(
        scenario, ijsselland, zwolle, coordinator, zwolle_officer):
    """An account's change gives it a new token (its own keys), not the set-up: the overviews
    of other readers stay in the cache (ADR 14)."""
    before, officer, mine = revisions(ijsselland), access_revision(zwolle_officer), \
        access_revision(coordinator)
    zwolle_officer.municipalities.remove(zwolle)
    assert access_revision(zwolle_officer) != officer
    assert zwolle_officer.access_revision == access_revision(zwolle_officer)  # the object in hand
    assert not {SETUP, region_setup(ijsselland.pk), region_own(ijsselland.pk)} & \
        changed_keys(before)
    assert access_revision(coordinator) == mine

    officer = access_revision(zwolle_officer)
    zwolle.officers.add(zwolle_officer)  # from the municipality's side
    assert access_revision(zwolle_officer) != officer
    officer = access_revision(zwolle_officer)
    zwolle_officer.role = "board"
    zwolle_officer.save()
    assert access_revision(zwolle_officer) not in ("", officer)
    assert access_revision(coordinator) == mine


def test_an_officer_who_loses_a_municipality_loses_its_row_at_once_and_others_keep_theirs(
        scenario, ijsselland, zwolle, coordinator, zwolle_officer):
    from unittest import mock

    from opvangregie.reports import overview as overview_module

    def confirmable(user):
        rows = overview_for_user(user, region=ijsselland, as_of=AS_OF).rows
        return {row.municipality.pk for row in rows if row.can_confirm}

    assert zwolle.pk in confirmable(zwolle_officer)
    overview_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    zwolle_officer.municipalities.remove(zwolle)
    assert zwolle.pk not in confirmable(zwolle_officer)
    reloaded = type(zwolle_officer).objects.get(pk=zwolle_officer.pk)  # as a new request has
    assert zwolle.pk not in confirmable(reloaded)
    with mock.patch.object(overview_module, "overview_compute",
                           side_effect=AssertionError("computed again")):
        overview_for_user(coordinator, region=ijsselland, as_of=AS_OF)


def test_rows_inserted_in_bulk_without_signals_change_the_set_up(scenario, ijsselland, zwolle):
    from opvangregie.capacity.models import Location

    before = revisions(ijsselland)
    Location.objects.bulk_create([Location(name="Zonder signaal", municipality=zwolle,
                                           type=LocationType.AZC)])
    assert {region_setup(ijsselland.pk), region_own(ijsselland.pk)} <= changed_keys(before)


def test_the_overviews_own_key_follows_its_regions_figures_and_set_up_only(
        scenario, ijsselland, coordinator):
    """`region_own`: a registration here changes it, one in another region does not; a
    change that names no region (a writer in bulk) changes it: never too little."""
    own = region_own(ijsselland.pk)
    elsewhere = add_location(coordinator, enschede(), LocationType.AZC, 10, date(2022, 8, 1))
    before = figures_revision(own)
    capacity_record_register(actor=coordinator, location=scenario.azc,
                             valid_from=date(2022, 8, 1), valid_to=date(2022, 8, 31),
                             places=310, registered_at=end_of_day(date(2022, 8, 2)))
    after_here = figures_revision(own)
    assert after_here != before
    capacity_record_register(actor=coordinator, location=elsewhere,
                             valid_from=date(2022, 8, 20), valid_to=None, places=520,
                             registered_at=end_of_day(date(2022, 8, 21)))
    assert figures_revision(own) == after_here
    figures_changed()
    assert figures_revision(own) != after_here


def test_after_a_meeting_the_overview_is_found_as_it_was(scenario, ijsselland, coordinator):
    from unittest import mock

    from opvangregie.meetings.services import meeting_create
    from opvangregie.reports import overview as overview_module

    first = overview_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    meeting_create(actor=coordinator, safety_region=ijsselland, date=date(2022, 9, 1))
    with mock.patch.object(overview_module, "overview_compute",
                           side_effect=AssertionError("computed again")), \
            CaptureQueriesContext(connection) as context:
        again = overview_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    assert len(context.captured_queries) == 1  # the revision
    assert [row.azc_places for row in again.rows] == [row.azc_places for row in first.rows]


def test_a_reason_that_names_a_new_candidate_is_masked_at_once(scenario, ijsselland, zwolle,
                                                                coordinator, board_member):
    """The agreements' reasons are masked with the terms hidden from the reader, which a
    candidate changes without changing the set-up: the overview must follow them."""
    from opvangregie.agreements.models import RegionalAgreement
    from opvangregie.agreements.services import agreement_register
    from opvangregie.pipeline.models import CandidateKind
    from opvangregie.pipeline.services import candidate_submit

    agreement_register(
        actor=coordinator, region=ijsselland, kind=RegionalAgreement.Kind.QUOTA_SHIFT,
        giver=zwolle, taker=Municipality.objects.get(code="GM0166"), permit_holders=3,
        valid_from=date(2022, 7, 1), reason="Kampen bouwt op Erve Hesselink",
        decision_reference="BAO 1")

    def zwolle_reason() -> str:
        reader = type(board_member).objects.get(pk=board_member.pk)  # as a new request has
        rows = overview_for_user(reader, region=ijsselland, as_of=AS_OF).rows
        return next(row.reason for row in rows if row.municipality == zwolle)

    assert "Erve Hesselink" in zwolle_reason()
    candidate_submit(actor=coordinator, safety_region=ijsselland, municipality=zwolle,
                     name="Erve Hesselink", kind=CandidateKind.BUILDING, possible_places=40)
    assert "Erve Hesselink" not in zwolle_reason()
    assert "[vertrouwelijke locatie]" in zwolle_reason()
