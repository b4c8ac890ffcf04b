"""Fair duty rotas: who is on duty when, in proportion to a key — pure Python, no Django.

A rota divides a period into duty slots of ``turn_days`` days (the last slot ends with the
period), and each slot needs ``parallel`` participants on duty at once, each offering
``places`` places. Fairness has two parts, both taken from the fair-share engine:

1. **How many turns.** The slots × parallel turns are apportioned over the participants in
   proportion to their weights with a divisor method (Sainte-Laguë by default,
   :func:`opvangregie.fairshare.apportion`), held within quota: every participant gets its
   proportional number of turns rounded down or up, never further off. A participant can
   serve at most once per slot and only in slots it is available for, so its proportional
   number is first bounded by its available slots (the excess goes to the others in
   proportion to their weights).
2. **In which order.** The turns are handed out slot by slot in the order of the same divisor
   method's sequence: the next turn goes to the highest priority ``weight / (s + ½)``, where
   ``s`` is the number of turns the participant already has (a house-monotone sequence, so a
   participant with twice the weight serves twice as often, spread evenly over the period). A
   participant that has turns left and exactly as many available slots left *must* serve now,
   so unavailable dates never push it out of its turns.

Ties in the order are settled by larger weight first, then earlier position in the input, and
the ties of the apportionment are reported (``Rota.ties``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

from opvangregie.fairshare import FairShareError, apportion
from opvangregie.fairshare.methods import bounded_quotas, normalise_method
from opvangregie.fairshare.numbers import to_fraction
from opvangregie.input_limits import DATE_RANGE_MESSAGE, is_plausible_date

DEFAULT_METHOD = "sainte-lague"

Period = tuple[date, date]  # first and last day, both inclusive


class RotaError(ValueError):
    """A rota cannot be made as asked; ``message`` is Dutch and meant for the user."""

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Participant:
    name: str
    weight: object = 1
    unavailable: tuple[Period, ...] = ()


@dataclass(frozen=True)
class Slot:
    index: int
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Turn:
    participant: str
    participant_index: int
    slot: int
    start: date
    end: date  # inclusive: the last day on duty
    places: int

    def to_dict(self) -> dict:
        return {
            "participant": self.participant,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "places": self.places,
        }


@dataclass(frozen=True)
class ParticipantResult:
    name: str
    weight: Fraction
    share: Fraction  # weight / total weight
    quota: Fraction  # proportional number of turns (bounded by the available slots)
    available_slots: int
    turns: int

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "weight": float(self.weight),
            "share": float(self.share),
            "quota": float(self.quota),
            "available_slots": self.available_slots,
            "turns": self.turns,
        }


@dataclass(frozen=True)
class Rota:
    start: date
    end: date
    turn_days: int
    parallel: int
    places: int
    method: str
    slots: tuple[Slot, ...]
    turns: tuple[Turn, ...]
    participants: tuple[ParticipantResult, ...]
    ties: tuple[str, ...] = field(default=())

    def turns_of(self, name: str) -> list[Turn]:
        return [turn for turn in self.turns if turn.participant == name]

    def to_dict(self) -> dict:
        return {
            "turns": [turn.to_dict() for turn in self.turns],
            "participants": [p.to_dict() for p in self.participants],
        }


def make_slots(start: date, end: date, turn_days: int) -> tuple[Slot, ...]:
    if end < start:
        raise RotaError(
            f"De einddatum ({end.isoformat()}) ligt voor de begindatum ({start.isoformat()}).",
            code="bad_period",
        )
    if turn_days < 1:
        raise RotaError("Een dienst duurt minstens 1 dag.", code="bad_turn")
    slots = []
    day = start
    while day <= end:
        last = min(day + timedelta(days=turn_days - 1), end)
        slots.append(Slot(len(slots), day, last))
        day = last + timedelta(days=1)
    return tuple(slots)


def _overlaps(slot: Slot, period: Period) -> bool:
    return period[0] <= slot.end and slot.start <= period[1]


def plan_rota(
    participants: Sequence[Participant],
    *,
    start: date,
    end: date,
    turn_days: int = 14,
    parallel: int = 4,
    places: int = 150,
    method: str = DEFAULT_METHOD,
) -> Rota:
    """A fair rota for ``participants`` from ``start`` up to and including ``end``."""
    try:
        method = normalise_method(method)
    except FairShareError as error:
        raise RotaError(error.message, code="unknown_method") from error
    if method == "ceiling":
        raise RotaError("De methode 'ceiling' telt niet op tot het aantal diensten; kies een "
                        "delermethode zoals sainte-lague.", code="unknown_method")
    if parallel < 1:
        raise RotaError("Er moet minstens 1 deelnemer tegelijk dienst hebben.", code="bad_parallel")
    if places < 0:
        raise RotaError("Het aantal plekken per dienst kan niet negatief zijn.", code="bad_places")
    if not participants:
        raise RotaError("Er zijn geen deelnemers.", code="no_participants")
    names = [p.name.strip() for p in participants]
    for index, name in enumerate(names):
        if not name:
            raise RotaError(f"Deelnemer {index + 1} heeft geen naam.", code="missing_name")
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise RotaError(f"Deze namen komen dubbel voor: {', '.join(duplicates)}.",
                        code="duplicate_name")
    weights = []
    for name, participant in zip(names, participants, strict=True):
        try:
            weight = to_fraction(participant.weight, f"Gewicht van {name}")
        except FairShareError as error:
            raise RotaError(error.message, code="bad_weight") from error
        if weight < 0:
            raise RotaError(f"Het gewicht van {name} is negatief.", code="bad_weight")
        weights.append(weight)
    if sum(weights) == 0:
        raise RotaError("Alle gewichten zijn 0; er valt niets naar verhouding te verdelen.",
                        code="bad_weight")
    if parallel > len(participants):
        raise RotaError(
            f"Er moeten {parallel} deelnemers tegelijk dienst hebben, maar er zijn er maar "
            f"{len(participants)}.", code="bad_parallel",
        )

    slots = make_slots(start, end, turn_days)
    available = [
        [not any(_overlaps(slot, period) for period in p.unavailable) for slot in slots]
        for p in participants
    ]
    for slot in slots:
        count = sum(1 for row in available if row[slot.index])
        if count < parallel:
            raise RotaError(
                f"In de dienst van {slot.start.isoformat()} tot en met {slot.end.isoformat()} "
                f"zijn maar {count} deelnemers beschikbaar; nodig zijn er {parallel}.",
                code="not_enough_available",
            )

    total = len(slots) * parallel
    upper = [sum(row) for row in available]
    # A participant with weight 0 serves only when the others cannot fill the rota.
    try:
        quotas = bounded_quotas(weights, total, [0] * len(weights), upper, names)
        # Held within quota: a divisor method can, rarely, give a dominant participant more
        # than one turn above its proportional number; the bounds rule that out.
        result = apportion(weights, total, method, names=names,
                           lower=[math.floor(q) for q in quotas],
                           upper=[math.ceil(q) for q in quotas])
    except FairShareError as error:
        raise RotaError(error.message, code="infeasible") from error
    counts = list(result.seats)

    assignment = _sequence(slots, available, weights, counts, parallel, urgency_first=False)
    if assignment is None:
        assignment = _sequence(slots, available, weights, counts, parallel, urgency_first=True)
    if assignment is None:
        raise RotaError(
            "Met deze niet-beschikbare data is geen rooster te maken waarin ieder zijn eerlijke "
            "aantal diensten krijgt; maak de niet-beschikbare periodes kleiner of verlaag het "
            "aantal deelnemers tegelijk.",
            code="infeasible",
        )
    turns = tuple(
        Turn(names[i], i, slot.index, slot.start, slot.end, places)
        for slot, chosen in zip(slots, assignment, strict=True)
        for i in sorted(chosen)
    )
    weight_sum = sum(weights)
    return Rota(
        start=start, end=end, turn_days=turn_days, parallel=parallel, places=places,
        method=method, slots=slots, turns=turns,
        participants=tuple(
            ParticipantResult(
                name=names[i], weight=weights[i], share=weights[i] / weight_sum,
                quota=quotas[i], available_slots=upper[i], turns=counts[i],
            )
            for i in range(len(names))
        ),
        ties=tuple(tie.text for tie in result.ties),
    )


def _sequence(
    slots: Sequence[Slot],
    available: list[list[bool]],
    weights: list[Fraction],
    counts: list[int],
    parallel: int,
    *,
    urgency_first: bool,
) -> list[list[int]] | None:
    """Hand out the turns slot by slot in divisor-sequence order; None when it gets stuck.

    Priority of participant i with s turns so far: weight_i / (s + ½) (Sainte-Laguë's
    sequence). Participants whose remaining turns equal their remaining available slots go
    first; with ``urgency_first`` the least slack always goes first (the fallback).
    """
    given = [0] * len(weights)
    left_available = [sum(row) for row in available]
    assignment: list[list[int]] = []
    for slot in slots:
        candidates = [
            i for i in range(len(weights)) if available[i][slot.index] and given[i] < counts[i]
        ]

        def key(i: int) -> tuple:
            slack = left_available[i] - (counts[i] - given[i])
            priority = weights[i] / (given[i] + Fraction(1, 2))
            first = slack if urgency_first else (0 if slack == 0 else 1)
            return (first, -priority, -weights[i], i)

        candidates.sort(key=key)
        chosen = candidates[:parallel]
        if len(chosen) < parallel:
            return None
        for i in range(len(weights)):
            if available[i][slot.index]:
                left_available[i] -= 1
        for i in chosen:
            given[i] += 1
        if any(counts[i] - given[i] > left_available[i] for i in range(len(weights))):
            return None
        assignment.append(chosen)
    return assignment


# --- reading periods --------------------------------------------------------------------------

_DATE_FORMATS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})$"),
)


def parse_date(text: str) -> date:
    """A date as 2022-06-01 or 1-6-2022; ValueError with a Dutch message otherwise."""
    text = text.strip()
    for pattern in _DATE_FORMATS:
        match = pattern.match(text)
        if match:
            try:
                day = date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                break
            if not is_plausible_date(day):
                raise ValueError(f"'{text}': {DATE_RANGE_MESSAGE}")
            return day
    raise ValueError(f"'{text}' is geen datum (gebruik JJJJ-MM-DD of D-M-JJJJ)")


def parse_periods(text: str) -> tuple[Period, ...]:
    """Dates a participant cannot serve: ``2022-07-01..2022-07-14; 2022-08-01``.

    Periods are separated by ``;`` or ``,``; a period is one date or two joined by ``..`` or
    ``t/m`` (both days inclusive).
    """
    periods = []
    for part in re.split(r"[;,]", text or ""):
        part = part.strip()
        if not part:
            continue
        bounds = re.split(r"\s*(?:\.\.|t/m)\s*", part)
        if len(bounds) > 2:
            raise ValueError(f"'{part}' is geen periode (gebruik VAN..TOT)")
        first = parse_date(bounds[0])
        last = parse_date(bounds[-1])
        if last < first:
            raise ValueError(f"in '{part}' ligt het einde voor het begin")
        periods.append((first, last))
    return tuple(periods)


def format_periods(periods: Sequence[Period]) -> str:
    return "; ".join(
        a.isoformat() if a == b else f"{a.isoformat()}..{b.isoformat()}" for a, b in periods
    )
