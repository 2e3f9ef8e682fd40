"""The `realpolitik` command: each verb is a thin layer over one library function.

Exit codes: 0 success, 1 bad input (the message names file, line and reason), 2 misuse, 3 the
store is held by another process or is not a store, 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from typer.core import TyperArgument, TyperCommand, TyperGroup

from realpolitik import __version__
from realpolitik.analysis.settings import (
    DEFAULT_DEDUPS,
    DEFAULT_FREQS,
    DEFAULT_MEASURES,
    DEFAULT_MIN_COVERAGE,
    DEFAULT_NORMALIZATIONS,
    CellSettings,
)
from realpolitik.errors import (
    IngestInterrupted,
    InputError,
    RealpolitikError,
    StoreUnavailable,
    UsageError,
)
from realpolitik.facts.agreement import vote_agreement
from realpolitik.facts.arms import arms_by_year, arms_deals
from realpolitik.facts.assembly import assembly_label, assembly_votes
from realpolitik.facts.unsc import PERMANENT_MEMBERS, resolution_votes, vetoes
from realpolitik.fetch import (
    DEFAULT_BASE_URL,
    FetchProgress,
    FetchResult,
    check_fetch_arguments,
    fetch_gdelt,
    missing_files,
)
from realpolitik.measures import INDICATORS
from realpolitik.measures.engines import DEFAULT_SPARK_MASTER, duckdb_tables, store_tables
from realpolitik.output import CHART_KINDS, output_kind
from realpolitik.records import Skipped, load_records
from realpolitik.report.console import (
    FRAME_KINDS,
    cell_text,
    err,
    out,
    show_check,
    show_dependence,
    show_events,
    show_facts,
    show_fetch,
    show_frame,
    shown_path,
    write_frame,
)
from realpolitik.schema import EVENT_COLUMNS
from realpolitik.selection import actor_code, actor_codes, period, unknown_actor_notes
from realpolitik.sources import FORMATS, RECORD_READERS
from realpolitik.sources.base import ReadOptions
from realpolitik.store import (
    DEFAULT_DB,
    EVENT_EXPORT_KINDS,
    IngestResult,
    Store,
    set_open_wait,
)

_METAVARS = {"str": "TEXT", "int": "INTEGER", "int range": "INTEGER", "float": "NUMBER"}


class _Argument(TyperArgument):
    """An argument shown by its name alone (Typer adds its Python type, `<str>`)."""

    def display_type_rich(self, ctx: typer.Context) -> None:
        return None


def _plain_metavars(params: list, ctx: typer.Context) -> list:
    """Options shown as `--db PATH`, `--limit INTEGER`, and flags with no placeholder (Typer
    would show `--json <bool>`, as if the flag took a value)."""
    for param in params:
        if isinstance(param, TyperArgument):
            param.__class__ = _Argument
            param.metavar = param.metavar or param.name.upper()
        elif param.is_flag:
            param.metavar = ""
        elif param.metavar is None:
            shown = param.display_type(ctx).strip("<>")
            param.metavar = _METAVARS.get(shown, shown.upper())
    return params


class _Command(TyperCommand):
    def get_params(self, ctx: typer.Context) -> list:
        return _plain_metavars(super().get_params(ctx), ctx)


class _Group(TyperGroup):
    def get_params(self, ctx: typer.Context) -> list:
        return _plain_metavars(super().get_params(ctx), ctx)


app = typer.Typer(
    name="realpolitik",
    cls=_Group,
    help="An analyst's workbench for international relations: event data in one store.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _show_version(asked: bool) -> None:
    if asked:
        out.print(f"realpolitik {__version__}", markup=False, highlight=False)
        raise typer.Exit()


@app.callback()
def common(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Say the version and exit."
        ),
    ] = False,
    wait: Annotated[
        float,
        typer.Option(
            help="Seconds to wait for a store another process is writing (default: fail at "
            "once, exit code 3).",
        ),
    ] = 0.0,
) -> None:
    """An analyst's workbench for international relations: event data in one store."""
    with _reported():
        set_open_wait(wait)


