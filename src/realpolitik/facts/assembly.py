"""General Assembly facts for one actor: how it voted on resolutions named by their labels
('ES-11/1', 'A/RES/72/191', '44/41C'), from the roll calls in the store (Voeten's data as
the `unvotes` package ships it).

Unlike the Security Council tables, the roll calls list every member's vote, so a vote is
`recorded` (yes, no or abstain) or, when the roll call lists none for the actor, `absent` (it
did not vote, or was not a member then). A label the store does not hold is `not in the data`,
with the span of roll calls the store does hold, so the reader knows whether more data would
answer it.
"""

from __future__ import annotations

import re

import pandas as pd

from realpolitik.countries import is_known_code
from realpolitik.errors import UsageError
from realpolitik.store import Store

ASSEMBLY_LABEL = re.compile(
    r"^(?:A/RES/|R/|A/)?(?P<label>(?:ES-\d{1,2}/\d{1,3})|(?:\d{1,3}/\d{1,4}[A-Z]{0,2}))$"
)
"""A General Assembly resolution label, with or without its 'A/RES/' (or the data's 'R/')."""
ASSEMBLY_VOTE_COLUMNS = (
    "resolution",
    "symbol",
    "rcid",
    "date",
    "short",
    "yes",
    "no",
    "abstain",
    "vote",
    "proof",
    "provenance",
)


def assembly_label(text: object) -> str | None:
    """The bare label of a General Assembly resolution ('A/RES/ES-11/1' → 'ES-11/1'), or None
    when the text is no such label (a Security Council number is not one)."""
    match = ASSEMBLY_LABEL.match(re.sub(r"\s+", "", str(text)).upper())
    return match["label"] if match else None


def assembly_votes(store: Store, actor: str, resolutions: list[str]) -> pd.DataFrame:
    """One row per requested resolution, in the order given: the roll call on the whole
    resolution (not on an amendment or a paragraph), its date and tally in the data, the
    actor's `vote` and the `proof`, and the file lines behind them."""
    code = actor.strip().upper()
    if not is_known_code(code):
        raise UsageError(f"unknown actor code {actor!r}: use a store code such as ARM or USA")
    labels = []
    for resolution in resolutions:
        label = assembly_label(resolution)
        if label is None:
            raise UsageError(
                f"{resolution!r} is not a General Assembly resolution label "
                "(e.g. ES-11/1 or A/RES/72/191)"
            )
        labels.append(label)
    store.require_tables("unga_roll_calls", "unga_votes")
    calls = store.con.execute(
        """
        SELECT rcid, date, resolution AS symbol, short, provenance,
          regexp_replace(upper(resolution), '^(A/RES/|R/|A/)', '') AS label
        FROM unga_roll_calls
        WHERE NOT coalesce(amendment, false) AND NOT coalesce(paragraph, false)
          AND list_contains(?, regexp_replace(upper(resolution), '^(A/RES/|R/|A/)', ''))
        ORDER BY rcid
        """,
        [labels],
    ).df()
    tallies = store.con.execute(
        """
        SELECT rcid, count(*) FILTER (vote = 'yes') AS yes, count(*) FILTER (vote = 'no') AS no,
          count(*) FILTER (vote = 'abstain') AS abstain,
          any_value(vote) FILTER (code = ?) AS vote,
          any_value(provenance) FILTER (code = ?) AS vote_provenance
        FROM unga_votes WHERE list_contains(?, rcid) GROUP BY rcid
        """,
        [code, code, calls["rcid"].astype(int).tolist()],
    ).df()
    calls = calls.merge(tallies, on="rcid", how="left")
    first, last = store.con.execute("SELECT min(date), max(date) FROM unga_roll_calls").fetchone()
    rows = []
    for requested, label in zip(resolutions, labels, strict=True):
        found = calls[calls["label"] == label]
        if found.empty:
            rows.append(
                {
                    "resolution": str(requested),
                    "vote": "not in the data",
                    "proof": (
                        f"not in the data: no roll call on {label} among the General Assembly "
                        f"roll calls in the store ({first} to {last})"
                    ),
                    "provenance": f"unga_roll_calls: no roll call on {label}",
                }
            )
            continue
        call = found.iloc[-1]
        tally = f"{call.yes}-{call['no']}-{call.abstain}"
        symbol = (
            f"{call.symbol} ({str(call.date)[:10]}, roll call {call.rcid}, {tally} in the data)"
        )
        if isinstance(call.vote, str):
            vote, proof = call.vote, f"recorded: {code} voted {call.vote} on {symbol}"
            provenance = f"{call.vote_provenance}; {call.provenance}"
        else:
            vote = "absent"
            proof = (
                f"recorded: the roll call on {symbol} lists no vote of {code} (absent, or not "
                "a member then)"
            )
            provenance = call.provenance
        if len(found) > 1:
            proof += f"; {len(found)} roll calls carry this label, the last is taken"
        rows.append(
            {
                "resolution": str(requested),
                "symbol": call.symbol,
                "rcid": int(call.rcid),
                "date": call.date,
                "short": call.short,
                "yes": call.yes,
                "no": call["no"],
                "abstain": call.abstain,
                "vote": vote,
                "proof": proof,
                "provenance": provenance,
            }
        )
    frame = pd.DataFrame(rows, columns=list(ASSEMBLY_VOTE_COLUMNS))
    for column in ("rcid", "yes", "no", "abstain"):
        frame[column] = frame[column].astype("Int64")
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    return frame
