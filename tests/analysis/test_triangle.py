"""Dyads and triangles: parsing, the shared actor, the third side and the six series."""

from __future__ import annotations

import pytest

from realpolitik.analysis.triangle import Dyad, Triangle
from realpolitik.errors import UsageError


@pytest.mark.parametrize("text", ["RUS-IRN", "rus-irn", " RUS - IRN ", "RUS→IRN", "RUS->IRN"])
def test_dyads_are_read_in_several_spellings(text: str) -> None:
    assert Dyad.parse(text) == Dyad("RUS", "IRN")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("RUS", "two actor codes"),
        ("RUSSIA-IRAN", "two actor codes"),
        ("RUS-IRN-USA", "two actor codes"),
        ("RUS-RUS", "two different actors"),
    ],
)
def test_bad_dyads_are_refused_with_the_option_named(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=f"--dependent {text!r}.*{message}"):
        Dyad.parse(text, "--dependent")


def test_a_triangle_has_a_shared_actor_a_third_side_and_six_series() -> None:
    triangle = Triangle(Dyad.parse("RUS-IRN"), Dyad.parse("USA-RUS"))
    assert triangle.shared == "RUS"
    assert triangle.actors == ("RUS", "IRN", "USA")
    assert triangle.third_side == Dyad("IRN", "USA")
    assert [d.label for d in triangle.series] == [
        "RUS→IRN",
        "IRN→RUS",
        "USA→RUS",
        "RUS→USA",
        "IRN→USA",
        "USA→IRN",
    ]
    assert [triangle.role(d) for d in triangle.series] == [
        "dependent",
        "dependent",
        "driver",
        "driver",
        "third",
        "third",
    ]
    assert triangle.dependent.relation == "RUS–IRN"


@pytest.mark.parametrize(
    ("dependent", "driver", "message"),
    [("RUS-IRN", "USA-CHN", "share no actor"), ("RUS-IRN", "IRN-RUS", "same relation")],
)
def test_two_relations_that_are_no_triangle_are_refused(
    dependent: str, driver: str, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        Triangle(Dyad.parse(dependent), Dyad.parse(driver))
