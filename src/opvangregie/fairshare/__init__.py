"""Fair distribution of places over municipalities — exact, explained, Django-free.

The engine behind "who takes how many places": a weighted key over indicators (population,
land area, ...), credit for effort already delivered or planned, per-unit bounds and agreed
exceptions, an apportionment method that makes the numbers whole, and transfers between units.
Every step uses exact fractions; every unit's number comes with the reasons that decided it.

Public API::

    distribute(units, total, key=None, method="hamilton", *, window_weeks=None, transfers=())
        -> Distribution
    apportion(weights, total, method="hamilton", *, lower=None, upper=None, names=None)
        -> Apportionment  (.seats, .ties)
    Unit(name, indicators={}, credit=0, lower=0, upper=None, fixed=None)
    Transfer(from_unit, to_unit, amount)
    Distribution(total, method, window_weeks, effort, level, units, ties)  .to_dict() .columns()
    UnitResult(name, share, fair_part, credit, remaining, quota, lower, upper, fixed,
               apportioned, allocation, reasons)  .decided_by  .transferred  .to_dict()
    Reason(code, text), Tie(units, places, winners, rule)
    FairShareError(ValueError)  .message (Dutch)  .units  .code
    METHODS = ("hamilton", "dhondt", "sainte-lague", "huntington-hill", "adams", "ceiling")

Steps of ``distribute``:

1. share_i = Σ_k w_k · x_ik / Σ_j x_jk (weights ≥ 0, summing to exactly 1).
2. Crediting (water-filling): E = Σ c_i + T·W; unit i owes max(0, share_i · λ − c_i)
   place-weeks with λ such that the owed amounts add up to T·W; owed amounts are clamped to
   [W·lower_i, W·upper_i] in the same exact solve (fixed amounts are lower = upper). Without
   credits λ = E and the quota is plainly share_i · T.
3. quota_i = owed_i / W, rounded by the chosen method so the places add up to T exactly
   (``ceiling`` rounds each quota up on its own). A unit with quota 0 gets 0.
4. Transfers move places from one unit's part to another's; totals stay the same.

Tie rule: units exactly level for the last place(s) are ordered by larger weight first (in
``distribute`` the weight is the place quota, so without credits: the larger key share),
then by earlier position in the input. Every tie is reported in ``Distribution.ties``.
"""

from .engine import Transfer, Unit, distribute
from .errors import FairShareError
from .keys import compute_shares, parse_key
from .methods import METHODS, Apportionment, apportion, normalise_method
from .result import Distribution, Reason, Tie, UnitResult

__all__ = [
    "METHODS",
    "Apportionment",
    "Distribution",
    "FairShareError",
    "Reason",
    "Tie",
    "Transfer",
    "Unit",
    "UnitResult",
    "apportion",
    "compute_shares",
    "distribute",
    "normalise_method",
    "parse_key",
]
