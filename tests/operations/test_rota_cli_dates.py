"""``opvangregie rota`` refuses dates outside 2000–2100 (exit 2, nothing on stdout)."""

import pytest

from opvangregie.operations.rota_cli import main


@pytest.mark.parametrize("option", ["--start", "--end"])
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "31-12-1999"])
def test_an_implausible_start_or_end_is_refused(tmp_path, capsys, option, day):
    path = tmp_path / "deelnemers.csv"
    path.write_text("name,weight\nZwolle,2\nDeventer,1\n", encoding="utf-8")
    dates = {"--start": "2022-06-01", "--end": "2022-06-30", option: day}
    status = main(["--participants", str(path), "--start", dates["--start"], "--end",
                   dates["--end"], "--parallel", "1"])
    captured = capsys.readouterr()
    assert status == 2 and captured.out == ""
    assert f"{option}: '{day}': Datum moet tussen 1-1-2000 en 31-12-2100 liggen." in captured.err


def test_the_rota_cli_and_the_shared_limits_import_without_django():
    import subprocess
    import sys

    code = (
        "import sys, opvangregie.operations.rota_cli, opvangregie.input_limits; "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603
