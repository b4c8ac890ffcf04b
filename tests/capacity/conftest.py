import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from opvangregie.capacity.models import Location

SECRET_NAME = "Kamperpoort Noordvleugel"


@pytest.fixture
def zwolle_location(zwolle) -> Location:
    return Location.objects.create(name="Sporthal Zwolle-Zuid", address="Stadionweg 1",
                                   municipality=zwolle, type="cno", for_asylum_seekers=True)


@pytest.fixture
def deventer_location(deventer) -> Location:
    return Location.objects.create(name="Hotel De Worp", municipality=deventer, type="hotel",
                                   for_ukrainians=True)


@pytest.fixture
def secret_location(zwolle) -> Location:
    """A confidential location in Zwolle: its name is for Zwolle and the region only."""
    return Location.objects.create(name=SECRET_NAME, address="Geheimstraat 7",
                                   municipality=zwolle, type="azc", is_confidential=True)


CAPACITY_HEADER = ["Locatie-ID", "Locatie", "Gemeente", "Vanaf", "Tot en met", "Plekken",
                   "Bezetting", "Soort"]
HOUSING_HEADER = ["Gemeente", "Maand", "Gehuisvest"]


def xlsx(capacity=None, housing=None, *, capacity_header=CAPACITY_HEADER,
         housing_header=HOUSING_HEADER, extra_sheets=()) -> io.BytesIO:
    """An .xlsx file in memory; `capacity` and `housing` are lists of rows (without header)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Capaciteit"
    sheet.append(capacity_header)
    for row in capacity or []:
        sheet.append(row)
    housing_sheet = workbook.create_sheet("Vergunninghouders")
    housing_sheet.append(housing_header)
    for row in housing or []:
        housing_sheet.append(row)
    for title in extra_sheets:
        workbook.create_sheet(title)
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    out.name = "cijfers.xlsx"
    return out


def capacity_row(location, start=date(2022, 6, 1), end=date(2022, 6, 14), places=75,
                 occupancy=60, kind="gerealiseerd"):
    return [location.pk, "", "", start, end, places, occupancy, kind]


def read_xlsx(content: bytes):
    return load_workbook(io.BytesIO(content), read_only=False, data_only=True)


def capacity_audit():
    """Audit events about locations and figures (the reference data load has its own)."""
    from opvangregie.audit.models import AuditEvent

    return AuditEvent.objects.filter(object_type__startswith="capacity")
