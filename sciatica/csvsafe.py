"""Spreadsheet-safe CSV cells.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by Excel, LibreOffice and Google Sheets, so a name like ``=HYPERLINK(...)`` becomes a live
link. As OWASP recommends, such a text cell is written with a leading single quote, which the
spreadsheet shows as plain text. Numbers (int, float, Decimal) are left alone, so ``-3`` stays a
number; every other value goes through ``str`` first. Use ``neutralise_row`` on every row any
CSV writer in the app writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """One cell: a number or None unchanged, text that could be a formula quoted."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def neutralise_row(row: Iterable[object]) -> list[object]:
    return [neutralise(value) for value in row]
