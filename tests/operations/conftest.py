from datetime import date

import pytest

from opvangregie.capacity.models import CapacityKind, CapacityRecord, Location

SECRET_NAME = "Sporthal Geheimweg"


def location_with_capacity(municipality, *, name, type="cno", places=None, occupancy=None,
                           kind=CapacityKind.REALISED, confidential=False, status="open",
                           valid_from=date(2022, 1, 1), **groups):
    location = Location.objects.create(name=name, municipality=municipality, type=type,
                                       is_confidential=confidential, status=status, **groups)
    if places is not None:
        CapacityRecord.objects.create(location=location, valid_from=valid_from, valid_to=None,
                                      places=places, occupancy=occupancy, kind=kind)
    return location


@pytest.fixture
def zwolle_cno(zwolle):
    return location_with_capacity(zwolle, name="CNO Zwolle-Zuid", places=100, occupancy=60,
                                  for_asylum_seekers=True)


@pytest.fixture
def secret_zwolle(zwolle):
    """Confidential, with free places: its name is for Zwolle and the region only."""
    return location_with_capacity(zwolle, name=SECRET_NAME, type="azc", places=50,
                                  occupancy=20, confidential=True, for_asylum_seekers=True)


@pytest.fixture
def regions_csv(tmp_path):
    """The 25 safety regions with their population on 1-1-2022, `;`-separated."""
    from .test_rota import regions_2022

    path = tmp_path / "regios.csv"
    path.write_text("name;inwoners\n" + "".join(f"{p.name};{p.weight}\n"
                                                 for p in regions_2022()), encoding="utf-8")
    return path
