"""A small IJsselland 2022 scenario for the overview, registered as it was known in 2022."""

from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

import pytest

from opvangregie.capacity.models import CapacityKind, Location, LocationType
from opvangregie.capacity.selectors import end_of_day
from opvangregie.capacity.services import (
    capacity_record_register,
    location_create,
    permit_housing_register,
)
from opvangregie.regions.models import Municipality
from opvangregie.targets.models import Target
from opvangregie.targets.services import target_create

AS_OF = date(2022, 8, 31)
SECRET_NAME = "Geheime Kazerne Noord"


def municipality(code: str) -> Municipality:
    return Municipality.objects.get(code=code)


def add_location(actor, where, type_, places, start, end=None, *, known=None,
                 kind=CapacityKind.REALISED, name=None, **flags) -> Location:
    location = location_create(actor=actor, name=name or f"{type_} {where.name} {start}",
                               municipality=where, type=type_, **flags)
    capacity_record_register(actor=actor, location=location, valid_from=start, valid_to=end,
                             places=places, kind=kind, registered_at=end_of_day(known or start))
    return location


@dataclass
class Scenario:
    official: Target
    informal: Target
    cno: Target
    ukrainians: Target
    azc: Location


@pytest.fixture
def scenario(ijsselland, zwolle, coordinator) -> Scenario:
    def target(**fields):
        # Known well before the reference date, as the targets of 2022 were.
        defaults = dict(unit=Target.Unit.PERSONS, source="test", scope=Target.Scope.NATIONAL,
                        registered_at=end_of_day(date(2022, 6, 1)))
        return target_create(**{**defaults, **fields})

    official = target(name="Taakstelling 2e helft 2022", kind=Target.Kind.PERMIT_HOLDERS,
                      amount=13500, period_start=date(2022, 7, 1),
                      period_end=date(2022, 12, 31), source="Rijksoverheid")
    informal = target(name="Informele taakstelling 2e helft 2022",
                      kind=Target.Kind.PERMIT_HOLDERS, amount=20000, is_informal=True,
                      period_start=date(2022, 7, 1), period_end=date(2022, 12, 31),
                      source="BAO 31-08-2022")
    cno = target(name="CNO 450", kind=Target.Kind.CNO, scope=Target.Scope.REGIONAL,
                 safety_region=ijsselland, amount=450, unit=Target.Unit.PLACES,
                 period_start=date(2022, 10, 1), period_end=date(2022, 12, 31))
    ukrainians = target(name="Oekraïners 2400", kind=Target.Kind.UKRAINIANS,
                        scope=Target.Scope.REGIONAL, safety_region=ijsselland, amount=2400,
                        unit=Target.Unit.PLACES, period_start=date(2022, 7, 1),
                        period_end=date(2022, 12, 31))
    # Ommen: 75 CNO places for two weeks in June = 150 place-weeks (weeks 22–24 of 2022).
    add_location(coordinator, municipality("GM0175"), LocationType.CNO, 75,
                 date(2022, 6, 1), date(2022, 6, 14))
    # Kampen: a planned CNO location in September, confidential.
    add_location(coordinator, municipality("GM0166"), LocationType.CNO, 100,
                 date(2022, 9, 1), date(2022, 9, 30), known=date(2022, 8, 20),
                 kind=CapacityKind.PLANNED, name=SECRET_NAME, is_confidential=True)
    azc = add_location(coordinator, zwolle, LocationType.AZC, 300, date(2022, 1, 1),
                       known=date(2022, 1, 1), for_asylum_seekers=True)
    add_location(coordinator, municipality("GM0177"), LocationType.GOO, 900,
                 date(2022, 4, 1), known=date(2022, 8, 1), for_ukrainians=True)
    for month, housed in ((7, 20), (8, 25)):
        permit_housing_register(actor=coordinator, municipality=zwolle,
                                month=date(2022, month, 1), housed=housed,
                                registered_at=end_of_day(date(2022, month, 25)))
    return Scenario(official, informal, cno, ukrainians, azc)


class _TableParser(HTMLParser):
    """Rows of the overview table as lists of cell texts (hidden text and sort arrows left out)."""

    def __init__(self):
        super().__init__()
        self.sections: dict[str, list[list[str]]] = {"thead": [], "tbody": [], "tfoot": []}
        self.section = None
        self.in_table = False
        self.cell: list[str] | None = None
        self.hidden_depth = 0
        self.head_spans: list[list[tuple[int, int]]] = []  # (colspan, rowspan) per thead cell

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id") == "inzage-opgaven":
            self.in_table = True
        if not self.in_table:
            return
        if tag in self.sections:
            self.section = tag
        elif tag == "tr" and self.section:
            self.sections[self.section].append([])
            if self.section == "thead":
                self.head_spans.append([])
        elif tag in ("td", "th") and self.section:
            self.cell = []
            if self.section == "thead":
                self.head_spans[-1].append((int(attrs.get("colspan") or 1),
                                            int(attrs.get("rowspan") or 1)))
        elif tag == "span" and self.cell is not None and (
            self.hidden_depth or "or-visually-hidden" in (attrs.get("class") or "")
            or attrs.get("aria-hidden") == "true"  # the sort arrow
        ):
            self.hidden_depth += 1

    def handle_endtag(self, tag):
        if not self.in_table:
            return
        if tag == "table":
            self.in_table = False
        elif tag == "span" and self.hidden_depth:
            self.hidden_depth -= 1
        elif tag in ("td", "th") and self.cell is not None:
            text = " ".join("".join(self.cell).split())
            self.sections[self.section][-1].append(text)
            self.cell = None
        elif tag in self.sections:
            self.section = None

    def handle_data(self, data):
        if self.cell is not None and not self.hidden_depth:
            self.cell.append(data)


def page_table(html: str) -> dict[str, list[list[str]]]:
    """The overview table's rows per part; "headers": the header of each column, in order."""
    parser = _TableParser()
    parser.feed(html)
    sections = dict(parser.sections)
    headers = []
    if parser.head_spans:
        top, bottom = sections["thead"][0], list(sections["thead"][1:2] or [[]])[0]
        below = iter(bottom)
        for text, (colspan, rowspan) in zip(top, parser.head_spans[0], strict=True):
            if rowspan > 1:
                headers.append(text)  # a column without a group
            else:
                headers += [next(below) for _ in range(colspan)]  # the group's columns
    sections["headers"] = headers
    return sections


class Cells(dict):
    """A row's cells by column header: an exact header, or the one header starting with it."""

    def __getitem__(self, header: str) -> str:
        if header in self:
            return super().__getitem__(header)
        found = [key for key in self if key.startswith(header)]
        if len(found) != 1:
            raise KeyError(f"{header!r} matches {found or 'no header'}")
        return super().__getitem__(found[0])


def by_header(table: dict, part: str) -> list[Cells]:
    """The rows of a part ("tbody", "tfoot") of `page_table` as cells by column header."""
    return [Cells(zip(table["headers"], row, strict=True)) for row in table[part]]


def body_rows(html: str) -> dict[str, Cells]:
    """Municipality name → its cells by column header."""
    return {row["Gemeente"]: row for row in by_header(page_table(html), "tbody")}


def totals_row(html: str) -> Cells:
    return by_header(page_table(html), "tfoot")[0]
