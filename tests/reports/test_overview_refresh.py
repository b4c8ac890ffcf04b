"""A committed registration makes the overviews of its region read lately again (ADR 13): the
reader's next view comes from the cache and shows the registration."""

import logging
from datetime import date
from unittest import mock

from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from opvangregie.capacity.selectors import end_of_day
from opvangregie.capacity.services import capacity_record_register
from opvangregie.reports import refresh
from opvangregie.reports.overview import DEFAULT_STALE_AFTER_DAYS
from opvangregie.reports.presentation import overview_page
from tests.reports.conftest import AS_OF


def page(user, region):
    return overview_page(user, region=region, as_of=AS_OF,
                         stale_after_days=DEFAULT_STALE_AFTER_DAYS)


def azc_of_zwolle(view, zwolle):
    return next(row.azc_places for row in view.overview.rows if row.municipality == zwolle)


def register(coordinator, scenario, places):
    capacity_record_register(actor=coordinator, location=scenario.azc,
                             valid_from=date(2022, 8, 20), valid_to=None, places=places,
                             registered_at=end_of_day(date(2022, 8, 21)))


def test_the_next_view_after_a_registration_comes_from_the_cache_and_shows_it(
        scenario, ijsselland, zwolle, coordinator, django_capture_on_commit_callbacks):
    assert azc_of_zwolle(page(coordinator, ijsselland), zwolle) == 300
    with django_capture_on_commit_callbacks(execute=True):
        register(coordinator, scenario, 320)
    with CaptureQueriesContext(connection) as queries:
        again = page(coordinator, ijsselland)
    assert len(queries) == 1  # the revision only: the overview and its table were made
    assert azc_of_zwolle(again, zwolle) == 300 + 320  # both periods cover the day
    cache.clear()
    assert page(coordinator, ijsselland).row_html == again.row_html  # as computed afresh


def test_one_refresh_per_transaction_and_none_for_one_rolled_back(
        scenario, ijsselland, coordinator, django_capture_on_commit_callbacks):
    page(coordinator, ijsselland)
    with mock.patch.object(refresh, "refresh_region", wraps=refresh.refresh_region) as spy:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            register(coordinator, scenario, 320)
            register(coordinator, scenario, 330)
        assert [call.args for call in spy.call_args_list] == [(ijsselland.pk,)]
        spy.reset_mock()
        with django_capture_on_commit_callbacks(execute=True):
            try:
                with transaction.atomic():
                    register(coordinator, scenario, 340)
                    raise RuntimeError("afgebroken")
            except RuntimeError:
                pass
        assert spy.call_count == 0


def test_a_failed_refresh_is_logged_and_the_registration_stands(
        scenario, ijsselland, zwolle, coordinator, django_capture_on_commit_callbacks,
        caplog):
    page(coordinator, ijsselland)
    broken = mock.patch("opvangregie.reports.presentation.overview_page",
                        side_effect=RuntimeError("kapot"))
    with (broken, caplog.at_level(logging.ERROR, logger="opvangregie.reports.refresh"),
          django_capture_on_commit_callbacks(execute=True)):
        register(coordinator, scenario, 320)
    assert "niet vooraf berekend" in caplog.text
    assert azc_of_zwolle(page(coordinator, ijsselland), zwolle) == 300 + 320


def test_only_recent_readers_of_the_region_are_kept(scenario, ijsselland, coordinator,
                                                     zwolle_officer):
    page(coordinator, ijsselland)
    assert refresh.refresh_region(ijsselland.pk) == 1
    coordinator.is_active = False
    coordinator.save()
    assert refresh.refresh_region(ijsselland.pk) == 0  # no overview for a blocked account
    for day in range(1, refresh.KEEP + 3):
        refresh.overview_computed(zwolle_officer, ijsselland.pk, date(2022, 9, day), 14)
    readers = cache.get(refresh._readers_key(ijsselland.pk))
    assert len(readers) == refresh.KEEP
    assert (zwolle_officer.pk, "2022-09-10", 14, "nl") in readers  # the newest are kept


# --- the set-up of no region (ADR 14) ---


def cbs_import(tmp_path, population: int) -> None:
    from django.core.management import call_command
    from freezegun import freeze_time

    path = tmp_path / f"export-{population}.csv"
    path.write_text('"Perioden";"Regio\'s";'
                    '"Bevolking/Bevolkingssamenstelling op 1 januari/Totale bevolking (aantal)"'
                    f'\r\n"2021";"Zwolle";{population}\r\n', encoding="utf-8")
    with freeze_time("2022-08-15 10:00"):  # known before the overview's reference date
        call_command("import_cbs", str(path))


def test_after_a_cbs_import_the_next_view_comes_from_the_cache_and_shows_it(
        scenario, ijsselland, zwolle, coordinator, tmp_path,
        django_capture_on_commit_callbacks):
    before = page(coordinator, ijsselland)
    with django_capture_on_commit_callbacks(execute=True):
        cbs_import(tmp_path, 260_000)
    with CaptureQueriesContext(connection) as queries:
        again = page(coordinator, ijsselland)
    assert len(queries) == 1  # the revision only: the overview and its table were made
    assert again.row_html != before.row_html  # Zwolle's quota follows its population
    cache.clear()
    assert page(coordinator, ijsselland).row_html == again.row_html  # as computed afresh


def test_a_change_of_accounts_only_refreshes_nothing_everywhere(
        scenario, ijsselland, zwolle, coordinator, zwolle_officer,
        django_capture_on_commit_callbacks):
    page(coordinator, ijsselland)
    with mock.patch.object(refresh, "refresh_everywhere",
                           wraps=refresh.refresh_everywhere) as spy:
        with django_capture_on_commit_callbacks(execute=True):
            zwolle_officer.municipalities.remove(zwolle)
        assert spy.call_count == 0
        national = scenario.official.__class__.objects.filter(
            safety_region__isnull=True).first()
        with django_capture_on_commit_callbacks(execute=True):
            national.name += " (bijgewerkt)"
            national.save()
        assert spy.call_count == 1


def test_only_the_newest_overviews_of_the_country_are_refreshed(scenario, coordinator):
    from opvangregie.regions.models import SafetyRegion

    oldest, *newer = SafetyRegion.objects.order_by("pk")[:3]
    for region in (oldest, *newer):  # noted one region after the other
        for day in range(1, refresh.KEEP + 1):
            refresh.overview_computed(coordinator, region.pk, date(2022, 8, day), 14)
    with mock.patch.object(refresh, "_refresh", return_value=0) as spy:
        refresh.refresh_everywhere()
    readers = spy.call_args.args[0]
    assert len(readers) == refresh.KEEP_EVERYWHERE == 2 * refresh.KEEP
    assert {region_id for region_id, _reader in readers} == {region.pk for region in newer}
