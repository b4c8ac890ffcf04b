"""The one exception the fairshare engine raises for bad input or impossible demands."""

from __future__ import annotations

from collections.abc import Iterable


class FairShareError(ValueError):
    """A distribution cannot be made as asked.

    ``message`` is Dutch and meant for the user; ``units`` names the units involved (may be
    empty) and ``code`` is a stable machine code such as ``"infeasible_bounds"``.
    """

    def __init__(self, message: str, *, units: Iterable[str] = (), code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.units = tuple(units)
        self.code = code

    def __str__(self) -> str:
        return self.message
