"""What every part of the bench hands back, and how the whole run is printed and written."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class Check:
    """One target from the issue: what, the target in words, what was measured, and pass/fail."""

    what: str
    target: str
    measured: str
    passed: bool


@dataclass
class Section:
    """One table of the results (a part of the bench), its checks against targets and notes."""

    title: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def render(sections: list[Section], preamble: list[str]) -> str:
    """The whole results page: preamble (machine, versions, date), each section, then targets."""
    parts = ["# Benchmark results", "", *preamble, ""]
    for section in sections:
        parts += [f"## {section.title}", ""]
        if section.rows:
            parts += [markdown_table(section.header, section.rows), ""]
        parts += [f"- {note}" for note in section.notes]
        if section.notes:
            parts.append("")
    checks = [check for section in sections for check in section.checks]
    parts += ["## Targets", ""]
    parts.append(
        markdown_table(
            ["what", "target", "measured", "result"],
            [[c.what, c.target, c.measured, "pass" if c.passed else "FALLS SHORT"] for c in checks],
        )
    )
    passed = sum(c.passed for c in checks)
    parts += ["", f"{passed} of {len(checks)} targets pass.", ""]
    return "\n".join(parts)


def dump(sections: list[Section], path: str | Path) -> None:
    """Write a part's sections as JSON, for a part run as its own process (``--out FILE``)."""
    Path(path).write_text(json.dumps([asdict(section) for section in sections], indent=1))


def load(path: str | Path) -> list[Section]:
    """Read back what ``dump`` wrote."""
    sections = []
    for raw in json.loads(Path(path).read_text()):
        checks = [Check(**check) for check in raw.pop("checks")]
        sections.append(Section(**raw, checks=checks))
    return sections
