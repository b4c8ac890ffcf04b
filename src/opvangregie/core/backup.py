"""Backup and restore of the database and the uploaded files, as one .tar.gz file.

The database goes in as Django's JSON fixture format (`dumpdata`), not as a copy of the SQLite
file or a pg_dump: a backup made on SQLite can be restored on PostgreSQL and the other way
round. Every row keeps its primary key, including content types and permissions, so a restore
gives exactly the same data back (`dumpdata` before == `dumpdata` after).

Consistent while the server runs: all tables are read inside one transaction, which on SQLite
reads one snapshot (WAL) or keeps writers out until it ends (rollback journal), and on
PostgreSQL runs as REPEATABLE READ, READ ONLY. The uploads are copied after the database, so
every file a row refers to is there.

A restore writes no audit event: it gives back the audit log as it was, unchanged.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "opvangregie-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATA = "database.json"
UPLOADS = "uploads"
# Rows that `migrate` itself writes into a new database; they do not make a target "in use".
CREATED_BY_MIGRATE = ("contenttypes.ContentType", "auth.Permission", "core.FiguresRevision")
# Written again after the load: the load's save signals give it a new token (core.cache).
REWRITTEN_AFTER_LOAD = ("core.figuresrevision", "core.regionrevision",
                        "core.municipalityrevision")


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is Dutch."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    rows: int
    files: int


def _private_file(path: Path):
    """A new file only its owner can read, also when the process umask is wider."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    return os.fdopen(fd, "wb")


def _upload_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _model_counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def _applied_migrations() -> list[list[str]]:
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted([app, name] for app, name in applied)


def backup_create(*, output: Path) -> BackupSummary:
    """Write the database and the uploads to `output` (a new file, 0600)."""
    output = Path(output)
    if output.exists():
        raise BackupError(_("Het bestand %(path)s bestaat al; kies een nieuwe naam.")
                          % {"path": output})
    if not output.parent.is_dir():
        raise BackupError(_("De map %(path)s bestaat niet.") % {"path": output.parent})
    with tempfile.TemporaryDirectory(prefix="opvangregie-backup-") as work:
        data_path = Path(work) / DATA
        # Inside a caller's transaction (tests) the isolation level is the caller's.
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            counts = _model_counts()
            call_command("dumpdata", output=str(data_path), verbosity=0)
            migrations = _applied_migrations()
        media_root = Path(settings.MEDIA_ROOT)
        # Streamed from disk, never all in memory: the upload folder may be large.
        files = {path.relative_to(media_root).as_posix(): path
                 for path in _upload_files(media_root)}
        hashes = {name: _sha256(path) for name, path in files.items()}
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connection.vendor,
            "counts": counts,
            "migrations": migrations,
            "uploads": hashes,
        }
        partial = output.with_name(f".{output.name}.deel")
        try:
            with _private_file(partial) as handle, \
                    tarfile.open(fileobj=handle, mode="w:gz") as archive:
                _add(archive, MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode())
                archive.add(data_path, arcname=DATA, recursive=False, filter=_owner_only)
                for name, path in files.items():
                    archive.add(path, arcname=f"{UPLOADS}/{name}", recursive=False,
                                filter=_owner_only)
            partial.replace(output)
        finally:
            partial.unlink(missing_ok=True)
    return BackupSummary(path=output, rows=sum(counts.values()), files=len(files))


def _copy_hashing(source, out=None) -> str:
    """SHA-256 of what `source` holds, copied to `out` on the way, in chunks."""
    digest = hashlib.sha256()
    while chunk := source.read(1024 * 1024):
        digest.update(chunk)
        if out is not None:
            out.write(chunk)
    return digest.hexdigest()


def _sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return _copy_hashing(handle)


