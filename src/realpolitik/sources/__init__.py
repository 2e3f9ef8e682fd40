"""Readers: one module per input format, each turning its format into canonical event rows.

`READERS` maps a format name to its reader; `detect_format` picks one from a file's content.
"""

from __future__ import annotations

from realpolitik.errors import InputError, UsageError
from realpolitik.sources.alliances import AtopAllianceReader, CowAllianceReader, CowIgoReader
from realpolitik.sources.base import RawFile, Reader
from realpolitik.sources.canonical import (
    CanonicalCsvReader,
    CanonicalJsonlReader,
    CanonicalParquetReader,
)
from realpolitik.sources.derived import DERIVED_OBSERVATIONS, derived_readers
from realpolitik.sources.gdelt1 import GdeltV1Reader
from realpolitik.sources.gdelt2 import GdeltV2Reader
from realpolitik.sources.icews import IcewsReader
from realpolitik.sources.idealpoints import IdealPointsReader
from realpolitik.sources.nca import NuclearAgreementReader
from realpolitik.sources.polecat import PolecatReader
from realpolitik.sources.records import RecordReader
from realpolitik.sources.sipri import SipriTradeRegisterReader
from realpolitik.sources.unsc_meetings import UnscMeetingsCsvReader, UnscMeetingsHtmlReader
from realpolitik.sources.unsc_vetoes import UnscVetoesCsvReader, UnscVetoesHtmlReader
from realpolitik.sources.unvotes import UngaIssuesReader, UngaRollCallsReader, UngaVotesReader
from realpolitik.sources.visits import UsTravelsReader, VisitsToUsReader

READERS: dict[str, type[Reader]] = {
    r.name: r
    for r in (
        GdeltV2Reader,
        GdeltV1Reader,
        IcewsReader,
        PolecatReader,
        CanonicalParquetReader,
        CanonicalCsvReader,
        CanonicalJsonlReader,
    )
}
FORMATS: tuple[str, ...] = ("auto", *READERS)

RAW_RECORD_READERS: tuple[type[RecordReader], ...] = (
    UngaRollCallsReader,
    UngaVotesReader,
    UngaIssuesReader,
    SipriTradeRegisterReader,
    UnscMeetingsHtmlReader,
    UnscMeetingsCsvReader,
    UnscVetoesHtmlReader,
    UnscVetoesCsvReader,
    IdealPointsReader,
    AtopAllianceReader,
    CowAllianceReader,
    CowIgoReader,
    NuclearAgreementReader,
    UsTravelsReader,
    VisitsToUsReader,
)
"""Readers of the raw record files (the layout of ../shared/data/raw), in loading order."""

RECORD_READERS: tuple[type[RecordReader], ...] = (
    *RAW_RECORD_READERS,
    *derived_readers((*(r.table for r in RAW_RECORD_READERS), DERIVED_OBSERVATIONS)),
)
"""Readers of structured record files, in loading order: the raw files, then the project's
exports of their tables (`<table>.csv` at the folder's root, see `sources/derived.py`)."""


def reader_for(fmt: str) -> type[Reader]:
    """The reader class of a format name."""
    try:
        return READERS[fmt]
    except KeyError:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None


def detect_format(raw: RawFile) -> str:
    """The format whose reader recognises the file's first bytes; InputError if none does."""
    head = raw.head()
    for name, reader in READERS.items():
        if reader.sniff(head) is None:
            return name
    first = head.split(b"\n", 1)[0][:80].decode("utf-8", errors="replace")
    raise InputError(
        raw.label,
        f"cannot tell the format from the content (first line starts {first!r}); "
        f"pass --format with one of {', '.join(READERS)}",
        line=1,
    )
