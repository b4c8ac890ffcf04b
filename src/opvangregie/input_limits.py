"""Bounds on what users may enter, shared by the web app and the Django-free command lines.

No Django here: `opvangregie distribute` and `opvangregie rota` must run without it, and the
web upload, the CBS import and every form use the same numbers so that one file or one date
is accepted or refused the same way everywhere. The messages are Dutch (the product language);
Django code passes them through gettext.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

# Dates before 2000 or after 2100 are typing mistakes (0001-01-01, 9999-12-31) in this domain.
DATE_MIN = date(2000, 1, 1)
DATE_MAX = date(2100, 12, 31)
DATE_RANGE_MESSAGE = "Datum moet tussen 1-1-2000 en 31-12-2100 liggen."

MAX_XLSX_FILE_SIZE = 5 * 1024 * 1024  # bytes, as uploaded or on disk
MAX_XLSX_UNPACKED_SIZE = 50 * 1024 * 1024  # bytes inside the zip: refuses "zip bombs"
# Python refuses to turn longer digit strings into an int (CVE-2020-10735); no count is longer.
MAX_NUMBER_DIGITS = 30


def is_plausible_date(value: date | datetime) -> bool:
    day = value.date() if isinstance(value, datetime) else value
    return DATE_MIN <= day <= DATE_MAX


class XlsxLimitError(ValueError):
    """An .xlsx file refused before it is opened; `kind` tells which check refused it."""

    def __init__(self, kind: str):
        self.kind = kind
        super().__init__(kind)


def check_xlsx_archive(data: bytes) -> None:
    """Refuse a file that is too large, not a zip, or unpacks to more than the limit.

    The sizes in the zip's directory are what `zipfile` decompresses at most, so summing them
    bounds the work before openpyxl reads anything.
    """
    if len(data) > MAX_XLSX_FILE_SIZE:
        raise XlsxLimitError("too_large")
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise XlsxLimitError("not_xlsx")
    try:
        with zipfile.ZipFile(buffer) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise XlsxLimitError("not_xlsx") from exc
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise XlsxLimitError("not_xlsx")
    if unpacked > MAX_XLSX_UNPACKED_SIZE:
        raise XlsxLimitError("unpacked_too_large")


def read_limited(path: Path) -> bytes:
    """The file's bytes, reading at most one byte more than the size limit."""
    with open(path, "rb") as handle:
        return handle.read(MAX_XLSX_FILE_SIZE + 1)
