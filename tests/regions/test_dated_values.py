"""CBS figures are never overwritten: a correction is a new value, the old one is kept, and a
read "as known on" a moment picks what was current then."""

from datetime import date, timedelta

from django.utils import timezone
from freezegun import freeze_time

from opvangregie.capacity.selectors import end_of_day
from opvangregie.regions.models import Indicator, IndicatorValue, NationalValue
from opvangregie.regions.selectors import (
    indicator_values_on,
    national_value_on,
    reference_dates,
)
from opvangregie.regions.services import cbs_import, reference_data_load

HEADER = (
    '"Perioden";"Regio\'s";'
    '"Bevolking/Bevolkingssamenstelling op 1 januari/Totale bevolking (aantal)"'
)
SEEN_ON = date(2022, 8, 31)


def export(*lines: str) -> bytes:
    return ("\r\n".join((HEADER, *lines)) + "\r\n").encode()


def zwolle_2021(zwolle, *, known_on=None):
    values = indicator_values_on([zwolle], Indicator.POPULATION, date(2021, 1, 1),
                                 known_on=known_on)
    return values[zwolle.pk].value


def test_a_correction_keeps_the_old_value_and_names_it(zwolle, coordinator):
    with freeze_time("2022-09-15 10:00"):
        summary = cbs_import(raw=export('"2021";"Zwolle";259680'), actor=coordinator)
    assert (summary.created, summary.updated) == (0, 1)
    old, new = IndicatorValue.objects.filter(
        municipality=zwolle, indicator__code=Indicator.POPULATION,
        reference_date=date(2021, 1, 1),
    ).order_by("registered_at")
    assert old.value == 129840 and new.value == 259680
    assert new.corrects == old and new.registered_by == coordinator
    assert old.registered_at < new.registered_at


def test_a_read_as_known_on_a_day_picks_the_value_current_then(zwolle):
    with freeze_time("2022-09-15 10:00"):
        cbs_import(raw=export('"2021";"Zwolle";259680'))
    assert zwolle_2021(zwolle, known_on=end_of_day(SEEN_ON)) == 129840
    assert zwolle_2021(zwolle, known_on=end_of_day(date(2022, 9, 15))) == 259680
    assert zwolle_2021(zwolle) == 259680  # as known now


def test_a_second_correction_replaces_the_first_and_keeps_both(zwolle):
    with freeze_time("2022-09-15 10:00"):
        cbs_import(raw=export('"2021";"Zwolle";130000'))
    with freeze_time("2022-10-15 10:00"):
        cbs_import(raw=export('"2021";"Zwolle";131000'))
    assert zwolle_2021(zwolle, known_on=end_of_day(date(2022, 9, 30))) == 130000
    assert zwolle_2021(zwolle) == 131000
    assert IndicatorValue.objects.filter(
        municipality=zwolle, indicator__code=Indicator.POPULATION,
        reference_date=date(2021, 1, 1),
    ).count() == 3


def test_a_national_correction_keeps_the_old_total(db):
    shipped = national_value_on(Indicator.POPULATION, date(2021, 1, 1))[0]
    with freeze_time("2022-09-15 10:00"):
        cbs_import(raw=export('"2021";"Nederland";17500000'))
    assert national_value_on(Indicator.POPULATION, date(2021, 1, 1),
                             known_on=end_of_day(SEEN_ON))[0] == shipped
    assert national_value_on(Indicator.POPULATION, date(2021, 1, 1))[0] == 17500000
    assert NationalValue.objects.filter(reference_date=date(2021, 1, 1)).count() == 2


def test_importing_the_same_file_twice_writes_nothing_the_second_time(zwolle):
    raw = export('"2021";"Zwolle";259680', '"2024";"Zwolle";133000', '"2024";"Nederland";18000000')
    cbs_import(raw=raw)
    counts = (IndicatorValue.objects.count(), NationalValue.objects.count())
    summary = cbs_import(raw=raw)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 2)
    assert (IndicatorValue.objects.count(), NationalValue.objects.count()) == counts


def test_shipped_figures_count_as_known_since_their_reference_date(zwolle):
    on_new_years_eve = end_of_day(date(2021, 12, 31))
    values = indicator_values_on([zwolle], Indicator.POPULATION, date(2022, 1, 1),
                                 known_on=on_new_years_eve)
    assert values[zwolle.pk].reference_date == date(2021, 1, 1)  # 2022 not yet known
    assert date(2022, 1, 1) not in reference_dates(Indicator.POPULATION,
                                                   known_on=on_new_years_eve)
    assert zwolle_2021(zwolle, known_on=end_of_day(SEEN_ON)) == 129840


def test_a_new_figure_imported_now_is_not_known_on_an_earlier_day(zwolle):
    cbs_import(raw=export('"2024";"Zwolle";133000'))
    yesterday = timezone.now() - timedelta(days=1)
    assert date(2024, 1, 1) not in reference_dates(Indicator.POPULATION, known_on=yesterday)
    assert date(2024, 1, 1) in reference_dates(Indicator.POPULATION)


def test_loading_the_reference_data_again_after_a_correction_corrects_it_back(zwolle):
    cbs_import(raw=export('"2021";"Zwolle";259680'))
    reference_data_load()
    assert zwolle_2021(zwolle) == 129840
    assert IndicatorValue.objects.filter(
        municipality=zwolle, indicator__code=Indicator.POPULATION,
        reference_date=date(2021, 1, 1),
    ).count() == 3


def test_a_correction_always_extends_the_newest_value_of_its_chain(zwolle):
    # The shipped 2023 figure counts as known from 1-1-2023; a file read earlier than that
    # (a clock set back, a test) still corrects it instead of starting a second chain.
    with freeze_time("2022-09-15 10:00"):
        summary = cbs_import(raw=export('"2023";"Zwolle";140000'))
    assert summary.updated == 1
    assert indicator_values_on([zwolle], Indicator.POPULATION, date(2023, 1, 1))[
        zwolle.pk].value == 140000
