"""``opvangregie distribute`` on hostile .xlsx files: exit 2, a Dutch message, no hang."""

from __future__ import annotations

import io
import os

from openpyxl import Workbook

from opvangregie.fairshare.cli import main
from tests.bad_input import huge_number, zip_bomb


def _workbook(*rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["name", "population"])
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _run(capsys, path):
    status = main([str(path), "--total", "10"])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, capsys):
    path = tmp_path / "bom.xlsx"
    path.write_bytes(zip_bomb(_workbook(("Zwolle", 130000), ("Deventer", 101000))))
    assert path.stat().st_size < 1024 * 1024
    status, out, err = _run(capsys, path)
    assert status == 2 and out == ""
    assert "is uitgepakt groter dan 50 MB en wordt niet ingelezen" in err


def test_a_file_over_the_size_limit_is_refused(tmp_path, capsys):
    path = tmp_path / "groot.xlsx"
    path.write_bytes(b"PK\x03\x04" + os.urandom(5 * 1024 * 1024))
    status, out, err = _run(capsys, path)
    assert status == 2 and out == ""
    assert "is groter dan 5 MB" in err


def test_a_number_of_5000_digits_names_the_excel_row(tmp_path, capsys):
    path = tmp_path / "cijfers.xlsx"
    path.write_bytes(huge_number(_workbook(("Zwolle", 130000), ("Deventer", 123456789)),
                                 123456789))
    status, out, err = _run(capsys, path)
    assert status == 2 and out == ""
    assert "Excel-rij 3" in err and "te veel cijfers" in err
