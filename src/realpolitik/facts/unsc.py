"""Security Council facts for one actor: how it voted on given resolutions, as far as the
tallies prove it, and its vetoes with every source that records them.

The data hold each resolution's tally (yes-no-abstain), never the members' votes, nor which
states held the elected seats. So a vote is stated only as far as the tally proves it:

- adopted unanimously (every seat yes: 15-0-0, or 11-0-0 before 1966, or the source says
  "adopted unanimously"): every member, the permanent five included, voted yes: `proven`;
- adopted with no abstentions and every seat voting, but some no votes: a permanent member's
  no would have been a veto, so each of the five voted yes: `inferred`;
- adopted otherwise: a permanent member cast no veto, but may have abstained or not voted:
  `consistent`, with the possible votes listed;
- for an elected (non-permanent) member nothing is known: `unknown`.

The veto argument holds for substantive decisions only (Article 27(3) of the Charter);
procedural ones, such as S/RES/119 (1956) adopted 7-2-2 over French and British no votes,
cannot be vetoed, and the data do not mark them, so the inferred and consistent proofs say so.

RUS stands for the USSR too, and CHN for the China seat, which the Republic of China held
until 25 October 1971.
"""

from __future__ import annotations

import operator
from datetime import date

import pandas as pd

from realpolitik.countries import is_known_code
from realpolitik.errors import UsageError
from realpolitik.measures.indicators import existing_tables
from realpolitik.sources.unsc_meetings import council_size
from realpolitik.store import Store

PERMANENT_MEMBERS = ("CHN", "FRA", "GBR", "RUS", "USA")
CHINA_SEAT_TO_PRC = date(1971, 10, 25)
SUBSTANTIVE_CAVEAT = (
    "this assumes a substantive decision (procedural ones cannot be vetoed, "
    "and the data do not mark them)"
)
VOTE_COLUMNS = (
    "resolution",
    "symbol",
    "date",
    "meeting",
    "topic",
    "yes",
    "no",
    "abstain",
    "adopted",
    "outcome",
    "vote",
    "proof",
    "provenance",
)


def _actor_code(actor: str) -> str:
    """The actor's store code, checked; UsageError if it is not one."""
    code = actor.strip().upper()
    if not is_known_code(code):
        raise UsageError(
            f"unknown actor code {actor!r}: use a store code such as RUS, USA or CHN "
            "(ISO 3166-1 alpha-3)"
        )
    return code


def _is_true(value: object) -> bool:
    """A nullable boolean read as true only when it is known and true."""
    return bool(pd.notna(value) and value)


def _judge(row: pd.Series, code: str) -> tuple[str, str]:
    """The vote the tally proves for `code` on one adopted resolution, and why."""
    year = int(row.year)
    tally = None if pd.isna(row.yes) else (int(row.yes), int(row["no"]), int(row.abstain))
    written = f"{tally[0]}-{tally[1]}-{tally[2]}" if tally else "with no tally in the table"
    if code not in PERMANENT_MEMBERS:
        if _is_true(row.unanimous):
            return "unknown", (
                f"unknown: adopted unanimously ({written}), so every member voted yes, "
                f"but the data do not list the elected members: whether {code} sat on the "
                f"Council in {year} is not in the data"
            )
        return "unknown", (
            f"unknown: {code} is not a permanent member, and the data give only the tally "
            f"({written}), neither the members' votes nor who held the elected seats"
        )
    if _is_true(row.without_vote):
        return "adopted without a vote", (
            "consistent: adopted without a vote, so no member objected, but no vote was cast"
        )
    if _is_true(row.unanimous):
        basis = written if tally else "the table says so; it gives no tally"
        return "yes", f"proven: adopted unanimously ({basis})"
    if tally is None:
        return "yes, abstain or did not vote", (
            f"consistent: adopted, so {code} cast no veto, but the table gives no tally; "
            f"{SUBSTANTIVE_CAVEAT}"
        )
    yes, no, abstain = tally
    not_voting = council_size(year) - yes - no - abstain
    if not abstain and not_voting <= 0:
        return "yes", (
            f"inferred: adopted {written}, every seat voted and none abstained, and a no from "
            f"{code}, a permanent member, would have been a veto, so {code} voted yes; "
            f"{SUBSTANTIVE_CAVEAT}"
        )
    options = ["yes"] + ["abstain"] * bool(abstain) + ["did not vote"] * (not_voting > 0)
    gaps = [_count(abstain, "abstention")] * bool(abstain)
    gaps += [_count(not_voting, "seat") + " not voting"] * (not_voting > 0)
    return " or ".join(options), (
        f"consistent: adopted {written}, so {code} cast no veto; with {' and '.join(gaps)} "
        f"the tally cannot tell whether {code} voted yes; {SUBSTANTIVE_CAVEAT}"
    )


def _count(number: int, noun: str) -> str:
    """`1 abstention`, `2 abstentions`."""
    return f"{number} {noun}{'s' * (number != 1)}"


