"""Hostile .xlsx files made in the test: a zip bomb and cells Python cannot convert."""

import io
import zipfile

SHEET = "xl/worksheets/sheet1.xml"


def rewrite_xlsx(data: bytes, *, member: str = SHEET, old: bytes = b"", new: bytes = b"",
                 padding: int = 0) -> bytes:
    """The workbook with `old` replaced by `new` in one member, and `padding` bytes of
    whitespace before its closing `</sheetData>` (a sheet that compresses extremely well)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename != member:
                dst.writestr(info.filename, content)
                continue
            content = content.replace(old, new) if old else content
            head, tail = content.split(b"</sheetData>", 1)
            with dst.open(info.filename, "w", force_zip64=True) as handle:
                handle.write(head)
                chunk = b" " * (1024 * 1024)
                for _ in range(padding // len(chunk)):
                    handle.write(chunk)
                handle.write(b"</sheetData>" + tail)
    return out.getvalue()


def zip_bomb(data: bytes, *, unpacked_mb: int = 60) -> bytes:
    """A small file (tens of KB) that unpacks to `unpacked_mb` MB."""
    return rewrite_xlsx(data, padding=unpacked_mb * 1024 * 1024)


def huge_number(data: bytes, placeholder: int, digits: int = 5000) -> bytes:
    """The numeric cell `placeholder` replaced by a number of `digits` digits."""
    return rewrite_xlsx(data, old=f"<v>{placeholder}</v>".encode(),
                        new=b"<v>" + b"9" * digits + b"</v>")
