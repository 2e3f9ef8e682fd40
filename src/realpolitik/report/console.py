"""What the command line prints: results as tables on the terminal (rich) or as JSON, and
frames written to files. The verbs in `cli.py` call these; the library returns data."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from rich.console import Console
from rich.filesize import decimal
from rich.markup import escape
from rich.table import Table

from realpolitik.output import output_kind, spreadsheet_safe

if TYPE_CHECKING:
    from realpolitik.analysis.cell import CellResult
    from realpolitik.analysis.claims import CheckResult
    from realpolitik.analysis.dependence import DependenceResult
    from realpolitik.fetch import FetchResult

WIDTH_WHEN_PIPED = 200
FOLDERS = r"(?<![\w.])/(?:[^\s:;/]+/)+"
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
if not out.is_terminal:
    out.width = WIDTH_WHEN_PIPED


def cell_text(value: object) -> str:
    """A table cell: dates as YYYY-MM-DD, fractions to three decimals, missing as blank, and
    brackets shown as written (not read as markup)."""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float | np.floating):
        return "" if np.isnan(value) else f"{value:.3f}".rstrip("0").rstrip(".")
    return "" if value is None or value is pd.NA else escape(str(value))


VERDICT_STYLES = {
    "supported": "bold green",
    "contradicted": "bold red",
    "inconclusive": "bold yellow",
}


def show_dependence(result: DependenceResult) -> None:
    """A dependence result as the verdict, its reason, the grid as a table, and the rule."""
    question = result.to_dict()["question"]
    out.print(
        f"Does {result.triangle.dependent.label} depend on {result.triangle.driver.relation}? "
        f"Expected: {question['expect']}: {question['meaning']}.",
        markup=False,
        highlight=False,
    )
    out.print(
        f"verdict: {result.verdict.upper()}", style=VERDICT_STYLES[result.verdict], markup=False
    )
    out.print(result.reason, markup=False, highlight=False)
    out.print(result.sample_note, markup=False, highlight=False)
    horizon = result.options.horizon
    table = Table(title=f"the robustness grid ({len(result.cells)} cells)")
    for col in (
        "cell",
        "sample",
        "VAR",
        "Granger p →",
        "TY p →",
        "q →",
        "q ←",
        f"response over {horizon} (band)",
        "power",
        "note",
    ):
        table.add_column(col, overflow="fold")
    for cell in result.cells:
        table.add_row(*(escape(v) for v in _grid_row(cell)))
    out.print(table)
    if len(result.origins) > 1:
        for row in result.origins:
            out.print(
                f"{row['origin']}: {row['events']:,} events ({row['first']} to {row['last']}), "
                f"driver → dependent significant in {row['forward_significant']} of "
                f"{row['cells']} cells, the reverse in {row['reverse_significant']}",
                markup=False,
                highlight=False,
            )
    for note in result.notes:
        out.print(f"note: {note}", markup=False, highlight=False)
    out.print(result.to_dict()["rule"], style="dim", markup=False, highlight=False)


def _grid_row(cell: CellResult) -> list[str]:
    """One cell of the grid as table cells."""
    if not cell.ok:
        return [cell.spec.label, "", "", "", "", "", "", "", "", f"{cell.status}: {cell.reason}"]
    response = cell.irf.get("driver_last")
    if response:
        moved = (
            f"{response.cumulative:+.2f} ({response.cumulative_lower:+.2f}, "
            f"{response.cumulative_upper:+.2f})"
        )
    else:
        moved = "model not stable" if cell.stable is False else "counts: no direction"
    power = cell.power
    return [
        cell.spec.label,
        f"{cell.sample[0]} to {cell.sample[1]} ({cell.nobs})",
        f"{cell.lags}+{cell.d_max}",
        f"{cell.granger_forward.p_f:.3g}",
        f"{cell.ty_forward.p_chi2:.3g}",
        f"{cell.q_forward:.3g}",
        f"{cell.q_reverse:.3g}",
        moved,
        f"{power.power:.0%}" + (f" (MDE {power.mde:.2f})" if power.mde else ""),
        "; ".join(cell.notes),
    ]


def shown_path(label: str) -> str:
    """A file as the store names it (its absolute path, `!member` for a zip) as a person
    reads it: relative to the current folder where that is shorter."""
    path, bang, member = label.partition("!")
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive
        return label
    return (relative if len(relative) < len(path) else path) + bang + member


FRAME_KINDS = (".csv", ".parquet", ".jsonl")


def write_frame(frame: pd.DataFrame, path: Path, raw: bool = False) -> None:
    """A frame to .csv, .parquet or .jsonl, by the suffix; CSV text cells a spreadsheet would
    run as formulas are made safe unless `raw` (see `realpolitik.output`)."""
    kind = output_kind(path, FRAME_KINDS)
    if kind == ".csv":
        (frame if raw else spreadsheet_safe(frame)).to_csv(path, index=False)
    elif kind == ".parquet":
        frame.to_parquet(path, index=False)
    else:
        dated = frame.assign(
            **{c: frame[c].dt.strftime("%Y-%m-%d") for c in frame.select_dtypes("datetime")}
        )
        dated.to_json(path, orient="records", lines=True, force_ascii=False, date_format="iso")


def show_frame(frame: pd.DataFrame, as_json: bool, title: str | None = None) -> None:
    """A frame as a table, or as JSON records; dates as YYYY-MM-DD either way."""
    if as_json:
        dated = frame.assign(
            **{c: frame[c].dt.strftime("%Y-%m-%d") for c in frame.select_dtypes("datetime")}
        )
        out.print_json(dated.to_json(orient="records", default_handler=str))
        return
    table = Table(title=title or f"{len(frame):,} rows")
    for col in frame.columns:
        table.add_column(col, justify="left" if col in ("source", "target", "measure") else "right")
    for row in frame.itertuples(index=False):
        table.add_row(*(cell_text(v) for v in row))
    out.print(table)


def show_events(events: pd.DataFrame, as_json: bool) -> None:
    """Coded events as a table (each sentence cut to 70 characters) or as JSON."""
    shown = events[["date", "date_precision", "source", "target", "cameo", "text"]].assign(
        date=pd.to_datetime(events["date"])
    )
    if not as_json:
        shown = shown.assign(text=[" ".join(t.split())[:70] for t in shown["text"]])
    show_frame(shown, as_json, title=f"{len(events):,} events")


def show_facts(
    frame: pd.DataFrame, title: str, as_json: bool, columns: list[str] | None = None
) -> None:
    """Print a facts frame as JSON records (every column), or as a table of `columns` (all
    by default) with the provenance's folders left out."""
    if as_json:
        out.print_json(frame.to_json(orient="records", date_format="iso", default_handler=str))
        return
    shown = frame[[*(columns or [c for c in frame.columns if c != "provenance"]), "provenance"]]
    shown = shown.assign(provenance=shown["provenance"].str.replace(FOLDERS, "", regex=True))
    table = Table(title=title)
    for col in shown.columns:
        table.add_column(col, overflow="fold")
    for row in shown.itertuples(index=False):
        table.add_row(*(cell_text(v) for v in row))
    out.print(table)


