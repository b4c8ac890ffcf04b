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
    if not path.exists():
        # Only its owner may enter it: it holds the database, the secret key and passwords.
        # An existing folder is left as it is (it may be one the user chose on purpose).
        path.mkdir(mode=0o700, parents=True)
        path.chmod(0o700)  # mkdir's mode is masked by the umask
    return path


# New files (the SQLite database and its -wal/-shm, uploads, backups) are for the owner only.
PRIVATE_UMASK = 0o077


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
