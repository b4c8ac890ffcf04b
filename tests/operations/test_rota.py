"""The rota algorithm (pure Python): fair numbers of turns, fair order, unavailability."""

import csv
from collections import Counter
from datetime import date, timedelta
from fractions import Fraction
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opvangregie.operations.rota import (
    Participant,
    RotaError,
    make_slots,
    parse_periods,
    plan_rota,
)


def regions_2022() -> list[Participant]:
    path = resources.files("opvangregie.regions").joinpath("data",
                                                           "veiligheidsregios_2022_2023.csv")
    with path.open(encoding="utf-8") as handle:
        return [Participant(row["vr_naam"], int(row["inwoners_2022"]))
                for row in csv.DictReader(handle)]


def proportional(participants, total) -> dict[str, Fraction]:
    weight_sum = sum(Fraction(p.weight) for p in participants)
    return {p.name: Fraction(p.weight) * total / weight_sum for p in participants}


def assert_never_twice_at_once(rota):
    for name in {t.participant for t in rota.turns}:
        own = sorted(rota.turns_of(name), key=lambda t: t.start)
        for earlier, later in zip(own, own[1:], strict=False):
            assert earlier.end < later.start, name


def test_national_phase_one_rota_is_fair_and_fills_every_turn():
    participants = regions_2022()
    rota = plan_rota(participants, start=date(2022, 6, 1), end=date(2022, 8, 31),
                     turn_days=14, parallel=4, places=150)
    assert len(participants) == 25
    assert len(rota.slots) == 7  # six full fortnights and 24–31 August
    assert rota.slots[-1].start == date(2022, 8, 24) and rota.slots[-1].end == date(2022, 8, 31)
    assert len(rota.turns) == 28
    for slot in rota.slots:
        on_duty = [t for t in rota.turns if t.slot == slot.index]
        assert len(on_duty) == 4
        assert sum(t.places for t in on_duty) == 600
    counts = Counter(t.participant for t in rota.turns)
    for name, quota in proportional(participants, 28).items():
        assert abs(counts[name] - quota) < 1, name
    assert_never_twice_at_once(rota)


def test_twice_the_weight_serves_twice_as_often_spread_over_the_period():
    participants = [Participant("groot", 2), Participant("a", 1), Participant("b", 1),
                    Participant("c", 1), Participant("d", 1)]
    rota = plan_rota(participants, start=date(2022, 1, 3), end=date(2022, 5, 8),
                     turn_days=7, parallel=1, places=10)
    counts = Counter(t.participant for t in rota.turns)
    assert counts == {"groot": 6, "a": 3, "b": 3, "c": 3, "d": 3}
    # Spread over the period: after every slot, each participant's turns so far are within 1
    # of its proportional share of the turns so far (the divisor sequence is house-monotone).
    for done in range(1, len(rota.turns) + 1):
        so_far = Counter(t.participant for t in rota.turns[:done])
        for name, quota in proportional(participants, done).items():
            assert abs(so_far[name] - quota) < 1, (done, name)


def test_unavailable_dates_are_respected_and_the_numbers_stay_fair():
    participants = regions_2022()
    july = (date(2022, 7, 1), date(2022, 7, 31))
    participants[3] = Participant(participants[3].name, participants[3].weight, (july,))
    participants[8] = Participant(participants[8].name, participants[8].weight,
                                  ((date(2022, 6, 1), date(2022, 6, 20)),))
    rota = plan_rota(participants, start=date(2022, 6, 1), end=date(2022, 8, 31),
                     turn_days=14, parallel=4)
    for turn in rota.turns_of(participants[3].name):
        assert turn.end < july[0] or turn.start > july[1]
    for turn in rota.turns_of(participants[8].name):
        assert turn.start > date(2022, 6, 20)
    counts = Counter(t.participant for t in rota.turns)
    for result in rota.participants:
        assert abs(counts[result.name] - result.quota) < 1
    assert_never_twice_at_once(rota)


