"""`opvangregie backup` and `restore`: an exact round trip, only into an empty target."""

import io
import json
import os
import re
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from opvangregie.accounts.models import User
from opvangregie.demo.scenario import scenario_load
from opvangregie.regions.models import Municipality

FILES = {
    "kandidaten/12/brief.pdf": b"%PDF-1.4 vertrouwelijk \x00\xff" * 100,
    "kandidaten/12/foto.jpg": os.urandom(20_000),
    "leeg.txt": b"",
}


WHOLE_SECOND = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.000(?=Z$|[+-]\d\d:\d\d$)")


def dump() -> list[str]:
    """Every row of the database, one JSON text each, in a stable order.

    Many-to-many values are a set: dumpdata writes them in the order the database returns
    them, which PostgreSQL may change when rows are written again. A time is written to the
    millisecond: "12:00:00.000Z" (some microseconds) reads back as "12:00:00Z", the same time
    as dumpdata gives it, so both are compared as the latter.
    """
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    rows = []
    for row in json.loads(out.getvalue()):
        fields = {name: sorted(value) if isinstance(value, list)
                  else WHOLE_SECOND.sub(r"\1", value) if isinstance(value, str) else value
                  for name, value in row["fields"].items()}
        rows.append(json.dumps({**row, "fields": fields}, sort_keys=True))
    return sorted(rows)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def write_uploads() -> None:
    for name, content in FILES.items():
        path = Path(settings.MEDIA_ROOT) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def empty_target() -> None:
    call_command("flush", interactive=False, verbosity=0)
    for path in sorted(Path(settings.MEDIA_ROOT).rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()


def test_a_restore_gives_back_exactly_what_was_backed_up(transactional_db, tmp_path, capsys):
    scenario_load()
    write_uploads()
    before = dump()
    backup = tmp_path / "reservekopie.tar.gz"
    call_command("backup", "-o", str(backup))
    assert "Reservekopie geschreven" in capsys.readouterr().out
    assert mode(backup) == 0o600

    empty_target()
    assert not User.objects.exists()
    call_command("restore", str(backup), "--yes")
    assert "hersteld" in capsys.readouterr().out

    after = dump()
    # Only the rows that differ, so a failure reads quickly (a diff of the whole dump does not).
    differing = sorted(set(after) ^ set(before))
    assert not differing, "\n".join(differing)
    assert after == before
    for name, content in FILES.items():
        path = Path(settings.MEDIA_ROOT) / name
        assert path.read_bytes() == content
        assert mode(path) == 0o600


def test_a_target_with_data_is_never_overwritten(db, tmp_path):
    backup = tmp_path / "reservekopie.tar.gz"
    call_command("backup", "-o", str(backup))
    User.objects.create_user("nieuw", password="x")  # noqa: S106
    before = dump()
    with pytest.raises(CommandError) as error:
        call_command("restore", str(backup), "--yes")
    assert "Er is niets hersteld: het doel bevat al gegevens" in str(error.value)
    assert "gebruikers: 1" in str(error.value)
    after = dump()
    # Only the rows that differ, so a failure reads quickly (a diff of the whole dump does not).
    differing = sorted(set(after) ^ set(before))
    assert not differing, "\n".join(differing)
    assert after == before


def test_without_a_terminal_and_without_yes_nothing_is_restored(transactional_db, tmp_path):
    backup = tmp_path / "reservekopie.tar.gz"
    call_command("backup", "-o", str(backup))
    empty_target()
    with pytest.raises(CommandError) as error:
        call_command("restore", str(backup))
    assert "bevestig met --yes" in str(error.value)
    assert not Municipality.objects.exists()


def test_an_existing_backup_file_is_not_overwritten(db, tmp_path):
    backup = tmp_path / "reservekopie.tar.gz"
    backup.write_bytes(b"ouder")
    with pytest.raises(CommandError, match="bestaat al"):
        call_command("backup", "-o", str(backup))
    assert backup.read_bytes() == b"ouder"


@pytest.mark.parametrize("content", [b"geen archief", None])
def test_a_file_that_is_not_a_backup_is_refused(db, tmp_path, content):
    path = tmp_path / "iets.tar.gz"
    if content is None:  # a tar.gz with a file that climbs out of the upload folder
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
            info = tarfile.TarInfo("uploads/../../buiten.txt")
            info.size = 1
            archive.addfile(info, io.BytesIO(b"x"))
        content = buffer.getvalue()
    path.write_bytes(content)
    with pytest.raises(CommandError, match="is geen reservekopie van Opvangregie"):
        call_command("restore", str(path), "--yes")
    assert not (tmp_path.parent / "buiten.txt").exists()


def test_uploads_are_stored_for_the_owner_only(settings, tmp_path):
    name = default_storage.save("kandidaten/1/brief.pdf", ContentFile(b"vertrouwelijk"))
    path = Path(settings.MEDIA_ROOT) / name
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700


def test_a_new_data_folder_and_its_files_are_for_the_owner_only(tmp_path):
    folder = tmp_path / "nieuw" / "data"
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    result = subprocess.run(  # noqa: S603 - the console script, as a user starts it
        [sys.executable, "-m", "opvangregie", "migrate", "--verbosity", "0"],
        env={**clean, "OPVANGREGIE_DATA_DIR": str(folder)},
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert mode(folder) == 0o700
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"opvangregie.sqlite3", "secret_key"}
    assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