ARMS_DEAL_COLUMNS = [
    "sipri_id",
    "designation",
    "description",
    "order_year",
    "delivery_years",
    "delivered",
    "tiv_delivered",
    "order_to_delivery_years",
]
DbOption = Annotated[Path, typer.Option("--db", help="The store: a DuckDB file.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
KeepActorsOption = Annotated[
    str | None,
    typer.Option(
        "--actors",
        help="Keep only events with one of these as source or target, e.g. RUS,IRN,USA "
        "(the other rows are counted as filtered).",
    ),
]


EXIT_INPUT, EXIT_USAGE, EXIT_UNAVAILABLE, EXIT_INTERRUPTED = 1, 2, 3, 130
"""Exit codes besides 0: bad input (a file, line and reason named), misuse of the command, a
store another process holds or a file that is not a store, and Ctrl-C."""


def _fail(exc: RealpolitikError) -> typer.Exit:
    """Say what went wrong on one line; the exit code for its kind."""
    err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
    if isinstance(exc, UsageError):
        return typer.Exit(EXIT_USAGE)
    if isinstance(exc, StoreUnavailable):
        return typer.Exit(EXIT_UNAVAILABLE)
    return typer.Exit(EXIT_INPUT)


@contextmanager
def _reported() -> Iterator[None]:
    """Turn what a verb's work raises into one line and its exit code, never a traceback: our
    errors, Ctrl-C (with what an ingestion kept), and a file the system refuses."""
    try:
        yield
    except RealpolitikError as exc:
        raise _fail(exc) from None
    except KeyboardInterrupt as exc:
        said = str(exc) if isinstance(exc, IngestInterrupted) else "interrupted"
        err.print(f"error: {said}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        raise _fail(RealpolitikError(f"{where}{exc.strerror or exc}")) from None


@app.command(cls=_Command)
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Event files (plain or .zip).")],
    fmt: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(FORMATS)}.")] = "auto",
    db: DbOption = Path(DEFAULT_DB),
    quad_convention: Annotated[
        str,
        typer.Option(help="How to derive quad classes where a file has none: gdelt or icews."),
    ] = "gdelt",
    actors: KeepActorsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Read event files into the store and summarise each; a bad file keeps nothing.

    Ctrl-C stops it with nothing of the files in progress stored (exit code 130).

    Example: realpolitik ingest examples/events/gdelt2-synthetic.export.CSV --db rp.duckdb
    """
    with _reported():
        options = ReadOptions(quad_convention=quad_convention)
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        codes = _actor_codes(actors) if actors is not None else None
        with Store(db) as store:
            results = _with_progress(store, paths, fmt, options, codes, quiet=as_json)
    if as_json:
        out.print_json(
            json.dumps(
                [
                    r.as_dict()
                    if isinstance(r, IngestResult)
                    else {"file": r.path, "error": r.reason, "line": r.line}
                    for r in results
                ]
            )
        )
    else:
        for r in results:
            if isinstance(r, IngestResult):
                out.print(_summary(r), markup=False, highlight=False)
                if r.notes:
                    out.print(f"  note: {r.notes}", markup=False, highlight=False)
            else:
                err.print(f"error: {r}", markup=False, highlight=False, soft_wrap=True)
    if any(isinstance(r, InputError) for r in results):
        raise typer.Exit(1)


def _summary(outcome: IngestResult | Skipped) -> str:
    """One line on a file stored (or skipped), its path shown the short way."""
    return replace(outcome, file=shown_path(outcome.file)).summary()


def _with_progress(
    store: Store,
    paths: list[Path],
    fmt: str,
    options: ReadOptions,
    actors: list[str] | None,
    quiet: bool,
) -> list[IngestResult | InputError]:
    """Ingest files with one progress bar on a terminal: the bytes of the files opened so far
    (a file's size is known once it is opened), and how many files."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    ) as progress:
        task = progress.add_task(f"{len(paths):,} files", total=0)
        opened = [0, 0]  # files, bytes
        lock = threading.Lock()  # files are opened by the store's reading threads

        def on_file(path: Path, size: int) -> Callable[[int], None]:
            with lock:
                opened[0] += 1
                opened[1] += size
                shown = f"{opened[0]:,}/{len(paths):,} files"
                progress.update(task, total=opened[1], description=shown)
            return lambda n: progress.advance(task, n)

        return store.ingest_many(paths, fmt, options, on_file, actors)


@app.command(cls=_Command)
def ledger(
    db: DbOption = Path(DEFAULT_DB),
    missing: Annotated[
        bool,
        typer.Option(
            "--missing",
            help="Instead: the files `fetch` selected that are not complete yet, and why.",
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Show every ingested file: rows read, stored, duplicate and quarantined.

    With --missing: the files `fetch` selected that are not complete, and why; rerunning the
    fetch completes them.

    Example: realpolitik ledger --db rp.duckdb
    """
    with _reported(), Store(db, read_only=True) as store:
        frame = missing_files(store.con) if missing else store.ledger()
    if as_json:
        out.print_json(frame.to_json(orient="records", date_format="iso"))
        return
    if missing:
        _show_missing(frame, db)
        return
    table = Table(title=f"ledger of {db}")
    for col in (
        "file",
        "format",
        "rows_read",
        "rows_stored",
        "rows_duplicate",
        "rows_quarantined",
        "seconds",
    ):
        table.add_column(col, justify="left" if col in ("file", "format") else "right")
    for row in frame.itertuples():
        table.add_row(
            escape(shown_path(row.file)),
            row.format,
            f"{row.rows_read:,}",
            f"{row.rows_stored:,}",
            f"{row.rows_duplicate:,}",
            f"{row.rows_quarantined:,}",
            f"{row.seconds:.2f}",
        )
    out.print(table)


def _show_missing(frame: pd.DataFrame, db: Path) -> None:
    """The incomplete fetched files as a table, or a line saying there are none."""
    if frame.empty:
        out.print(f"every file fetched into {db} is complete", markup=False, highlight=False)
        return
    table = Table(title=f"fetched files not complete in {db}: {len(frame):,}")
    for col in ("version", "file", "reason"):
        table.add_column(col, overflow="fold")
    for row in frame.itertuples():
        table.add_row(str(row.version), escape(row.file), escape(row.reason))
    out.print(table)
    out.print(
        "rerun `realpolitik fetch gdelt` over the same period to complete them",
        markup=False,
        highlight=False,
    )


@app.command(cls=_Command)
def quarantine(
    db: DbOption = Path(DEFAULT_DB),
    file: Annotated[str | None, typer.Option(help="Only this file (as in the ledger).")] = None,
    limit: Annotated[int, typer.Option(min=0, help="Lines to print.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """Show the lines that could not be used, with the reason for each.

    Example: realpolitik quarantine --db rp.duckdb --limit 5
    """
    with _reported(), Store(db, read_only=True) as store:
        if file is not None and file not in set(store.ledger().file):
            raise UsageError(
                f"--file {file}: no such file in the ledger of {db}; `realpolitik ledger` "
                "lists the files (name them as it does)"
            )
        frame = store.quarantine(file)
    shown = frame.head(limit)
    if as_json:
        out.print_json(shown.to_json(orient="records"))
        return
    if frame.empty:
        whose = f"of {file}" if file is not None else f"in {db}"
        out.print(f"no quarantined lines {whose}", markup=False, highlight=False)
        return
    for row in shown.itertuples():
        out.print(f"{shown_path(row.file)}:{row.line}: {row.reason}", markup=False, highlight=False)
    if len(frame) > limit:
        out.print(
            f"… and {len(frame) - limit:,} more lines (--limit N prints more)",
            markup=False,
            highlight=False,
        )


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} {value!r} is not a date (YYYY-MM-DD)") from None


SourceArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="SOURCE", help="Actor code, e.g. RUS (or give --source).", show_default=False
    ),
]
TargetArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="TARGET", help="Target code, e.g. IRN (or give --target).", show_default=False
    ),
]
SourceOption = Annotated[str | None, typer.Option("--source", help="Actor code, e.g. RUS.")]
TargetOption = Annotated[str | None, typer.Option("--target", help="Target code, e.g. IRN.")]
FromOption = Annotated[
    str | None, typer.Option("--from", help="First year, month or day (YYYY[-MM[-DD]]).")
]
ToOption = Annotated[
    str | None, typer.Option("--to", help="Last year, month or day (YYYY[-MM[-DD]]).")
]
RawOption = Annotated[
    bool,
    typer.Option(
        "--raw", help="Write CSV text as it is (else cells starting with = + - @ get a ')."
    ),
]


def _dyad_codes(
    arguments: tuple[str | None, str | None], options: tuple[str | None, str | None]
) -> tuple[str | None, str | None]:
    """SOURCE and TARGET, given as arguments or as --source/--target (not both ways), as
    three-letter codes."""
    codes = []
    for argument, option, name in zip(arguments, options, ("--source", "--target"), strict=True):
        if argument is not None and option is not None and argument.upper() != option.upper():
            raise UsageError(f"{name.upper()[2:]} given twice: {argument!r} and {name} {option!r}")
        value = argument if argument is not None else option
        codes.append(actor_code(value, name) if value is not None else None)
    return codes[0], codes[1]


def _held_in(db: Path) -> Callable[[list[str]], set[str]]:
    """Which of some codes the store at `db` holds events or observations of (asked only
    for codes the country table does not know)."""
    from realpolitik.measures.series import actors_in_store

    return lambda codes: actors_in_store(duckdb_tables(db), codes)


def _notes(notes: list[str]) -> None:
    for note in notes:
        err.print(f"note: {note}", markup=False, highlight=False, soft_wrap=True)


@app.command(cls=_Command)
def events(
    source_argument: SourceArgument = None,
    target_argument: TargetArgument = None,
    db: DbOption = Path(DEFAULT_DB),
    source: SourceOption = None,
    target: TargetOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write every match to .csv, .parquet or .jsonl.")
    ] = None,
    raw: RawOption = False,
    limit: Annotated[int, typer.Option(min=0, help="Rows to print (not to --out).")] = 20,
    as_json: JsonOption = False,
) -> None:
    """List or export stored events, filtered by actors and dates.

    Example: realpolitik events RUS IRN --from 2017-01 --to 2017-06 --db rp.duckdb
    """
    with _reported():
        source, target = _dyad_codes((source_argument, target_argument), (source, target))
        start, end = period(date_from, date_to)
        if out_file is not None:
            output_kind(out_file, EVENT_EXPORT_KINDS)
        for code, option in ((source, "--source"), (target, "--target")):
            if code is not None:
                _notes(unknown_actor_notes([code], option, _held_in(db)))
        with Store(db, read_only=True) as store:
            filters = {"source": source, "target": target, "start": start, "end": end}
            if out_file is not None:
                count = store.export_events(out_file, **filters, raw=raw)
                out.print(f"wrote {count:,} events to {out_file}", markup=False, highlight=False)
                return
            frame = store.events(**filters)
    shown = frame.head(limit)
    if as_json:
        show_frame(shown[list(EVENT_COLUMNS)], as_json=True)
        return
    if frame.empty:
        out.print("no events match", markup=False, highlight=False)
        return
    table = Table(
        title=f"{len(frame):,} events" + (f" (first {limit})" if len(frame) > limit else "")
    )
    for col in ("date", "source", "target", "cameo", "quad_class", "goldstein", "event_id"):
        table.add_column(col)
    for row in shown.itertuples():
        table.add_row(
            cell_text(row.date),
            row.source,
            row.target,
            row.cameo,
            str(row.quad_class),
            f"{row.goldstein:g}",
            row.event_id,
        )
    out.print(table)


@app.command(cls=_Command)
def demo(
    db: DbOption = Path("demo.duckdb"),
    out_dir: Annotated[
        Path, typer.Option("--out", help="Folder for the report and the article's events.")
    ] = Path("out"),
    examples: Annotated[
        Path, typer.Option(help="The repository's examples folder (events, records, …).")
    ] = Path("examples"),
) -> None:
    """Tell the seed article's story on the data the repository ships, with a report.

    Builds a store of the example events and the derived real records, codes the example
    article, checks its claims and the seed's, prints the verdicts and writes the report.
    Run it from the repository's root folder (or give --examples).

    Example: realpolitik demo --db rp.duckdb --out out
    """
    from realpolitik.demo import run_demo

    with _reported():
        run = run_demo(db, out_dir, examples)
    for outcome in run.ingested:
        line = f"error: {outcome}" if isinstance(outcome, InputError) else _summary(outcome)
        out.print(line, markup=False, highlight=False)
    loaded = [o for o in run.records if isinstance(o, IngestResult)]
    out.print(
        f"records: {len(loaded)} derived tables, {sum(o.rows_stored for o in loaded):,} rows "
        f"from {examples / 'records'}",
        markup=False,
        highlight=False,
    )
    out.print(
        f"the example article: {run.article_events} events stored, its claims in "
        f"{run.article_claims}",
        markup=False,
        highlight=False,
    )
    show_check(run.check)
    for note in run.notes:
        out.print(f"note: {note}", markup=False, highlight=False)
    out.print(
        "The same checks on full data (GDELT 1.0 or ICEWS for 1995-2018, and the raw records):",
        markup=False,
        highlight=False,
    )
    for command in run.commands:
        out.print(f"  $ {command}", markup=False, highlight=False)
    out.print(f"the report: {run.report}", markup=False, highlight=False)


@app.command(cls=_Command)
def series(
    source_argument: SourceArgument = None,
    target_argument: TargetArgument = None,
    db: DbOption = Path(DEFAULT_DB),
    source: SourceOption = None,
    target: TargetOption = None,
    actors: Annotated[
        str | None,
        typer.Option(help="Instead of one dyad: all directed dyads among these, e.g. RUS,IRN,USA."),
    ] = None,
    freq: Annotated[str, typer.Option(help="day, week, month, quarter or year.")] = "month",
    measure: Annotated[
        str, typer.Option(help="Measures, comma-separated (count, goldstein, quad_net…).")
    ] = "count,goldstein",
    normalize: Annotated[str, typer.Option(help="none, total or attention.")] = "none",
    dedup: Annotated[str, typer.Option(help="none, exact, daily or root.")] = "none",
    scope: Annotated[str, typer.Option(help="state or all.")] = "all",
    origin: Annotated[
        str | None,
        typer.Option(help="Only events of these sources, e.g. gdelt2 or gdelt2,icews."),
    ] = None,
    asinh: Annotated[bool, typer.Option("--asinh", help="Apply asinh after normalising.")] = False,
    date_from: FromOption = None,
    date_to: ToOption = None,
    engine: Annotated[str, typer.Option(help="duckdb or spark.")] = "duckdb",
    spark_master: Annotated[
        str, typer.Option(help="Spark master URL for --engine spark.")
    ] = DEFAULT_SPARK_MASTER,
    long: Annotated[bool, typer.Option("--long", help="One row per measure and period.")] = False,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write to .csv, .parquet or .jsonl.")
    ] = None,
    raw: RawOption = False,
    plot: Annotated[Path | None, typer.Option(help="Draw the series to .png or .html.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Directed-dyad time series: one row per period, one column per measure.

    Example: realpolitik series RUS IRN --freq quarter --from 2016 --to 2018 --db rp.duckdb
    """
    with _reported():
        source, target = _dyad_codes((source_argument, target_argument), (source, target))
        if actors is not None:
            if source is not None or target is not None:
                raise UsageError("give one dyad (SOURCE TARGET) or --actors, not both")
            codes, pairs = actor_codes(actors, "--actors"), None
        elif source is not None and target is not None:
            if source == target:
                raise UsageError(f"SOURCE and TARGET are both {source}")
            codes, pairs = [source, target], [(source, target)]
        else:
            raise UsageError("give SOURCE TARGET, or --actors RUS,IRN,USA")
        start, end = period(date_from, date_to)
        if out_file is not None:
            output_kind(out_file, FRAME_KINDS)
        if plot is not None:
            output_kind(plot, CHART_KINDS, "--plot")
        from realpolitik.measures.series import (
            SeriesOptions,
            actors_in_store,
            store_series,
            to_long,
        )
        from realpolitik.report.charts import write_series_chart

        options = SeriesOptions(
            freq=freq.lower(),
            measures=_split(measure.lower()),
            normalize=normalize.lower(),
            dedup=dedup.lower(),
            scope=scope.lower(),
            asinh=asinh,
            start=start,
            end=end,
            origins=_split(origin.lower()) if origin else None,
        )
        tables = store_tables(db, engine.lower(), spark_master)
        held = partial(actors_in_store, tables)
        _notes(unknown_actor_notes(codes, "--actors" if pairs is None else "SOURCE/TARGET", held))
        panel = store_series(tables, options, codes, pairs)
        frame = to_long(panel) if long else panel
        if out_file is not None:
            write_frame(frame, out_file, raw)
            out.print(f"wrote {len(frame):,} rows to {out_file}", markup=False, highlight=False)
        if plot is not None:
            title = f"{source}→{target}" if pairs else f"directed dyads among {', '.join(codes)}"
            write_series_chart(panel, plot, title, list(options.measures))
            out.print(f"drew {plot}", markup=False, highlight=False)
    if out_file is None and plot is None:
        show_frame(frame, as_json)


def _split(values: str) -> tuple[str, ...]:
    """`week, month` → ('week', 'month')."""
    return tuple(v.strip() for v in values.split(",") if v.strip())


@app.command(cls=_Command)
def depends(
    dependent: Annotated[
        str, typer.Option(help="The relation said to depend, e.g. RUS-IRN (read as RUS→IRN).")
    ],
    driver: Annotated[str, typer.Option(help="The relation said to drive it, e.g. RUS-USA.")],
    db: DbOption = Path(DEFAULT_DB),
    freq: Annotated[str, typer.Option(help="Frequencies of the grid, e.g. week,month.")] = ",".join(
        DEFAULT_FREQS
    ),
    measure: Annotated[
        str,
        typer.Option(
            help="Measures of the grid: event measures (goldstein, quad_net…) or, with --freq "
            "year, record indicators (unga_agreement, idealpoint_distance, arms_tiv…)."
        ),
    ] = ",".join(DEFAULT_MEASURES),
    normalize: Annotated[str, typer.Option(help="Normalisations, e.g. none,total.")] = ",".join(
        DEFAULT_NORMALIZATIONS
    ),
    dedup: Annotated[str, typer.Option(help="De-duplications, e.g. none,daily.")] = ",".join(
        DEFAULT_DEDUPS
    ),
    origin: Annotated[
        str | None,
        typer.Option(
            help="Event sources to test, each separately (gdelt2,icews), or 'all' pooled; "
            "default: every source in the store with events among the three actors."
        ),
    ] = None,
    expect: Annotated[
        str,
        typer.Option(
            help="negative (the driver warms, the dependent cools), positive, or any direction."
        ),
    ] = CellSettings.expect,
    date_from: FromOption = None,
    date_to: ToOption = None,
    scope: Annotated[str, typer.Option(help="state or all.")] = "all",
    effect: Annotated[
        float,
        typer.Option(
            help="Effect size for power: a one-SD driver shock moving the dependent by this "
            "many SDs."
        ),
    ] = CellSettings.effect,
    horizon: Annotated[
        int, typer.Option(help="Periods over which the response is summed.")
    ] = CellSettings.horizon,
    alpha: Annotated[
        float, typer.Option(help="Significance level after adjustment.")
    ] = CellSettings.alpha,
    min_coverage: Annotated[
        float, typer.Option(help="Share of a period's days the source must cover to use it.")
    ] = DEFAULT_MIN_COVERAGE,
    bootstrap: Annotated[
        int, typer.Option(help="Bootstrap replications for the bands.")
    ] = CellSettings.bootstrap,
    power_replications: Annotated[
        int, typer.Option(help="Simulated series per effect size for power.")
    ] = CellSettings.power_replications,
    seed: Annotated[int, typer.Option(help="Seed of the bootstrap and power simulations.")] = 0,
    engine: Annotated[str, typer.Option(help="duckdb or spark.")] = "duckdb",
    spark_master: Annotated[
        str, typer.Option(help="Spark master URL for --engine spark.")
    ] = DEFAULT_SPARK_MASTER,
    plot: Annotated[Path | None, typer.Option(help="Draw the result to .png or .html.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Does one relation depend on another? VAR tests over a robustness grid, and a verdict.

    Example: realpolitik depends --dependent RUS-IRN --driver RUS-USA --freq month \\
      --measure goldstein --db rp.duckdb
    """
    from realpolitik.analysis.dependence import DependenceOptions, dependence_test

    with _reported():
        start, end = period(date_from, date_to)
        if plot is not None:
            output_kind(plot, CHART_KINDS, "--plot")
        options = DependenceOptions(
            freqs=_split(freq.lower()),
            measures=_split(measure.lower()),
            normalizations=_split(normalize.lower()),
            dedups=_split(dedup.lower()),
            origins=_split(origin.lower()) if origin else None,
            expect=expect.lower(),
            start=start,
            end=end,
            scope=scope.lower(),
            seed=seed,
            alpha=alpha,
            effect=effect,
            horizon=horizon,
            bootstrap=bootstrap,
            power_replications=power_replications,
            min_coverage=min_coverage,
        )
        tables = store_tables(db, engine.lower(), spark_master)
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            console=err,
            transient=True,
            disable=as_json or not err.is_terminal,
        ) as progress:
            task = progress.add_task("depends", total=None)

            def step(what: str, done: int, total: int) -> None:
                progress.update(task, description=what, completed=done, total=total)

            result = dependence_test(tables, dependent, driver, options, step)
        if plot is not None:
            from realpolitik.report.dependence import write_dependence_chart

            write_dependence_chart(result, plot)
    if as_json:
        out.print_json(json.dumps(result.to_dict(), default=str))
    else:
        show_dependence(result)
    if plot is not None and not as_json:
        out.print(f"drew {plot}", markup=False, highlight=False)


@app.command(cls=_Command)
def check(
    claims: Annotated[list[Path], typer.Argument(help="Claims files (YAML), e.g. claims.yaml.")],
    db: DbOption = Path(DEFAULT_DB),
    report: Annotated[
        Path | None, typer.Option(help="Write the report, one self-contained HTML file.")
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the dependence tests' simulations.")] = 0,
    engine: Annotated[str, typer.Option(help="duckdb or spark.")] = "duckdb",
    as_json: JsonOption = False,
) -> None:
    """Check an article's claims against the store: a verdict, its reason and evidence.

    Exits 1 when a claim could not be checked (the message names file, line, claim and
    field); the others are checked all the same.

    Example: realpolitik check examples/claims/seed-claims.yaml --db rp.duckdb \\
      --report report.html
    """
    from realpolitik.analysis.claims import check_claims

    with _reported():
        result = check_claims(db, claims, engine=engine.lower(), seed=seed)
        if report is not None:
            from realpolitik.report.html import write_report

            write_report(result, report)
    if as_json:
        out.print_json(json.dumps(result.to_dict(), default=str))
    else:
        show_check(result)
        if report is not None:
            out.print(f"wrote the report to {report}", markup=False, highlight=False)
    if result.errors:
        raise typer.Exit(1)


@app.command(cls=_Command)
def extract(
    articles: Annotated[list[Path], typer.Argument(help="Article text files (UTF-8).")],
    published: Annotated[str, typer.Option(help="Publication date, YYYY-MM-DD.")],
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write events to .jsonl or .csv.")
    ] = None,
    ingest_events: Annotated[
        bool, typer.Option("--ingest", help="Also store the events in --db.")
    ] = False,
    claims_file: Annotated[
        Path | None, typer.Option("--claims", help="Write the claims found to this YAML file.")
    ] = None,
    dictionaries: Annotated[
        Path | None,
        typer.Option(
            help="A PETRARCH dictionary folder (with PETR_config.ini) to add to the package's."
        ),
    ] = None,
    db: DbOption = Path(DEFAULT_DB),
    as_json: JsonOption = False,
    event_format: Annotated[
        str | None,
        typer.Option(
            "--out-format",
            help="jsonl or csv: the format of --out (else its suffix), or, without --out, "
            "the canonical rows printed instead of the table.",
        ),
    ] = None,
) -> None:
    """Code news articles into canonical events (actors, CAMEO code, date, sentence).

    A long article is coded in pieces cut at paragraph ends, with a progress bar.

    Example: realpolitik extract examples/articles/moscow-tehran-washington.txt \\
      --published 2018-06-04
    """
    from realpolitik.text.claims import (
        article_title,
        events_and_claims,
        read_article,
        write_claims,
    )
    from realpolitik.text.coder import EVENT_FORMATS, EventCoder, code_articles, write_events
    from realpolitik.text.petrarch import read_dictionaries

    with _reported():
        if ingest_events and out_file is None:
            raise UsageError("--ingest needs --out FILE.jsonl: the ledger names the file stored")
        if event_format not in (None, *EVENT_FORMATS):
            raise UsageError(
                f"--out-format {event_format!r}: use one of {', '.join(EVENT_FORMATS)}"
            )
        day = _parse_date(published, "--published")
        texts = [read_article(path) for path in articles]
        coder = (
            EventCoder.with_dictionaries(read_dictionaries(dictionaries))
            if dictionaries is not None
            else None
        )
        found = None
        with _chars_progress(sum(len(t) for t in texts), quiet=as_json) as on_chars:
            if claims_file is not None:  # one parse of each article for its events and claims
                events, found = events_and_claims(articles, day, coder, on_chars)
            else:
                events = code_articles(articles, day, coder, on_chars)
        if out_file is not None:
            write_events(events, out_file, event_format)
            out.print(f"wrote {len(events):,} events to {out_file}", markup=False)
        elif event_format is not None:
            write_events(events, sys.stdout, event_format)
            return
        if ingest_events:
            with Store(db) as store:
                out.print(_summary(store.ingest(out_file)), markup=False, highlight=False)
        if claims_file is not None and found is not None:
            write_claims(found, claims_file, article_title(articles[0]), day)
            out.print(f"wrote {len(found)} claims to {claims_file}", markup=False)
    if out_file is None and not ingest_events and claims_file is None:
        show_events(events, as_json)


records_app = typer.Typer(
    cls=_Group, help="Structured records: UN votes, vetoes, arms, alliances, visits."
)
facts_app = typer.Typer(cls=_Group, help="Answers from the records, each with its provenance.")
fetch_app = typer.Typer(
    cls=_Group, help="Download published event data into the store: verified, resumable."
)
app.add_typer(records_app, name="records")
app.add_typer(facts_app, name="facts")
app.add_typer(fetch_app, name="fetch")
DEFAULT_GDELT_CACHE = "gdelt-cache"


@fetch_app.command("gdelt", cls=_Command)
def fetch_gdelt_period(
    version: Annotated[
        int,
        typer.Option(
            "--version", help="1 (daily files since 1979) or 2 (15-minute files since 2015-02-18)."
        ),
    ],
    date_from: Annotated[
        str, typer.Option("--from", help="First year, month or day (YYYY[-MM[-DD]], UTC).")
    ],
    date_to: Annotated[
        str, typer.Option("--to", help="Last year, month or day (YYYY[-MM[-DD]], UTC).")
    ],
    actors: KeepActorsOption = None,
    cache: Annotated[
        Path, typer.Option(help="Folder for the downloaded files, kept for reruns.")
    ] = Path(DEFAULT_GDELT_CACHE),
    db: DbOption = Path(DEFAULT_DB),
    base_url: Annotated[
        str, typer.Option(help="Where to download from: GDELT, or a mirror of its paths.")
    ] = DEFAULT_BASE_URL,
    jobs: Annotated[int, typer.Option(help="Parallel downloads.")] = 4,
    as_json: JsonOption = False,
) -> None:
    """Download, verify and ingest GDELT's event files of a period.

    Each file is checked against GDELT's size and MD5 before it is ingested. A file that
    fails is recorded and does not stop the others (the command then exits 1). Rerunning the
    command completes what a failure or an interruption left; `realpolitik ledger --missing`
    lists the files not complete yet. `--actors RUS,IRN,USA` keeps only their events.

    Example: realpolitik fetch gdelt --version 2 --from 2024-03-01 --to 2024-03-01 \\
      --db rp.duckdb
    """
    with _reported():
        start, end = period(date_from, date_to)
        codes = _actor_codes(actors) if actors is not None else None
        check_fetch_arguments(version, start, end, base_url, jobs)
        with Store(db) as store:
            result = _fetch_with_progress(
                lambda on_progress: fetch_gdelt(
                    store, version, start, end, cache, base_url, codes, jobs, on_progress
                ),
                f"GDELT {version}.0",
                quiet=as_json,
            )
    if as_json:
        out.print_json(json.dumps(result.as_dict()))
    else:
        show_fetch(result)
        for failed in result.failed:
            err.print(f"error: {failed.name}: {failed.error}", markup=False, highlight=False)
        for problem in result.problems:
            err.print(f"error: {problem}", markup=False, highlight=False)
    if not result.ok:
        raise _fail(
            RealpolitikError(
                f"{len(result.failed):,} of {len(result.files):,} files not complete"
                + (
                    f" and {len(result.problems):,} list lines unreadable"
                    if result.problems
                    else ""
                )
                + f"; `realpolitik ledger --missing --db {db}` lists them, and rerunning this "
                "command completes them once the cause is gone"
            )
        )


def _actor_codes(actors: str) -> list[str]:
    """`rus, IRN` → ['RUS', 'IRN'] for --actors of ingest and fetch: known codes only (what
    the files will hold of another is not known yet)."""
    codes = actor_codes(actors, "--actors")
    unknown_actor_notes(codes, "--actors", held=None)
    return codes


def _fetch_with_progress(
    run: Callable[[Callable[[FetchProgress], None]], FetchResult], title: str, quiet: bool
) -> FetchResult:
    """Run a fetch with one progress bar on a terminal: bytes, files settled, rows stored."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[files]}"),
        TextColumn("{task.fields[rows]}"),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    ) as progress:
        task = progress.add_task(title, total=None, files="", rows="")

        def show(state: FetchProgress) -> None:
            progress.update(
                task,
                completed=state.bytes_done,
                total=state.bytes_total,
                files=f"{state.files_done:,}/{state.files_total:,} files",
                rows=f"{state.rows_stored:,} rows stored",
            )

        return run(show)


@records_app.command("load", cls=_Command)
def records_load(
    db: DbOption = Path(DEFAULT_DB),
    raw: Annotated[
        Path, typer.Option("--from", help="The raw-data folder holding the record files.")
    ] = Path("../shared/data/raw"),
    only: Annotated[
        str | None, typer.Option(help="Only these record formats, comma-separated.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Load every known record file found under --from; missing files are skipped.

    Example: realpolitik records load --from examples/records --db rp.duckdb
    """
    if not raw.is_dir():
        raise _fail(UsageError(f"{raw}: no such folder"))
    formats = tuple(only.split(",")) if only else ()
    if unknown := set(formats) - {r.name for r in RECORD_READERS}:
        known = ", ".join(r.name for r in RECORD_READERS)
        raise _fail(UsageError(f"unknown record format(s) {', '.join(sorted(unknown))}; {known}"))
    with _reported(), Store(db) as store, _file_progress("records", quiet=as_json) as on_file:
        outcomes, recomputed = load_records(store, raw, formats, on_file)
    failed = [o for o in outcomes if isinstance(o, InputError)]
    if as_json:
        out.print_json(
            json.dumps(
                {
                    "files": [_outcome_dict(o) for o in outcomes],
                    "indicators": recomputed,
                },
                default=str,
            )
        )
    else:
        for o in outcomes:
            line = f"error: {o}" if isinstance(o, InputError) else _summary(o)
            (err if isinstance(o, InputError) else out).print(line, markup=False, highlight=False)
        out.print(f"indicators recomputed: {', '.join(recomputed) or 'none'}", markup=False)
    if failed:
        raise typer.Exit(1)


@records_app.command("indicators", cls=_Command)
def records_indicators(as_json: JsonOption = False) -> None:
    """List the record-based indicators with their formulas and the tables they need.

    Example: realpolitik records indicators
    """
    rows = [
        {"indicators": list(ind.names), "formula": ind.formula, "tables": list(ind.needs)}
        for ind in INDICATORS
    ]
    if as_json:
        out.print_json(json.dumps(rows))
        return
    table = Table(title="record-based indicators (in the observations table)")
    for col in ("indicators", "formula", "tables"):
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(
            ", ".join(row["indicators"]), escape(row["formula"]), ", ".join(row["tables"])
        )
    out.print(table)


@contextmanager
def _file_progress(what: str, quiet: bool) -> Iterator[Callable[[Path, int, int], None]]:
    """A progress bar of files on a terminal (none when piped or `quiet`); yields the
    callback told of each file as it starts (its path, the files done, their total)."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} files"),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    ) as progress:
        task = progress.add_task(what, total=None)

        def on_file(path: Path, done: int, total: int) -> None:
            progress.update(task, description=f"{what}: {path.name}", completed=done, total=total)

        yield on_file


@contextmanager
def _chars_progress(total: int, quiet: bool) -> Iterator[Callable[[int], None]]:
    """A progress bar of characters coded on a terminal (none when piped or `quiet`)."""
    with Progress(
        TextColumn("coding"),
        BarColumn(),
        TextColumn("{task.completed:,}/{task.total:,} characters"),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    ) as progress:
        task = progress.add_task("coding", total=total)
        yield lambda n: progress.advance(task, n)


def _outcome_dict(outcome: IngestResult | InputError | Skipped) -> dict[str, object]:
    if isinstance(outcome, IngestResult):
        return outcome.as_dict()
    if isinstance(outcome, InputError):
        return {"file": outcome.path, "error": outcome.reason}
    return {"file": outcome.file, "skipped": outcome.reason}


def _facts(
    db: Path,
    answer: Callable[[Store], pd.DataFrame],
    title: str,
    as_json: bool,
    columns: list[str] | None = None,
    empty: str | None = None,
) -> None:
    """Answer from the store and show it; an empty answer is said in one line (`empty`, or
    that the records hold nothing for the question)."""
    with _reported(), Store(db, read_only=True) as store:
        frame = answer(store)
    if frame.empty and not as_json:
        said = empty or f"{title}: the records in {db} hold nothing for this question"
        out.print(said, markup=False, highlight=False)
        return
    show_facts(frame, title, as_json, columns)


@facts_app.command("agreement", cls=_Command)
def facts_agreement(
    dyad: Annotated[str, typer.Option(help="Two codes, e.g. RUS-IRN.")],
    db: DbOption = Path(DEFAULT_DB),
    start: Annotated[int | None, typer.Option("--from", help="First year.")] = None,
    end: Annotated[int | None, typer.Option("--to", help="Last year.")] = None,
    as_json: JsonOption = False,
) -> None:
    """UN General Assembly vote agreement of a dyad per year (share, S, kappa).

    Example: realpolitik facts agreement --dyad RUS-IRN --from 2005 --to 2010 --db rp.duckdb
    """
    _facts(
        db,
        lambda store: vote_agreement(store, dyad, start, end),
        f"UNGA vote agreement {dyad.upper()}",
        as_json,
    )


@facts_app.command("votes", cls=_Command)
def facts_votes(
    actor: Annotated[str, typer.Option(help="A UN member, e.g. RUS.")],
    resolutions: Annotated[
        str,
        typer.Option(
            help="Security Council numbers (1696,1737) or General Assembly labels (ES-10/19)."
        ),
    ],
    db: DbOption = Path(DEFAULT_DB),
    as_json: JsonOption = False,
) -> None:
    """A member's votes on UN resolutions, and what the records prove of each.

    On Security Council resolutions: what the tallies prove, and what they cannot; on General
    Assembly ones: what the roll calls record.

    Example: realpolitik facts votes --actor RUS --resolutions 1737,1747 --db rp.duckdb
    """
    asked = [r.strip() for r in resolutions.split(",") if r.strip()]
    if asked and all(assembly_label(r) for r in asked):
        _facts(
            db,
            lambda store: assembly_votes(store, actor, asked),
            f"{actor.upper()} on General Assembly resolutions",
            as_json,
            ["resolution", "date", "short", "yes", "no", "abstain", "vote", "proof"],
        )
        return
    try:
        numbers = [int(n) for n in asked]
    except ValueError:
        raise _fail(
            UsageError(
                f"--resolutions {resolutions!r} is neither a list of Security Council numbers "
                "nor one of General Assembly labels (ask for one body at a time)"
            )
        ) from None
    _facts(
        db,
        lambda store: resolution_votes(store, actor, numbers),
        f"{actor.upper()} on Security Council resolutions",
        as_json,
        ["resolution", "date", "topic", "yes", "no", "abstain", "vote", "proof"],
    )


@facts_app.command("vetoes", cls=_Command)
def facts_vetoes(
    actor: Annotated[str, typer.Option(help="A permanent member, e.g. RUS.")],
    on: Annotated[str | None, typer.Option(help="Only vetoes cast that day, YYYY-MM-DD.")] = None,
    db: DbOption = Path(DEFAULT_DB),
    as_json: JsonOption = False,
) -> None:
    """A permanent member's Security Council vetoes, with every source that records each.

    Example: realpolitik facts vetoes --actor RUS --db rp.duckdb
    """
    with _reported():
        day = _parse_date(on, "--on")
        code = actor_code(actor, "--actor")
    _facts(
        db,
        lambda store: vetoes(store, actor, day),
        f"Security Council vetoes by {code}" + (f" on {on}" if on else ""),
        as_json,
        ["date", "draft", "meeting", "agenda", "sources", "note"],
        empty=(
            f"{code} was never a permanent member of the Security Council, so it cast no "
            f"veto (the permanent members: {', '.join(PERMANENT_MEMBERS)})"
            if code not in PERMANENT_MEMBERS
            else f"no veto by {code}" + (f" on {on}" if on else "") + f" in the lists in {db}"
        ),
    )


@facts_app.command("arms", cls=_Command)
def facts_arms(
    supplier: Annotated[str, typer.Option(help="Supplier code, e.g. RUS.")],
    recipient: Annotated[str, typer.Option(help="Recipient code, e.g. IRN.")],
    db: DbOption = Path(DEFAULT_DB),
    by_year: Annotated[bool, typer.Option("--by-year", help="TIV per delivery year.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Arms transfers from the SIPRI register: deals, or TIV per delivery year.

    Example: realpolitik facts arms --supplier RUS --recipient IRN --by-year --db rp.duckdb
    """
    answer = arms_by_year if by_year else arms_deals
    what = "TIV per year" if by_year else "deals"
    columns = None if by_year else ARMS_DEAL_COLUMNS
    _facts(
        db,
        lambda store: answer(store, supplier, recipient),
        f"SIPRI arms transfers {supplier.upper()} → {recipient.upper()}: {what}",
        as_json,
        columns,
    )


def main() -> None:
    """Console entry point."""
    try:
        app()
    except RealpolitikError as exc:  # raised outside a command's own handling
        err.print(f"error: {exc}", markup=False)
        sys.exit(1)