def resolution_votes(store: Store, actor: str, resolutions: list[int]) -> pd.DataFrame:
    """One row per requested resolution, in the order given: its symbol, date, meeting,
    topic, tally and outcome text, the `vote` of `actor` the tally proves and the `proof`
    (see the module docstring), and the file line the row came from. A resolution not in
    the store gets a row saying so. A veto the actor cast at the same meeting is named."""
    code = _actor_code(actor)
    resolutions = _resolution_numbers(resolutions)
    store.require_tables("unsc_resolutions")
    found = (
        store.con.execute(
            "SELECT * FROM unsc_resolutions WHERE list_contains(?, resolution)", [resolutions]
        )
        .df()
        .set_index("resolution", drop=False)
    )
    vetoes = _vetoes_at_meetings(store, code, found.meeting.dropna().unique().tolist())
    rows = []
    for number in resolutions:
        if number not in found.index:
            rows.append(
                {
                    "resolution": number,
                    "vote": "not in the data",
                    "proof": f"not in the data: resolution {number} is not in unsc_resolutions",
                    "provenance": f"unsc_resolutions: no row for resolution {number}",
                }
            )
            continue
        row = found.loc[number]
        vote, proof = _judge(row, code)
        if code == "CHN" and row.date < pd.Timestamp(CHINA_SEAT_TO_PRC):
            proof += "; China's seat was then held by the Republic of China"
        provenance = [row.provenance]
        for veto in vetoes.get(row.meeting, []):
            proof += f"; {code} vetoed draft {veto['draft']} at this meeting ({row.meeting})"
            provenance.append(veto["provenance"])
        rows.append(
            {**row.to_dict(), "vote": vote, "proof": proof, "provenance": "; ".join(provenance)}
        )
    frame = pd.DataFrame(rows, columns=list(VOTE_COLUMNS))
    for column in ("yes", "no", "abstain"):
        frame[column] = frame[column].astype("Int64")
    frame["adopted"] = frame["adopted"].astype("boolean")
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    return frame


def _resolution_numbers(resolutions: list[int]) -> list[int]:
    """The requested numbers as ints; UsageError unless they are positive whole numbers."""
    try:
        numbers = [operator.index(n) for n in resolutions]
    except TypeError:
        numbers = []
    if not numbers or isinstance(resolutions, str) or min(numbers) < 1:
        raise UsageError(f"resolutions must be positive resolution numbers, got {resolutions!r}")
    return numbers


def _vetoes_at_meetings(store: Store, code: str, meetings: list[str]) -> dict[str, list[dict]]:
    """The actor's vetoes at the given meetings, by meeting (empty without a veto table)."""
    if not meetings or "unsc_vetoes" not in existing_tables(store.con):
        return {}
    frame = store.con.execute(
        "SELECT meeting, draft, provenance FROM unsc_vetoes "
        "WHERE member = ? AND list_contains(?, meeting) ORDER BY draft, source DESC",
        [code, meetings],
    ).df()
    by_meeting: dict[str, list[dict]] = {}
    for record in frame.to_dict("records"):
        by_meeting.setdefault(record["meeting"], []).append(record)
    return by_meeting


def vetoes(store: Store, actor: str, on: date | None = None) -> pd.DataFrame:
    """The actor's vetoes (all, or those cast on the day `on` by any source's date), oldest
    first: date (the UN list's where it has the veto), draft, meeting, agenda, topic, the member
    as the sources name it, `sources` (how many record it), `note` (sources giving different
    dates) and the provenance of every source that records it."""
    code = _actor_code(actor)
    store.require_tables("unsc_vetoes")
    frame = store.con.execute(
        """
        SELECT coalesce(any_value(date) FILTER (source = 'unsc-vetoes-html'), min(date)) AS date,
          draft, any_value(draft_symbol) AS draft_symbol, any_value(meeting) AS meeting,
          any_value(agenda) AS agenda, any_value(topic) FILTER (topic IS NOT NULL) AS topic,
          member, string_agg(DISTINCT member_name, ' / ') AS member_name,
          count(*) AS sources,
          CASE WHEN count(DISTINCT date) > 1 THEN 'sources differ on the date: '
            || string_agg(source || ' ' || date, '; ' ORDER BY source) ELSE '' END AS note,
          string_agg(provenance, '; ' ORDER BY source DESC) AS provenance
        FROM unsc_vetoes WHERE member = ?
        GROUP BY draft, member
        HAVING ?::DATE IS NULL OR list_contains(list(date), ?::DATE)
        ORDER BY date, draft
        """,
        [code, on, on],
    ).df()
    frame["date"] = frame["date"].dt.date
    return frame


def veto_list_span(store: Store) -> tuple[date, date]:
    """The first and last day any veto list in the store records: outside them an absent veto
    says nothing."""
    store.require_tables("unsc_vetoes")
    first, last = store.con.execute("SELECT min(date), max(date) FROM unsc_vetoes").fetchone()
    return first, last