def show_check(result: CheckResult, evidence_shown: int = 2) -> None:
    """Checked claims as one table (claim, verdict, reason, evidence, caveats), a document
    after another, and a line per claim that could not be checked."""
    for document in result.documents:
        title = document.title or document.path
        table = Table(title=f"{title} ({document.path})", show_lines=True)
        for column, ratio in (
            ("claim", 1),
            ("verdict", 1),
            ("reason", 4),
            ("evidence", 3),
            ("caveats", 2),
        ):
            table.add_column(column, ratio=ratio, overflow="fold")
        for claim in document.claims:
            shown = [f"• {e.text} [{e.provenance}]" for e in claim.evidence[:evidence_shown]]
            if len(claim.evidence) > evidence_shown:
                shown.append(f"… and {len(claim.evidence) - evidence_shown} more (--json)")
            table.add_row(
                escape(f"{claim.id} ({claim.kind})"),
                f"[{VERDICT_STYLES[claim.verdict]}]{claim.verdict}[/]",
                escape(claim.reason),
                escape("\n".join(shown)),
                escape("\n".join(f"• {c}" for c in claim.caveats)),
            )
        out.print(table)
    counts = result.to_dict()["summary"]
    out.print(
        f"{counts['claims']} claims: {counts['supported']} supported, {counts['contradicted']} "
        f"contradicted, {counts['inconclusive']} inconclusive"
        + (f" ({counts['errors']} could not be checked)" if counts["errors"] else ""),
        markup=False,
        highlight=False,
    )
    for line in result.errors:
        err.print(f"error: {line}", markup=False, highlight=False, soft_wrap=True)


def show_fetch(result: FetchResult) -> None:
    """A fetch's summary: per outcome, the files, bytes downloaded and rows."""
    table = Table(
        title=f"GDELT {result.version}.0 from {result.start} to {result.end}: "
        f"{len(result.files):,} files"
    )
    columns = ("files", "downloaded", "read", "stored", "duplicate", "filtered", "quarantined")
    table.add_column("outcome")
    for col in columns:
        table.add_column(col, justify="right")
    for status in ("ingested", "complete", "failed"):
        files = [f for f in result.files if f.status == status]
        if not files:
            continue
        rows = [
            sum(getattr(f, f"rows_{c}") or 0 for f in files)
            for c in ("read", "stored", "duplicate", "filtered", "quarantined")
        ]
        downloaded = decimal(sum(f.bytes_downloaded for f in files))
        table.add_row(status, f"{len(files):,}", downloaded, *(f"{n:,}" for n in rows))
    out.print(table)