def _owner_only(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
    return info


def _add(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mode = 0o600
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


# --- restore ------------------------------------------------------------------------------------


@dataclass
class Backup:
    manifest: dict
    data: bytes
    uploads: dict[str, Path]  # name in the upload folder -> the file unpacked in `work`


def backup_read(path: Path, *, work: Path) -> Backup:
    """Read and check a backup file, unpacking its uploads into the folder `work`.

    BackupError with a Dutch message when it is not a backup or is damaged.
    """
    not_a_backup = _("%(path)s is geen reservekopie van Opvangregie.") % {"path": path}
    if not Path(path).is_file():
        raise BackupError(_("Het bestand %(path)s bestaat niet.") % {"path": path})
    manifest, data, uploads, hashes = None, None, {}, {}
    try:
        with tarfile.open(path, mode="r:gz") as archive:
            for number, member in enumerate(archive):
                name = PurePosixPath(member.name)
                if not member.isfile() or name.is_absolute() or ".." in name.parts:
                    raise BackupError(not_a_backup)
                source = archive.extractfile(member)
                if member.name == MANIFEST:
                    manifest = json.loads(source.read())
                elif member.name == DATA:
                    data = source.read()
                elif name.parts[0] == UPLOADS and len(name.parts) > 1:
                    unpacked = Path(work) / str(number)  # no name from the archive on disk
                    with _private_file(unpacked) as out:
                        digest = _copy_hashing(source, out)
                    upload = PurePosixPath(*name.parts[1:]).as_posix()
                    uploads[upload], hashes[upload] = unpacked, digest
                else:
                    raise BackupError(not_a_backup)
    except (tarfile.TarError, OSError, EOFError, ValueError):
        raise BackupError(not_a_backup) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or data is None:
        raise BackupError(not_a_backup)
    if manifest.get("version") != VERSION:
        raise BackupError(_("Deze reservekopie heeft versie %(v)s; deze Opvangregie leest alleen "
                            "versie %(ok)s.") % {"v": manifest.get("version"), "ok": VERSION})
    if hashes != manifest.get("uploads", {}):
        raise BackupError(_("De reservekopie is beschadigd: de geüploade bestanden kloppen niet "
                            "met de inhoudsopgave."))
    return Backup(manifest=manifest, data=data, uploads=uploads)


def target_in_use() -> list[str]:
    """What the target database and upload folder already hold (empty list: none)."""
    found = []
    tables = set(connection.introspection.table_names())
    for model in apps.get_models():
        meta = model._meta
        if (not meta.managed or meta.proxy or meta.label in CREATED_BY_MIGRATE
                or meta.db_table not in tables):
            continue
        count = model._base_manager.count()
        if count:
            found.append(f"{meta.verbose_name_plural}: {count}")
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir() and any(media_root.iterdir()):
        found.append(_("bestanden in %(path)s") % {"path": media_root})
    return found


def target_description() -> str:
    db = settings.DATABASES["default"]
    return _("database %(vendor)s %(name)s en uploadmap %(media)s") % {
        "vendor": connection.vendor, "name": db.get("NAME"), "media": settings.MEDIA_ROOT}


def _migrate_to(applied: list[list[str]]) -> None:
    """Bring a new database to the schema the backup was made with (or refuse)."""
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    unknown = [f"{app}.{name}" for app, name in applied if (app, name) not in graph.nodes]
    if unknown:
        raise BackupError(_("Deze reservekopie is gemaakt met een nieuwere versie van "
                            "Opvangregie (onbekende migraties: %(names)s). Installeer eerst die "
                            "versie.") % {"names": ", ".join(unknown[:5])})
    applied_set = {tuple(pair) for pair in applied}
    targets = [
        node for node in applied_set
        if not any(child in applied_set for child in graph.node_map[node].children
                   if child[0] == node[0])
    ]
    executor.migrate(targets)


def backup_restore(backup: Backup) -> dict[str, int]:
    """Load a backup into an empty or new database and upload folder; returns the counts."""
    in_use = target_in_use()
    if in_use:
        raise BackupError(_("Er is niets hersteld: het doel bevat al gegevens (%(what)s). "
                            "Herstel alleen in een lege of nieuwe database en datamap.")
                          % {"what": "; ".join(in_use[:5])})
    _migrate_to(backup.manifest.get("migrations", []))
    objects = json.loads(backup.data)
    rewritten = [o for o in objects if o.get("model") in REWRITTEN_AFTER_LOAD]
    with tempfile.TemporaryDirectory(prefix="opvangregie-restore-") as work:
        fixture, again = Path(work) / "database.json", Path(work) / "again.json"
        fixture.write_bytes(backup.data)
        again.write_text(json.dumps(rewritten))
        with transaction.atomic():
            # migrate wrote its own content types and permissions; the backup's keep their keys.
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            call_command("loaddata", str(fixture), verbosity=0)
            if rewritten:
                call_command("loaddata", str(again), verbosity=0)
            counts = _model_counts()
            expected = backup.manifest.get("counts", {})
            wrong = [label for label, n in expected.items() if counts.get(label, 0) != n]
            if wrong:
                raise BackupError(_("Er is niets hersteld: na het inlezen klopt het aantal rijen "
                                    "niet voor %(models)s.") % {"models": ", ".join(wrong[:5])})
    call_command("migrate", interactive=False, verbosity=0)
    media_root = Path(settings.MEDIA_ROOT)
    written = []
    try:
        for name, unpacked in sorted(backup.uploads.items()):
            target = media_root / name
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            written.append(target)
            with _private_file(target) as handle, open(unpacked, "rb") as source:
                shutil.copyfileobj(source, handle)
    except OSError as error:
        for path in written:
            path.unlink(missing_ok=True)
        raise BackupError(_("De bestanden konden niet worden teruggezet in %(path)s: "
                            "%(error)s") % {"path": media_root, "error": error.strerror}) from None
    ContentType.objects.clear_cache()  # the backup's keys replaced those migrate made
    cache.clear()
    return counts
