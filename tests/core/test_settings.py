import os
import stat
import subprocess
import sys

from opvangregie import config


def settings_in_subprocess(env: dict[str, str]) -> subprocess.CompletedProcess:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "database = settings.DATABASES['default']; "
        "print(database['ENGINE']); print(database['NAME'])"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "opvangregie.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_without_database_url_the_database_is_sqlite_in_the_data_folder(tmp_path):
    result = settings_in_subprocess({"OPVANGREGIE_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    engine, name = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert name == str(tmp_path / "opvangregie.sqlite3")


def test_a_postgres_url_selects_postgresql(tmp_path):
    result = settings_in_subprocess(
        {"OPVANGREGIE_DATA_DIR": str(tmp_path), "DATABASE_URL": "postgres://u@db.invalid:5432/regie"}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "regie"]


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = settings_in_subprocess(
        {"OPVANGREGIE_DATA_DIR": str(tmp_path), "OPVANGREGIE_PRODUCTION": "1",
         "ALLOWED_HOSTS": "regie.example.org"}
    )
    assert result.returncode != 0
    assert "SECRET_KEY is verplicht" in result.stderr


def test_a_local_secret_key_is_generated_once_and_kept_private(tmp_path):
    first = config.local_secret_key(tmp_path)
    assert config.local_secret_key(tmp_path) == first and len(first) > 40
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


def test_the_data_folder_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("OPVANGREGIE_DATA_DIR", str(tmp_path / "regie"))
    assert config.data_dir() == tmp_path / "regie"
    assert (tmp_path / "regie").is_dir()


def test_sqlite_is_set_up_for_several_writers(tmp_path):
    code = (
        "import django; django.setup(); from django.db import connection, transaction; "
        "cursor = connection.cursor(); cursor.execute('PRAGMA journal_mode'); "
        "print(cursor.fetchone()[0]); cursor.execute('PRAGMA busy_timeout'); "
        "print(cursor.fetchone()[0]); print(connection.transaction_mode)"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "opvangregie.settings",
             "OPVANGREGIE_DATA_DIR": str(tmp_path)},
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "20000", "IMMEDIATE"]
