"""The triangle a dependence question is about: the dependent dyad A–B, the driver dyad A–C
and the third side B–C, each relation as its two directed series."""

from __future__ import annotations

import re
from dataclasses import dataclass

from realpolitik.errors import UsageError

_CODE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Dyad:
    """A directed dyad source → target, written `RUS-IRN`."""

    source: str
    target: str

    @classmethod
    def parse(cls, text: str, option: str = "dyad") -> Dyad:
        """`RUS-IRN` (or `RUS→IRN`, any case) as a Dyad; a clear error otherwise."""
        parts = [p.strip().upper() for p in re.split(r"[-→–>]+", text.strip())]
        if len(parts) != 2 or not all(_CODE.match(p) for p in parts):
            raise UsageError(f"{option} {text!r}: write a dyad as two actor codes, e.g. RUS-IRN")
        if parts[0] == parts[1]:
            raise UsageError(f"{option} {text!r}: a dyad needs two different actors")
        return cls(parts[0], parts[1])

    @property
    def reverse(self) -> Dyad:
        return Dyad(self.target, self.source)

    @property
    def label(self) -> str:
        """The directed series: `RUS→IRN`."""
        return f"{self.source}→{self.target}"

    @property
    def relation(self) -> str:
        """The relation, both directions: `RUS–IRN`."""
        return f"{self.source}–{self.target}"

    def __str__(self) -> str:
        return f"{self.source}-{self.target}"


@dataclass(frozen=True)
class Triangle:
    """Does the dependent relation (A–B) move with, and after, the driver relation (A–C)?"""

    dependent: Dyad
    driver: Dyad

    def __post_init__(self) -> None:
        shared = {self.dependent.source, self.dependent.target} & {
            self.driver.source,
            self.driver.target,
        }
        if len(shared) != 1:
            what = "are the same relation" if len(shared) == 2 else "share no actor"
            raise UsageError(
                f"--dependent {self.dependent} and --driver {self.driver} {what}: a triangle "
                "needs two relations with one actor in common (e.g. RUS-IRN and RUS-USA)"
            )

    @property
    def shared(self) -> str:
        """The actor both relations have (A)."""
        (actor,) = {self.dependent.source, self.dependent.target} & {
            self.driver.source,
            self.driver.target,
        }
        return actor

    @property
    def actors(self) -> tuple[str, str, str]:
        """The three actors: the shared one, the dependent's other, the driver's other."""
        return self.shared, self.dependent_partner, self.driver_partner

    @property
    def dependent_partner(self) -> str:
        return self._other(self.dependent)

    @property
    def driver_partner(self) -> str:
        return self._other(self.driver)

    def _other(self, dyad: Dyad) -> str:
        return dyad.target if dyad.source == self.shared else dyad.source

    @property
    def third_side(self) -> Dyad:
        """The relation between the two actors that are not shared (B–C)."""
        return Dyad(self.dependent_partner, self.driver_partner)

    @property
    def series(self) -> tuple[Dyad, ...]:
        """The six directed series, in the model's column order: the dependent as named and
        reversed, the driver as named and reversed, the third side both ways."""
        return (
            self.dependent,
            self.dependent.reverse,
            self.driver,
            self.driver.reverse,
            self.third_side,
            self.third_side.reverse,
        )

    def role(self, dyad: Dyad) -> str:
        """`dependent`, `driver` or `third` for one of the six series."""
        if dyad in (self.dependent, self.dependent.reverse):
            return "dependent"
        if dyad in (self.driver, self.driver.reverse):
            return "driver"
        return "third"

    def to_dict(self) -> dict[str, str]:
        return {
            "dependent": str(self.dependent),
            "driver": str(self.driver),
            "third_side": str(self.third_side),
        }
