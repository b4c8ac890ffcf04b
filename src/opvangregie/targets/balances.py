"""Permit-holder quota and balances (Huisvestingswet 2014, art. 29).

quota = ⌈ national number × municipal population / national population ⌉, both populations on
1 January of the year before the half-year. Balance = housed + carried over − quota, where the
carry-over is the balance of the previous half-year against its own official target.

`permit_holder_balances` is the one implementation the overview, the deck and the demo use;
it reads in bulk (a constant number of queries for any number of municipalities).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

from opvangregie.capacity.selectors import housed_between, housed_per_month
from opvangregie.regions.models import Indicator
from opvangregie.regions.selectors import indicator_values_on, national_value_on
from opvangregie.targets.models import Target
from opvangregie.targets.selectors import target_in_force

# How many half-years back a backlog or lead is carried over (each needs its own target).
MAX_CARRY_OVER_HALF_YEARS = 8


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

    @property
    def previous(self) -> "HalfYear":
        return HalfYear(self.year, 1) if self.half == 2 else HalfYear(self.year - 1, 2)

    def __str__(self) -> str:
        return _("%(half)se helft %(year)s") % {"half": self.half, "year": self.year}


def statutory_quota(national_number: int, population: int, national_population: int) -> int:
    """Rounded up, as the law prescribes; exact integer arithmetic."""
    return -(-national_number * population // national_population)


def saldo(*, housed: int, carried_over: int, quota: int | None) -> int | None:
    """Housed + carried over − quota; None without a quota. Negative: a backlog."""
    return None if quota is None else housed + carried_over - quota


def earliest_relevant_day(on: date) -> date:
    """The first day a target the balances of `on` may need can run (the carry-over chain)."""
    return date(on.year - MAX_CARRY_OVER_HALF_YEARS // 2 - 1, 1, 1)


class Population:
    """CBS population of the municipalities and of the Netherlands, read once per date.

    Values by the rule of `regions.selectors.indicator_values_on` and `national_value_on`
    (the latest reference date on or before the day): two queries per population date, for
    any number of municipalities.
    """

    def __init__(self, municipality_ids, *, known_on: datetime | None = None):
        self.ids = list(municipality_ids)
        self.known_on = known_on  # the figures as known then; None: as known now
        self._read: dict[date, tuple[dict[int, int], tuple[int, date] | None]] = {}

    def on(self, day: date) -> tuple[dict[int, int], tuple[int, date] | None]:
        """(population per municipality id, (national population, its date) or None)."""
        if day not in self._read:
            values = indicator_values_on(self.ids, Indicator.POPULATION, day,
                                         known_on=self.known_on)
            national = national_value_on(Indicator.POPULATION, day, known_on=self.known_on)
            self._read[day] = (
                {pk: int(value.value) for pk, value in values.items()},
                (int(national[0]), national[1]) if national else None,
            )
        return self._read[day]

    def date_used(self, half_year: HalfYear) -> date | None:
        """The CBS reference date of the national population the quota of `half_year` uses."""
        _municipal, national = self.on(half_year.population_date)
        return national[1] if national else None

    def quotas(self, national_number: int, half_year: HalfYear) -> dict[int, int]:
        """Huisvestingswet art. 29: the quota of each municipality, rounded up."""
        municipal, national = self.on(half_year.population_date)
        if national is None:
            return {}
        return {
            pk: statutory_quota(national_number, population, national[0])
            for pk, population in municipal.items()
        }


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
    population = Population((m.pk for m in municipalities), known_on=known_on)
    municipal, _national = population.on(half_year.population_date)
    return {
        pk: QuotaRow(pk, municipal[pk], quota)
        for pk, quota in population.quotas(national_number, half_year).items()
    }


@dataclass(frozen=True)
class PermitHolderBalances:
    """Quota, housed, carry-over and Saldo I/II per municipality id for one reference date."""

    half_year: HalfYear
    population_date: date | None  # the CBS reference date the quota used
    official_target: Target | None
    informal_target: Target | None
    carry_over_targets: tuple[Target, ...]  # earlier half-years whose balance carries over
    quota: dict[int, int] | None  # against the official target; None without one
    quota_informal: dict[int, int] | None
    housed: dict[int, int]  # in the half-year up to the reference date
    carried_over: dict[int, int]
    # Why a municipality's quota differs from its plain statutory share (regional agreements:
    # art. 29(2) shifts, exchanges); the quotas above already include the change.
    reasons: dict[int, str] = field(default_factory=dict)
    plain_quota: dict[int, int] | None = None

    def saldo_1(self, pk: int) -> int | None:
        quota = self.quota.get(pk) if self.quota is not None else None
        return saldo(housed=self.housed.get(pk, 0), carried_over=self.carried_over.get(pk, 0),
                     quota=quota)

    def saldo_2(self, pk: int) -> int | None:
        quota = self.quota_informal.get(pk) if self.quota_informal is not None else None
        return saldo(housed=self.housed.get(pk, 0), carried_over=self.carried_over.get(pk, 0),
                     quota=quota)


def _adjusted(quota: dict[int, int] | None, adjustments) -> dict[int, int] | None:
    if quota is None:
        return None
    return {pk: value + (adjustments[pk].amount if pk in adjustments else 0)
            for pk, value in quota.items()}


def permit_holder_balances(
    municipality_ids, *, targets: list[Target], on: date, known_at: datetime,
    agreements=(), housing: dict[int, dict[date, int]] | None = None,
    population: Population | None = None,
) -> PermitHolderBalances:
    """The permit-holder figures of the half-year containing `on`.

    `targets`: the permit-holder targets the reader may see, from `earliest_relevant_day(on)`
    (`targets.selectors.targets_overlapping`). Housing as known at `known_at`. Saldo I is
    against the official national target in force on `on`, Saldo II against the informal one;
    both carry over the balance of the previous half-year against its own official target,
    back as long as each earlier half-year has one (at most MAX_CARRY_OVER_HALF_YEARS).
    `agreements`: the regional agreements in force on `on`
    (`agreements.selectors.agreements_in_force`); art. 29(2) shifts and exchanges move quota
    between municipalities, the region's sum stays the same.
    Queries: housing 1, population 2 per population date. `housing` (`housed_per_month` of
    these municipalities at `known_at`) and `population` (of these municipalities at
    `known_at`), when the caller read them already: the overview keeps them in the cache.
    """
    from opvangregie.agreements.selectors import permit_holder_adjustments

    adjustments = permit_holder_adjustments(agreements)
    ids = list(municipality_ids)
    half_year = HalfYear.containing(on)
    kind = Target.Kind.PERMIT_HOLDERS
    official = target_in_force(targets, kind=kind, on=on, national=True)
    informal = target_in_force(targets, kind=kind, on=on, national=True, informal=True)
    if population is None:
        population = Population(ids, known_on=known_at)
    if housing is None:
        housing = housed_per_month(ids, as_of=known_at)
    until = min(on, half_year.end)
    carried_over, chain = _carried_over(ids, targets, half_year, population, housing)
    plain = population.quotas(official.amount, half_year) if official else None
    return PermitHolderBalances(
        half_year=half_year,
        population_date=population.date_used(half_year),
        official_target=official,
        informal_target=informal,
        carry_over_targets=tuple(chain),
        quota=_adjusted(plain, adjustments),
        quota_informal=_adjusted(
            population.quotas(informal.amount, half_year) if informal else None, adjustments),
        housed={pk: housed_between(housing.get(pk, {}), half_year.start, until) for pk in ids},
        carried_over=carried_over,
        reasons={pk: adjustment.reason for pk, adjustment in adjustments.items()},
        plain_quota=plain,
    )


def _carried_over(
    ids: list[int], targets, half_year: HalfYear, population: Population, housing
) -> tuple[dict[int, int], list[Target]]:
    """The balance of the previous half-year, itself including what it carried over.

    A half-year counts only when an official national target covers it; the chain stops at the
    first half-year without one (its carry-over is 0).
    """
    chain: list[tuple[HalfYear, Target]] = []
    earlier = half_year.previous
    for _step in range(MAX_CARRY_OVER_HALF_YEARS):
        target = target_in_force(
            targets, kind=Target.Kind.PERMIT_HOLDERS, on=earlier.end, national=True
        )
        if target is None:
            break
        chain.append((earlier, target))
        earlier = earlier.previous
    carried = dict.fromkeys(ids, 0)
    for earlier, target in reversed(chain):  # oldest first
        quota = population.quotas(target.amount, earlier)
        carried = {
            pk: saldo(
                housed=housed_between(housing.get(pk, {}), earlier.start, earlier.end),
                carried_over=carried[pk], quota=quota[pk],
            ) if pk in quota else 0
            for pk in ids
        }
    return carried, [target for _half, target in chain]
