"""Simulated triangles written by the tests: six directed dyads among RUS, IRN and USA whose
weekly warmth follows a VAR(1) with a known effect, turned into canonical events.

Each week every dyad acts `per_week` times on average (Poisson); an act is cooperative with
probability logistic(warmth) and takes a CAMEO code drawn from a cooperative or a conflictual
list, with that code's Goldstein value, on a random day of the week. Other dyads (CHN, FRA)
add background events, so normalising by all events of a period has something to divide by.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from realpolitik.cameo import goldstein, quad_class

SERIES = ("RUS→IRN", "IRN→RUS", "RUS→USA", "USA→RUS", "IRN→USA", "USA→IRN")
COOPERATIVE = ("036", "042", "043", "051", "057", "061", "071")
CONFLICTUAL = ("111", "112", "120", "130", "163", "172")
PERSISTENCE = (0.6, 0.5, 0.6, 0.5, 0.4, 0.4)


def warmth(weeks: int, effect: float, reverse: float, seed: int, noise: float = 0.8) -> np.ndarray:
    """(weeks, 6) latent warmth of the six series: a VAR(1) in which RUS→USA moves RUS→IRN a
    week later by `effect` and RUS→IRN moves RUS→USA by `reverse`."""
    rng = np.random.default_rng(seed)
    a = np.diag(PERSISTENCE)
    a[0, 2] = effect
    a[2, 0] = reverse
    burn = 100
    x = np.zeros((weeks + burn, 6))
    shocks = rng.normal(0.0, noise, size=(weeks + burn, 6))
    for t in range(1, weeks + burn):
        x[t] = a @ x[t - 1] + shocks[t]
    return x[burn:]


def var_frame(periods: pd.DatetimeIndex, effect: float, seed: int) -> pd.DataFrame:
    """The six series as a VAR(1) with A = diag(0.5, 0.4, 0.5, 0.4, 0.3, 0.3), in which
    RUS→USA moves RUS→IRN a period later by `effect`; standard normal shocks after 50 periods
    of burn-in."""
    rng = np.random.default_rng(seed)
    a = np.diag([0.5, 0.4, 0.5, 0.4, 0.3, 0.3])
    a[0, 2] = effect
    burn = 50
    y = np.zeros((len(periods) + burn, len(SERIES)))
    for t in range(1, len(y)):
        y[t] = a @ y[t - 1] + rng.standard_normal(len(SERIES))
    return pd.DataFrame(y[burn:], index=periods, columns=list(SERIES))


def triangle_events(
    weeks: int,
    effect: float,
    reverse: float = 0.0,
    seed: int = 0,
    per_week: float = 12.0,
    start: date = date(2006, 1, 2),
    origin: str = "simulated",
) -> list[dict[str, object]]:
    """Canonical event rows of a simulated triangle (see the module docstring)."""
    rng = np.random.default_rng(seed + 1_000_003)
    latent = warmth(weeks, effect, reverse, seed)
    rows: list[dict[str, object]] = []
    dyads = [s.split("→") for s in SERIES] + [["CHN", "FRA"], ["FRA", "CHN"]]
    for week in range(weeks):
        monday = start + timedelta(weeks=week)
        for d, (source, target) in enumerate(dyads):
            level = latent[week, d] if d < 6 else 0.0
            p_coop = 1 / (1 + np.exp(-level))
            for _ in range(rng.poisson(per_week)):
                codes = COOPERATIVE if rng.random() < p_coop else CONFLICTUAL
                code = str(rng.choice(codes))
                day = monday + timedelta(days=int(rng.integers(0, 7)))
                rows.append(
                    {
                        "event_id": f"{origin}:{len(rows)}",
                        "date": day.isoformat(),
                        "source": source,
                        "target": target,
                        "cameo": code,
                        "quad_class": quad_class(code),
                        "goldstein": goldstein(code),
                        "origin": origin,
                    }
                )
    return rows


def write_events(rows: list[dict[str, object]], path: Path) -> Path:
    """The rows as canonical JSON Lines, for `Store.ingest`."""
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path
