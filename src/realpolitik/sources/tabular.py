"""Tab-separated files with a header row (ICEWS, POLECAT): columns are found by name, so
releases that add, drop or reorder columns still read, and a missing column is named."""

from __future__ import annotations

import codecs
from typing import ClassVar

from realpolitik.errors import InputError
from realpolitik.sources.base import Reader, quoted, text_lines_sql


def header_fields(head: bytes) -> list[str]:
    """The tab-separated names on the first line."""
    first = head.removeprefix(codecs.BOM_UTF8).split(b"\n", 1)[0].rstrip(b"\r")
    return [name.strip() for name in first.decode("utf-8", errors="replace").split("\t")]


class HeaderTsvReader(Reader):
    """A reader for a headed TSV; subclasses list `required` columns and `aliases`."""

    header_lines = 1
    required: ClassVar[tuple[str, ...]]
    aliases: ClassVar[dict[str, str]] = {}
    na_values: ClassVar[tuple[str, ...]] = ("NA",)

    @classmethod
    def sniff(cls, head: bytes) -> str | None:
        names = {cls.aliases.get(n, n) for n in header_fields(head)}
        missing = [c for c in cls.required if c not in names]
        if not missing:
            return None
        return f"the header line lacks {', '.join(missing)}"

    def prepare(self, head: bytes) -> None:
        names = [self.aliases.get(n, n) for n in header_fields(head)]
        self.width = len(names)
        self.index = {}
        for i, name in enumerate(names):
            if name in self.index:
                raise InputError(self.raw.label, f"column {name!r} appears twice in the header", 1)
            self.index[name] = i + 1

    def col(self, name: str) -> str:
        """SQL for the named column of the split row, with NA values read as ''."""
        cell = f"s.f[{self.index[name]}]" if name in self.index else "''"
        na = ", ".join(f"'{v}'" for v in self.na_values)
        return f"(CASE WHEN {cell} IN ({na}) THEN '' ELSE coalesce({cell}, '') END)"

    def rows_from(self, lines: str) -> str:
        """The FROM clause: header skipped, lines split on tabs into `s.f`."""
        return (
            "(SELECT _file, _line, _text, _bytes, string_split(_split, chr(9)) AS f "
            f"FROM {text_lines_sql(lines, self.header_lines)}) s"
        )

    def shape_reasons(self) -> list[tuple[str, str]]:
        """Reasons every headed-TSV row is checked for first: encoding, blank, field count."""
        return [
            ("s._text IS NULL", "'line is not valid UTF-8'"),
            ("s._text = ''", "'blank line'"),
            (
                f"len(s.f) <> {self.width}",
                f"'expected {self.width} tab-separated fields (as in the header), found ' "
                "|| len(s.f)",
            ),
        ]

    def required_value(self, name: str) -> tuple[str, str]:
        """A reason for an empty required column."""
        return (f"{self.col(name)} = ''", f"'{name} is empty'")

    def bad_value(self, name: str, condition: str, what: str) -> tuple[str, str]:
        """A reason for a column value failing `condition` (SQL, true when bad)."""
        return (condition, f"'{name} ' || {quoted(self.col(name))} || ' {what}'")
