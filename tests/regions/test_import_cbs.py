from datetime import date

import pytest
from django.core.management import CommandError, call_command

from opvangregie.audit.models import AuditEvent
from opvangregie.cli import main as opvangregie
from opvangregie.regions.models import Indicator, IndicatorValue, Municipality
from opvangregie.regions.services import reference_data_load

HEADER = (
    '\ufeff"Perioden";"Regio\'s";'
    '"Bevolking/Bevolkingssamenstelling op 1 januari/Totale bevolking (aantal)";'
    '"Bevolking/Bevolkingssamenstelling op 1 januari/Bevolkingsdichtheid (aantal inwoners per km²)"'
)


def write(tmp_path, *lines: str):
    path = tmp_path / "export.csv"
    path.write_bytes(("\r\n".join((HEADER, *lines)) + "\r\n").encode("utf-8"))
    return path


def population(municipality, year: int):
    """The current value: the one no correction replaced."""
    return IndicatorValue.objects.get(
        municipality=municipality,
        indicator__code=Indicator.POPULATION,
        reference_date=date(year, 1, 1),
        corrected_by__isnull=True,
    ).value


def test_a_broken_line_changes_nothing_and_is_named(tmp_path, zwolle):
    path = write(
        tmp_path,
        '"2022";"Zwolle";131000;1184',
        '"2022";"Deventer";veel;776',
        '"2022";"Kampen";54800',
    )
    before = IndicatorValue.objects.count()
    with pytest.raises(CommandError) as error:
        call_command("import_cbs", str(path))
    message = str(error.value)
    assert "Regel 3" in message and "Totale bevolking" in message and "'veel'" in message
    assert "Regel 4" in message
    assert "Er is niets ingelezen" in message
    assert population(zwolle, 2022) == 130668
    assert IndicatorValue.objects.count() == before


def test_an_export_corrects_dated_values_and_reports_what_changed(tmp_path, zwolle, capsys):
    path = write(
        tmp_path,
        '"2022";"Zwolle";131000;1184',
        '"2024";"Zwolle";133000;1200',
        '"2024";"Bestaat niet";100;1',
        '"2024";"Nederland";17947684;534',
    )
    call_command("import_cbs", str(path))
    output = capsys.readouterr().out
    assert population(zwolle, 2022) == 131000
    assert population(zwolle, 2024) == 133000
    assert population(zwolle, 2021) == 129840  # other dates untouched
    assert "4 regels gelezen" in output
    # Population and the land area derived from it; the old values are kept.
    assert "2 gecorrigeerd (oude waarde bewaard)" in output
    assert IndicatorValue.objects.filter(
        municipality=zwolle, indicator__code=Indicator.POPULATION, reference_date=date(2022, 1, 1)
    ).count() == 2
    assert "Bestaat niet" in output and "overgeslagen" in output
    assert AuditEvent.objects.filter(action="import").exists()


def test_the_console_script_takes_the_hyphenated_name(tmp_path, transactional_db):
    # Transactional: a management command run this way closes the database connection.
    reference_data_load()
    path = write(tmp_path, '"2024";"Zwolle";133000;1200')
    opvangregie(["opvangregie", "import-cbs", str(path)])
    assert population(Municipality.objects.get(name="Zwolle"), 2024) == 133000


def test_a_file_without_the_expected_columns_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text('"Jaar";"Gemeente";"Aantal"\n"2022";"Zwolle";1\n', encoding="utf-8")
    with pytest.raises(CommandError, match="Regel 1: de kolom 'Perioden' ontbreekt"):
        call_command("import_cbs", str(path))


def test_a_file_that_is_not_utf8_is_refused(tmp_path, db):
    path = tmp_path / "latin1.csv"
    path.write_bytes('"Perioden";"Regio\'s";"Totale bevolking"\n"2022";"Súdwest";1\n'.encode(
        "latin-1"
    ))
    with pytest.raises(CommandError, match="geen UTF-8"):
        call_command("import_cbs", str(path))


def test_an_exact_land_area_is_not_replaced_by_a_derived_one(tmp_path, zwolle):
    exact = tmp_path / "area.csv"
    exact.write_text(
        '"Perioden";"Regio\'s";"Bodemgebruik/Oppervlakte land (km²)"\n"2022";"Zwolle";110.69\n',
        encoding="utf-8",
    )
    call_command("import_cbs", str(exact))
    call_command("import_cbs", str(write(tmp_path, '"2022";"Zwolle";130668;1181')))
    area = IndicatorValue.objects.get(
        municipality=zwolle, indicator__code=Indicator.LAND_AREA, reference_date=date(2022, 1, 1),
        corrected_by__isnull=True,
    )
    assert str(area.value) == "110.69" and not area.is_derived


def test_importing_the_shipped_cbs_export_again_changes_nothing(db, capsys):
    from opvangregie.regions.services import _data_file

    call_command("import_cbs", str(_data_file("cbs_70072NED_2020_2023.csv")))
    assert "2908 regels gelezen: 0 waarden toegevoegd, 0 gecorrigeerd" in capsys.readouterr().out
