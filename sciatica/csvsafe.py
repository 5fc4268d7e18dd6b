"""Spreadsheet-safe CSV cells: the one neutraliser every CSV the app writes goes through.

A spreadsheet reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some, a tab
or a carriage return) as a formula, so an exercise named ``=HYPERLINK(...)`` would become a
live link or worse when a clinician opens the export. As OWASP recommends, such a text cell
gets a leading single quote, which makes the spreadsheet show it as plain text; the csv module
quotes every cell. Numbers (so ``-3`` stays a number) and empty values are left as they are;
anything else is read as its text first, so a lazy string or an enum cannot slip through.

Write CSV with ``csvsafe.writer(stream)``: a csv writer that quotes every cell and passes every
row through ``safe_row``. ``neutralise`` and ``safe_row`` are there for anything else.
"""

import csv
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """The cell as a spreadsheet should see it: text that could start a formula is quoted."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [neutralise(value) for value in values]


class SafeWriter:
    """csv.writer with every cell quoted and every row neutralised."""

    def __init__(self, stream):
        self._writer = csv.writer(stream, quoting=csv.QUOTE_ALL)

    def writerow(self, values: Iterable[Any]):
        return self._writer.writerow(safe_row(values))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for values in rows:
            self.writerow(values)


def writer(stream) -> SafeWriter:
    return SafeWriter(stream)