def test_a_participant_with_few_available_slots_still_gets_its_turns():
    participants = [Participant("alleen-augustus", 3, ((date(2022, 6, 1), date(2022, 7, 31)),)),
                    Participant("b", 1), Participant("c", 1), Participant("d", 1)]
    rota = plan_rota(participants, start=date(2022, 6, 1), end=date(2022, 8, 31),
                     turn_days=7, parallel=2)
    own = rota.turns_of("alleen-augustus")
    assert own and all(t.start >= date(2022, 8, 1) for t in own)
    result = next(p for p in rota.participants if p.name == "alleen-augustus")
    assert result.turns == len(own) == result.available_slots  # capped at what it can do


@settings(max_examples=60, deadline=None)
@given(
    weights=st.lists(st.integers(min_value=1, max_value=1000), min_size=2, max_size=12),
    slots=st.integers(min_value=1, max_value=15),
    parallel_fraction=st.floats(min_value=0.0, max_value=1.0),
)
def test_property_turns_within_one_of_proportional_and_never_two_at_once(
    weights, slots, parallel_fraction
):
    parallel = max(1, int(parallel_fraction * len(weights)))
    participants = [Participant(f"p{i}", w) for i, w in enumerate(weights)]
    start = date(2022, 6, 1)
    rota = plan_rota(participants, start=start, end=start + timedelta(days=7 * slots - 1),
                     turn_days=7, parallel=parallel)
    assert len(rota.turns) == slots * parallel
    counts = Counter(t.participant for t in rota.turns)
    for result in rota.participants:
        assert abs(counts[result.name] - result.quota) < 1
        assert counts[result.name] <= slots
    assert_never_twice_at_once(rota)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_property_unavailability_is_never_violated(data):
    count = data.draw(st.integers(min_value=3, max_value=8))
    slots = data.draw(st.integers(min_value=2, max_value=8))
    start = date(2022, 6, 1)
    participants = []
    for i in range(count):
        blocked = data.draw(st.lists(st.integers(min_value=0, max_value=slots - 1),
                                     max_size=max(0, slots - 1), unique=True))
        periods = tuple((start + timedelta(days=7 * s), start + timedelta(days=7 * s + 2))
                        for s in blocked)
        participants.append(Participant(f"p{i}", data.draw(st.integers(1, 50)), periods))
    try:
        rota = plan_rota(participants, start=start,
                         end=start + timedelta(days=7 * slots - 1), turn_days=7, parallel=2)
    except RotaError:
        return  # too few available in some slot: refused, nothing half-made
    by_name = {p.name: p for p in participants}
    for turn in rota.turns:
        for first, last in by_name[turn.participant].unavailable:
            assert last < turn.start or first > turn.end
    assert_never_twice_at_once(rota)


def test_too_few_available_participants_is_refused_in_dutch():
    participants = [Participant("a", 1, ((date(2022, 6, 1), date(2022, 6, 3)),)),
                    Participant("b", 1)]
    with pytest.raises(RotaError, match="maar 1 deelnemers beschikbaar; nodig zijn er 2"):
        plan_rota(participants, start=date(2022, 6, 1), end=date(2022, 6, 14), turn_days=7,
                  parallel=2)


def test_more_on_duty_than_participants_is_refused():
    with pytest.raises(RotaError, match="maar 2"):
        plan_rota([Participant("a", 1), Participant("b", 1)], start=date(2022, 6, 1),
                  end=date(2022, 6, 30), parallel=3)


def test_slots_cover_the_period_and_the_last_one_ends_with_it():
    slots = make_slots(date(2022, 6, 1), date(2022, 6, 20), 7)
    assert [(s.start.day, s.end.day) for s in slots] == [(1, 7), (8, 14), (15, 20)]


def test_periods_are_read_in_iso_and_dutch_notation():
    assert parse_periods("2022-07-01..2022-07-14; 1-8-2022") == (
        (date(2022, 7, 1), date(2022, 7, 14)), (date(2022, 8, 1), date(2022, 8, 1)))
    assert parse_periods("1-7-2022 t/m 3-7-2022") == ((date(2022, 7, 1), date(2022, 7, 3)),)
    with pytest.raises(ValueError, match="geen datum"):
        parse_periods("2022-13-01")
