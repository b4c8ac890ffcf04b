"""Permit-holder quota and balances (Huisvestingswet 2014, art. 29).

quota = ⌈ national number × municipal population / national population ⌉, both populations on
1 January of the year before the half-year. Balance = realised + carried over − quota.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _

from opvangregie.capacity.selectors import end_of_day, permit_housing_as_known
from opvangregie.regions.models import Indicator
from opvangregie.regions.selectors import indicator_values_on, national_value_on


@dataclass(frozen=True)
class HalfYear:
    year: int
    half: int  # 1: January–June, 2: July–December

    @classmethod
    def containing(cls, day: date) -> "HalfYear":
        return cls(day.year, 1 if day.month <= 6 else 2)

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> date:
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    @property
    def population_date(self) -> date:
        return date(self.year - 1, 1, 1)

    def __str__(self) -> str:
        return _("%(half)se helft %(year)s") % {"half": self.half, "year": self.year}


def statutory_quota(national_number: int, population: int, national_population: int) -> int:
    """Rounded up, as the law prescribes; exact integer arithmetic."""
    return -(-national_number * population // national_population)


@dataclass(frozen=True)
class QuotaRow:
    municipality_id: int
    population: int
    quota: int


def quotas(
    municipalities, *, national_number: int, half_year: HalfYear,
    known_on: datetime | None = None,
) -> dict[int, QuotaRow]:
    """The statutory quota per municipality, from the CBS figures as known at `known_on`."""
    day = half_year.population_date
    population = indicator_values_on(municipalities, Indicator.POPULATION, day, known_on=known_on)
    national = national_value_on(Indicator.POPULATION, day, known_on=known_on)
    if national is None:
        return {}
    national_population = int(national[0])
    return {
        m.pk: QuotaRow(
            m.pk,
            int(population[m.pk].value),
            statutory_quota(national_number, int(population[m.pk].value), national_population),
        )
        for m in municipalities
        if m.pk in population
    }


def housed_in(municipalities, *, start: date, until: date, as_of: date) -> dict[int, int]:
    """Permit holders housed per municipality in the months from `start` through `until`."""
    housed = {m.pk: 0 for m in municipalities}
    for row in permit_housing_as_known(municipalities, as_of=end_of_day(as_of)):
        if start <= row.month <= until:
            housed[row.municipality_id] = housed.get(row.municipality_id, 0) + row.housed
    return housed


@dataclass(frozen=True)
class Balance:
    quota: int
    housed: int
    carried_over: int

    @property
    def balance(self) -> int:
        return self.housed + self.carried_over - self.quota


def balances(
    municipalities, *, national_number: int, half_year: HalfYear, reference_date: date,
    carried_over: dict[int, int] | None = None, known_on: datetime | None = None,
) -> dict[int, Balance]:
    """Per municipality: quota, housed up to the reference date, carry-over, balance.

    The CBS figures are read as known at `known_on`; None means as known at the end of the
    reference date, as the housed permit holders are.
    """
    quota_rows = quotas(
        municipalities, national_number=national_number, half_year=half_year,
        known_on=known_on or end_of_day(reference_date),
    )
    until = min(reference_date, half_year.end)
    housed = housed_in(municipalities, start=half_year.start, until=until, as_of=reference_date)
    carried_over = carried_over or {}
    return {
        pk: Balance(row.quota, housed.get(pk, 0), carried_over.get(pk, 0))
        for pk, row in quota_rows.items()
    }


