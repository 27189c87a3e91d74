"""Problems found in a venue folder, each naming the file, the object and the reason."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (error) or doubtful (warning) in a venue's files."""

    file: str
    where: str
    reason: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return ": ".join(part for part in (self.file, self.where, self.reason) if part)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def has_errors(problems: Iterable[Problem]) -> bool:
    """Whether any of `problems` is an error rather than a warning."""
    return any(p.is_error for p in problems)


class VenueInvalid(Exception):
    """A venue folder with at least one error; `problems` holds all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.is_error]
        lines = "\n".join(f"  {p}" for p in errors)
        super().__init__(f"the venue has {len(errors)} error(s):\n{lines}")
