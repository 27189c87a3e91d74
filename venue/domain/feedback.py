"""One-tap feedback: each participant rates a block once it has ended (1 to 5, one line).

The programme's live times say when a block ends (when the next one begins, or the day
ends); `Endings` remembers which ends have been announced, so each is asked about once.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from venue.domain.errors import Code, DomainError
from venue.domain.programme import Block, LiveProgramme

STARS = range(1, 6)
COMMENT_MAX = 280


@dataclass
class Endings:
    """Which blocks' ends have been announced; those over at start-up are history."""

    asked: set[int] = field(default_factory=set)

    def resume(self, programme: LiveProgramme, now: dt.datetime) -> None:
        self.asked = {b.index for b in ended(programme, now)}

    def due(self, programme: LiveProgramme, now: dt.datetime) -> list[Block]:
        """Blocks that have ended since the last look, each once."""
        fresh = [b for b in ended(programme, now) if b.index not in self.asked]
        self.asked.update(b.index for b in fresh)
        return fresh


def ended(programme: LiveProgramme, now: dt.datetime) -> list[Block]:
    return [b for b, end in zip(programme.blocks, programme.ends(), strict=True) if end <= now]


def rateable(programme: LiveProgramme, block: int, now: dt.datetime) -> Block:
    """The block to rate: it exists and has ended."""
    if not 0 <= block < len(programme.blocks):
        raise DomainError(Code.SLOT_UNKNOWN, "There is no such block.")
    found = programme.blocks[block]
    if programme.end_of(found) > now:
        raise DomainError(Code.FEEDBACK_NOT_ENDED, "The block has not ended yet.")
    return found


def clean_comment(raw: str) -> str:
    """One line as shown: NFC, runs of white space made one space, printable, ≤ 280."""
    line = " ".join(unicodedata.normalize("NFC", raw).split())
    if len(line) > COMMENT_MAX or not line.isprintable():
        raise DomainError(
            Code.FEEDBACK_TEXT_INVALID,
            f"A comment has at most {COMMENT_MAX} characters and no control characters.",
        )
    return line


def title_of(block: Block) -> str:
    """A block named by its slots' titles (a parallel block has several)."""
    return " / ".join(dict.fromkeys(s.title for s in block.slots))


@dataclass(frozen=True, slots=True)
class BlockResult:
    """The ratings of one block, for the organisers: how many, the mean, each star's count,
    and the comments (without names)."""

    block: int
    title: str
    count: int
    mean: float | None
    stars: tuple[int, ...]  # how many gave 1, 2, 3, 4, 5
    comments: tuple[str, ...]


def result(block: Block, ratings: Sequence[tuple[int, str]]) -> BlockResult:
    counts = tuple(sum(1 for s, _ in ratings if s == star) for star in STARS)
    mean = round(sum(s for s, _ in ratings) / len(ratings), 2) if ratings else None
    comments = tuple(c for _, c in ratings if c)
    return BlockResult(block.index, title_of(block), len(ratings), mean, counts, comments)
