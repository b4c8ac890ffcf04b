"""The ``opvangregie distribute`` command: input formats, output formats and Dutch errors."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from opvangregie.fairshare.cli import main

from .conftest import IJSSELLAND

IJSSELLAND_CSV = "name,population,land_area,credit\n" + "".join(
    f"{name},{population},{area},{336 if name == 'Zwartewaterland' else 0}\n"
    for name, population, area in IJSSELLAND
)


@pytest.fixture
def ijsselland_csv(tmp_path):
    path = tmp_path / "ijsselland.csv"
    path.write_text(IJSSELLAND_CSV, encoding="utf-8")
    return path


def _json(capsys, *argv):
    assert main([str(a) for a in argv]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return json.loads(captured.out)


def test_json_output_has_the_documented_shape(ijsselland_csv, capsys):
    data = _json(
        capsys,
        ijsselland_csv,
        "--total", "450",
        "--key", "population=0.5,land_area=0.5",
        "--credit", "credit",
        "--window-weeks", "13",
        "--format", "json",
    )  # fmt: skip
    assert set(data) == {"total", "method", "units", "ties"}
    assert data["total"] == 450
    assert data["method"] == "hamilton"
    assert isinstance(data["ties"], list)
    assert [u["name"] for u in data["units"]] == [name for name, _, _ in IJSSELLAND]
    for unit in data["units"]:
        assert isinstance(unit["share"], float)
        assert isinstance(unit["quota"], float)
        assert isinstance(unit["credit"], int | float)
        assert isinstance(unit["allocation"], int)
    assert sum(u["allocation"] for u in data["units"]) == 450
    boat = data["units"][-1]
    assert (boat["name"], boat["credit"], boat["allocation"]) == ("Zwartewaterland", 336, 0)
    assert boat["decided_by"]["code"] == "over_contribution"


def test_json_credit_is_zero_without_credit_column(ijsselland_csv, capsys):
    data = _json(
        capsys, ijsselland_csv, "--total", "450", "--key", "population=1", "--format", "json"
    )
    assert {u["credit"] for u in data["units"]} == {0}


def test_csv_with_semicolons_bom_and_decimal_commas(tmp_path, capsys):
    path = tmp_path / "excel-export.csv"
    rows = ["gemeente;inwoners;oppervlakte"] + [
        f"{name};{population};{str(area).replace('.', ',')}"
        for name, population, area in IJSSELLAND
    ]
    path.write_bytes(("\n".join(rows) + "\n").encode("utf-8-sig"))
    data = _json(
        capsys, path, "--total", "450", "--key", "inwoners=1/2,oppervlakte=1/2", "--format", "json"
    )
    allocations = {u["name"]: u["allocation"] for u in data["units"]}
    assert allocations["Zwolle"] == 68
    assert allocations["Zwartewaterland"] == 20


def test_xlsx_input_first_sheet(tmp_path, capsys):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["name", "population", "capacity"])
    for name, population, _ in IJSSELLAND:
        sheet.append([name, population, 40 if name == "Zwolle" else None])
    path = tmp_path / "ijsselland.xlsx"
    workbook.save(path)
    data = _json(
        capsys,
        path,
        "--total",
        "450",
        "--max",
        "capacity",
        "--method",
        "dhondt",
        "--format",
        "json",
    )
    allocations = {u["name"]: u["allocation"] for u in data["units"]}
    assert allocations["Zwolle"] == 40
    assert sum(allocations.values()) == 450
    assert data["method"] == "dhondt"


def test_single_numeric_column_is_the_key_without_key_option(tmp_path, capsys):
    path = tmp_path / "one.csv"
    path.write_text("gm_code,name,votes\nGM1,A,100000\nGM2,B,80000\nGM3,C,30000\nGM4,D,20000\n")
    data = _json(capsys, path, "--total", "8", "--method", "jefferson", "--format", "json")
    assert [u["allocation"] for u in data["units"]] == [4, 3, 1, 0]


def test_table_output_has_explanations_and_a_totals_row(ijsselland_csv, capsys):
    argv = [str(ijsselland_csv), "--total", "450", "--key", "population=1/2,land_area=1/2"]
    assert main([*argv, "--credit", "credit", "--window-weeks", "13"]) == 0
    out = capsys.readouterr().out
    assert "Zwartewaterland" in out
    assert "Eerdere inzet dekt het eerlijke deel al" in out
    assert "Totaal" in out
    assert "450" in out


def test_csv_output_has_a_header_and_one_row_per_unit(ijsselland_csv, capsys):
    argv = [str(ijsselland_csv), "--total", "450", "--key", "population=1", "--format", "csv"]
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("name,share,fair_part,credit,remaining,quota")
    assert len(lines) == 1 + len(IJSSELLAND)
    assert lines[1].startswith("Dalfsen,")


def _error(capsys, *argv):
    assert main([str(a) for a in argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


def test_non_numeric_cell_names_row_and_column(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("name;population\nZwolle;130668\nDeventer;veel\n")
    err = _error(capsys, path, "--total", "10")
    assert "Rij 2 (regel 3 van het bestand), kolom 'population': 'veel' is geen getal" in err


def test_negative_value_names_row_and_column_in_xlsx(tmp_path, capsys):
    workbook = Workbook()
    workbook.active.append(["name", "population"])
    workbook.active.append(["Zwolle", 130668])
    workbook.active.append(["Deventer", -5])
    path = tmp_path / "bad.xlsx"
    workbook.save(path)
    err = _error(capsys, path, "--total", "10")
    assert "Rij 2 (Excel-rij 3), kolom 'population': -5 is negatief" in err


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--total", "10", "--key", "inwoners=1"], "De kolom 'inwoners' bestaat niet"),
        (["--total", "10", "--method", "borda"], "Onbekende methode 'borda'"),
        (["--total", "10", "--key", "population=0.5,land_area=0.4"], "precies 1"),
        (["--total", "ten"], "--total moet een geheel getal"),
        (["--total", "10", "--credit", "credit"], "--credit vereist --window-weeks"),
        (["--total", "10", "--format", "xml"], "onbekend formaat 'xml'"),
        (["--total", "10"], "meerdere getallenkolommen"),
        (["--key", "population=1"], "--total"),
        (["--total", "10", "--key", "population=1", "--min", "population"], "ondergrenzen van"),
        (["--total", "10", "--bogus"], "onbekende argumenten: --bogus"),
    ],
)
def test_bad_options_exit_2_with_a_dutch_message(ijsselland_csv, capsys, argv, fragment):
    err = _error(capsys, ijsselland_csv, *argv)
    assert fragment in err
    assert err.startswith("gebruik:") or err.startswith("opvangregie distribute: fout:")


def test_missing_and_empty_files(tmp_path, capsys):
    assert "bestaat niet" in _error(capsys, tmp_path / "nope.csv", "--total", "1")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert "is leeg" in _error(capsys, empty, "--total", "1")
    header_only = tmp_path / "header.csv"
    header_only.write_text("name,population\n")
    assert "geen gegevensrijen" in _error(capsys, header_only, "--total", "1")


def test_empty_key_cell_is_reported(tmp_path, capsys):
    path = tmp_path / "gap.csv"
    path.write_text("name,population\nA,1\nB,\n")
    assert "Rij 2 (regel 3 van het bestand), kolom 'population': de cel is leeg" in _error(
        capsys, path, "--total", "3", "--key", "population=1"
    )


def test_help_is_dutch(capsys):
    with pytest.raises(SystemExit) as done:
        raise SystemExit(main(["--help"]))
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("gebruik: opvangregie distribute")
    assert "verdeelsleutel" in out


def test_the_engine_and_cli_import_without_django():
    import subprocess
    import sys

    code = (
        "import sys, opvangregie.fairshare, opvangregie.fairshare.cli; "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603
