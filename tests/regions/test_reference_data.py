from datetime import date
from decimal import Decimal

from opvangregie.regions.models import (
    Indicator,
    IndicatorValue,
    Municipality,
    Province,
    SafetyRegion,
)
from opvangregie.regions.selectors import indicator_values_on
from opvangregie.regions.services import reference_data_load

IJSSELLAND_2022 = {
    "Dalfsen": 29162, "Deventer": 101446, "Hardenberg": 61798, "Kampen": 54791,
    "Olst-Wijhe": 18496, "Ommen": 18457, "Raalte": 38140, "Staphorst": 17282,
    "Steenwijkerland": 44741, "Zwartewaterland": 23012, "Zwolle": 130668,
}


def test_the_country_has_12_provinces_and_25_safety_regions(db):
    assert Province.objects.count() == 12
    assert SafetyRegion.objects.count() == 25


def test_ijsselland_has_its_11_municipalities_with_cbs_population_on_1_january_2022(ijsselland):
    municipalities = [
        m for m in ijsselland.municipalities.all() if m.exists_on(date(2022, 1, 1))
    ]
    population = indicator_values_on(municipalities, Indicator.POPULATION, date(2022, 1, 1))
    assert {m.name: int(population[m.pk].value) for m in municipalities} == IJSSELLAND_2022
    assert sum(IJSSELLAND_2022.values()) == 537993


def test_population_is_dated_so_an_earlier_year_can_be_asked_for(zwolle, deventer):
    on_2021 = indicator_values_on([zwolle, deventer], Indicator.POPULATION, date(2021, 1, 1))
    assert on_2021[zwolle.pk].value == 129840
    assert on_2021[deventer.pk].value == 101236
    assert on_2021[zwolle.pk].reference_date == date(2021, 1, 1)


def test_national_population_matches_the_cbs_totals(db):
    # 2020 and 2021 lack the municipalities merged away before 2022: only today's are kept.
    for year, total in {2022: 17590672, 2023: 17811291}.items():
        values = IndicatorValue.objects.filter(
            indicator__code=Indicator.POPULATION, reference_date=date(year, 1, 1)
        )
        assert sum(v.value for v in values) == total, year


def test_land_area_is_derived_from_density_and_marked_so(zwolle):
    area = IndicatorValue.objects.get(
        municipality=zwolle, indicator__code=Indicator.LAND_AREA, reference_date=date(2022, 1, 1)
    )
    assert area.value == Decimal("110.64")
    assert area.is_derived


def test_municipal_reorganisations_are_dated(db):
    weesp = Municipality.objects.get(code="GM0457")
    voorne = Municipality.objects.get(code="GM1992")
    assert weesp.exists_on(date(2022, 1, 1)) and not weesp.exists_on(date(2023, 1, 1))
    assert voorne.exists_on(date(2023, 1, 1)) and not voorne.exists_on(date(2022, 1, 1))
    assert Municipality.objects.filter(exists_until__isnull=True).count() == 342


def test_loading_twice_adds_nothing(db):
    counts = (Municipality.objects.count(), IndicatorValue.objects.count())
    summary = reference_data_load()
    assert (Municipality.objects.count(), IndicatorValue.objects.count()) == counts
    assert summary.created == 0 and summary.updated == 0
