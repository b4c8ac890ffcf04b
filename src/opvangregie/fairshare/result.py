"""Result objects that explain every number, per unit, in words a board member can check."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .fast import fraction
from .numbers import plain

_PENDING_FIELDS = frozenset({"share", "fair_part", "credit", "remaining", "quota"})

# Order in which a reason "decides" a unit's number: an agreement beats a bound, a bound beats
# the rounding step. The first reason a unit has in this order becomes its ``decided_by``.
DECISIVE_ORDER = (
    "fixed",
    "transfer_in",
    "transfer_out",
    "over_contribution",
    "zero_share",
    "upper_bound",
    "lower_bound",
    "tie_won",
    "tie_lost",
    "largest_remainder",
    "lower_quota",
    "rounded_up",
    "rounded_down",
    "ceiling",
    "exact",
)


@dataclass(frozen=True)
class Reason:
    """One step that shaped a unit's number: a machine ``code`` and a short Dutch ``text``."""

    code: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "text": self.text}


@dataclass(frozen=True)
class Tie:
    """Units that were exactly level for the last place(s), and how the tie rule split them."""

    units: tuple[str, ...]
    places: int
    winners: tuple[str, ...]
    rule: str

    @property
    def text(self) -> str:
        return (
            f"Gelijke stand tussen {', '.join(self.units)} om {self.places} "
            f"plaats{'en' if self.places != 1 else ''}; toegekend aan "
            f"{', '.join(self.winners)} ({self.rule})."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "units": list(self.units),
            "places": self.places,
            "winners": list(self.winners),
            "rule": self.rule,
            "text": self.text,
        }


@dataclass(frozen=True)
class UnitResult:
    """Everything that went into one unit's allocation.

    Effort figures (``fair_part``, ``credit``, ``remaining``) are in place-weeks when a window
    was given and in places otherwise; ``quota`` is always in places.
    """

    name: str
    share: Fraction
    fair_part: Fraction
    credit: Fraction
    remaining: Fraction
    quota: Fraction
    lower: int
    upper: int | None
    fixed: int | None
    apportioned: int
    allocation: int
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    @classmethod
    def assemble(cls, fields: dict[str, Any]) -> UnitResult:
        """The same object as ``UnitResult(**fields)``, without the frozen dataclass's
        per-field ``object.__setattr__`` (a national distribution builds hundreds per call).

        Every field must be given, except that the five exact figures (``share``,
        ``fair_part``, ``credit``, ``remaining``, ``quota``) may instead come as
        ``_pending = (context, σ, γ, v)``: integer numerators and the distribution's shared
        denominators (see ``engine._distribute_fast``). They become Fractions on first use, so a
        what-if that only reads allocations and reasons does not pay for 1,700 Fractions.
        """
        result = object.__new__(cls)
        result.__dict__.update(fields)
        return result

    def __getattr__(self, name: str) -> Any:
        # Only reached when normal lookup fails: the exact figures of a fast-path result that
        # nobody has read yet.
        state = self.__dict__
        pending = state.get("_pending")
        if pending is None or name not in _PENDING_FIELDS:
            raise AttributeError(name)
        context, sigma, gamma, value = pending
        share_den, effort, fair_den, credit_den, remaining_den, quota_den = context
        state["share"] = fraction(sigma, share_den)
        state["fair_part"] = fraction(sigma * effort, fair_den)
        state["credit"] = fraction(gamma, credit_den)
        state["remaining"] = fraction(value, remaining_den)
        state["quota"] = fraction(value, quota_den)
        del state["_pending"]
        return state[name]

    @property
    def transferred(self) -> int:
        """Net places received through transfers (negative when handed over)."""
        return self.allocation - self.apportioned

    @property
    def decided_by(self) -> Reason:
        ranked = sorted(self.reasons, key=lambda reason: DECISIVE_ORDER.index(reason.code))
        return ranked[0] if ranked else Reason("exact", "Quotum is een geheel getal")

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "share": float(self.share),
            "share_exact": str(self.share),
            "fair_part": float(self.fair_part),
            "credit": plain(self.credit),
            "remaining": float(self.remaining),
            "quota": float(self.quota),
            "quota_exact": str(self.quota),
            "lower": self.lower,
            "upper": self.upper,
            "fixed": self.fixed,
            "apportioned": self.apportioned,
            "transferred": self.transferred,
            "allocation": self.allocation,
            "decided_by": self.decided_by.to_dict(),
            "reasons": [reason.to_dict() for reason in self.reasons],
        }


