"""Where Opvangregie keeps its local state, read from the environment.

Kept apart from settings.py so the console script and the settings agree on one data folder.
"""

import os
import secrets
from pathlib import Path


def data_dir() -> Path:
    """The folder for the SQLite database, uploads and generated local secrets.

    OPVANGREGIE_DATA_DIR wins; otherwise the per-user data folder of the XDG convention, so a
    clone can be moved or deleted without losing the database.
    """
    explicit = os.environ.get("OPVANGREGIE_DATA_DIR")
    if explicit:
        path = Path(explicit).expanduser()
    else:
        base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
        path = Path(base) / "opvangregie"
    path.mkdir(parents=True, exist_ok=True)
    return path


def is_production() -> bool:
    return os.environ.get("OPVANGREGIE_PRODUCTION", "") in {"1", "true", "yes"}


def local_secret_key(folder: Path) -> str:
    """A secret key generated once per data folder and kept there (only outside production)."""
    key_file = folder / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_urlsafe(50)
    # Created with owner-only permissions: the key signs sessions.
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key
