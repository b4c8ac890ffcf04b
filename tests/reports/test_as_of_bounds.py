"""export-overview and deck refuse an --as-of outside 2000–2100 and write nothing."""

import pytest
from django.core.management import CommandError, call_command


@pytest.mark.parametrize("command,suffix", [("export_overview", "xlsx"), ("deck", "pptx")])
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1999-12-31"])
def test_an_implausible_as_of_is_refused(db, tmp_path, command, suffix, day):
    out = tmp_path / f"uit.{suffix}"
    with pytest.raises(CommandError) as error:
        call_command(command, "--region", "VR04", "--as-of", day, "-o", str(out))
    assert str(error.value) == (
        f"Ongeldige peildatum '{day}': Datum moet tussen 1-1-2000 en 31-12-2100 liggen.")
    assert not out.exists()