@dataclass(frozen=True)
class Distribution:
    """The outcome of :func:`opvangregie.fairshare.distribute`.

    ``level`` is the water level λ of the crediting step (every unit that still owes effort
    owes ``share · λ − credit``); ``effort`` is the total effort E = Σ credit + total · weeks.
    """

    total: int
    method: str
    window_weeks: Fraction | None
    effort: Fraction
    level: Fraction
    units: tuple[UnitResult, ...]
    ties: tuple[Tie, ...]

    @classmethod
    def deferred(cls, fields: dict[str, Any], pending: tuple) -> Distribution:
        """A Distribution whose ``units`` are built on first read, from ``pending``: the
        per-unit columns of ``engine._distribute_fast`` (see :func:`_build_units`).

        Every figure and reason is already decided; only the 342 UnitResult objects of a
        national distribution are not made until someone reads them, so a what-if that only
        needs the allocations does not pay for them (``allocations`` reads the columns).
        """
        result = object.__new__(cls)
        result.__dict__.update(fields)
        result.__dict__["_pending_units"] = pending
        return result

    def __getattr__(self, name: str) -> Any:
        # Only reached when normal lookup fails: the units of a deferred result, first read.
        state = self.__dict__
        if name in ("effort", "level") and f"_pending_{name}" in state:
            # Two Fractions (a gcd each) made when first read.
            state[name] = fraction(*state.pop(f"_pending_{name}"))
            return state[name]
        pending = state.get("_pending_units")
        if pending is None or name != "units":
            raise AttributeError(name)
        state["units"] = _build_units(self._resolved(pending))
        del state["_pending_units"]
        return state["units"]

    def _resolved(self, pending: tuple) -> tuple:
        """``pending`` with its last column, the reasons, decided: it may come as
        (function, arguments), called once (the engine's ``_explain``)."""
        reasons = pending[10]
        if type(reasons) is tuple and len(reasons) == 2 and callable(reasons[0]):
            pending = (*pending[:10], reasons[0](*reasons[1]))
            if self.__dict__.get("_pending_units") is not None:
                self.__dict__["_pending_units"] = pending
        return pending

    def columns(self) -> dict[str, list]:
        """The figures a table of hundreds of rows prints, per unit in input order, without
        building a UnitResult and five Fractions per unit: ``names``, ``shares`` and
        ``quotas`` as (numerator, denominator) pairs of non-negative integers (not
        necessarily in lowest terms), ``allocations`` and ``reasons``."""
        pending = self.__dict__.get("_pending_units")
        if pending is not None:
            pending = self._resolved(pending)
            context, names, sigma, _gamma, values = pending[:5]
            share_denominator, quota_denominator = context[0], context[5]
            return {
                "names": list(names),
                "shares": [(s, share_denominator) for s in sigma],
                "quotas": [(v, quota_denominator) for v in values],
                "allocations": list(pending[9]),
                "reasons": [tuple(found) for found in pending[10]],
            }
        units = self.units
        return {
            "names": [u.name for u in units],
            "shares": [(u.share.numerator, u.share.denominator) for u in units],
            "quotas": [(u.quota.numerator, u.quota.denominator) for u in units],
            "allocations": [u.allocation for u in units],
            "reasons": [u.reasons for u in units],
        }

    @property
    def allocations(self) -> dict[str, int]:
        pending = self.__dict__.get("_pending_units")
        if pending is not None:
            return dict(zip(pending[1], pending[9], strict=True))
        return {unit.name: unit.allocation for unit in self.units}

    def __getitem__(self, name: str) -> UnitResult:
        for unit in self.units:
            if unit.name == name:
                return unit
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; floats for reading, ``*_exact`` strings for checking."""
        return {
            "total": self.total,
            "method": self.method,
            "units": [unit.to_dict() for unit in self.units],
            "ties": [tie.to_dict() for tie in self.ties],
        }


def _build_units(pending: tuple) -> tuple[UnitResult, ...]:
    """The UnitResults of a deferred Distribution; ``pending`` holds, per unit, the columns
    (context, names, σ, γ, values, lower, upper, fixed, apportioned, allocation, reasons),
    the reasons decided (see ``Distribution._resolved``)."""
    (
        context,
        names,
        sigma,
        gamma,
        values,
        lower,
        upper,
        fixed,
        apportioned,
        allocation,
        reasons,
    ) = pending
    build = UnitResult.assemble
    return tuple(
        build(
            {
                "name": names[i],
                "_pending": (context, sigma[i], gamma[i], values[i]),
                "lower": lower[i],
                "upper": upper[i],
                "fixed": fixed[i],
                "apportioned": apportioned[i],
                "allocation": allocation[i],
                "reasons": reasons[i] if type(reasons[i]) is tuple else tuple(reasons[i]),
            }
        )
        for i in range(len(names))
    )
