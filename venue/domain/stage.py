"""The stage of the plenary and the workshops: polls, the question queue, the raised hands.

Pure rules: what a poll may look like, which ballot counts, the order questions and hands
are taken in, and which programme slot a poll belongs to (so that it is kept in the record
of that slot). The live stage (`venue.live.stage`) holds the state and the store keeps it.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from venue.domain.errors import Code, DomainError
from venue.domain.programme import Block

QUESTION_MAX = 200  # characters of a poll's question
OPTION_MAX = 100  # characters of one answer
OPTIONS_MIN, OPTIONS_MAX = 2, 8
POLLS_SHOWN = 5  # the latest polls of a space that its stage shows
QUESTIONS_SHOWN = 50  # the open questions of a space that its stage shows


class QueueAction(StrEnum):
    """What a moderator does with a question: take it now, mark it answered, or hide it."""

    NEXT = "next"
    ANSWERED = "answered"
    HIDE = "hide"


@dataclass(frozen=True, slots=True)
class PollSpec:
    """A poll as a moderator asked it: the question, 2–8 distinct answers, one or several."""

    question: str
    options: tuple[str, ...]
    multiple: bool


def poll_spec(question: str, options: Sequence[str], multiple: bool) -> PollSpec:
    """A poll whose texts are trimmed and printable and whose answers differ; else refused."""
    text = _line(question, QUESTION_MAX, "question")
    answers = tuple(_line(o, OPTION_MAX, "answer") for o in options)
    if not OPTIONS_MIN <= len(answers) <= OPTIONS_MAX:
        raise DomainError(Code.POLL_INVALID, f"A poll has {OPTIONS_MIN} to {OPTIONS_MAX} answers.")
    if len({a.casefold() for a in answers}) != len(answers):
        raise DomainError(Code.POLL_INVALID, "Two answers of the poll are the same.")
    return PollSpec(text, answers, multiple)


def _line(raw: str, limit: int, what: str) -> str:
    """One line of text: NFC, trimmed, 1..limit characters, no control or format characters."""
    text = unicodedata.normalize("NFC", raw).strip()
    if not 1 <= len(text) <= limit:
        raise DomainError(Code.POLL_INVALID, f"A poll's {what} has 1 to {limit} characters.")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text):
        raise DomainError(Code.POLL_INVALID, f"A poll's {what} has a control character.")
    return text


def ballot(spec: PollSpec, choices: Iterable[int]) -> tuple[int, ...]:
    """The answers one ticks, sorted: one for a single-choice poll, one or more distinct
    ones for a multiple-choice poll, each an answer's index."""
    picked = sorted(choices)
    if not picked or len(set(picked)) != len(picked):
        raise DomainError(Code.POLL_CHOICE_INVALID, "Tick each answer at most once.")
    if not spec.multiple and len(picked) != 1:
        raise DomainError(Code.POLL_CHOICE_INVALID, "This poll takes exactly one answer.")
    if picked[0] < 0 or picked[-1] >= len(spec.options):
        raise DomainError(Code.POLL_CHOICE_INVALID, "The poll has no such answer.")
    return tuple(picked)


def tally(options: int, ballots: Iterable[tuple[Sequence[int], int]]) -> tuple[list[int], int]:
    """Votes per answer, and how many people voted, from each different ballot and how many
    cast it (a multiple-choice ballot counts once among the voters)."""
    counts = [0] * options
    voters = 0
    for picked, cast in ballots:
        voters += cast
        for index in picked:
            if 0 <= index < options:
                counts[index] += cast
    return counts, voters


def slot_of(
    block: Block | None, block_start: dt.datetime | None, space: str, now: dt.datetime
) -> str | None:
    """The guid of the slot running in `space` at `now` (the block at its live start), if any.

    Slots of a block keep their planned offsets when a delay moves the block."""
    if block is None or block_start is None:
        return None
    elapsed = now - block_start
    current: str | None = None
    for slot in block.slots:
        if slot.space == space and slot.start - block.start <= elapsed:
            current = slot.guid
    return current


def question_order(votes: Mapping[int, int], ids: Iterable[int]) -> list[int]:
    """Questions most upvoted first, the earlier asked first among equals."""
    return sorted(ids, key=lambda qid: (-votes.get(qid, 0), qid))


def hand_order(raised: Mapping[str, int], hands: Iterable[str]) -> list[str]:
    """Raised hands in the order they went up (a hand seen without a turn goes last)."""
    return sorted(hands, key=lambda pid: (raised.get(pid, 1 << 62), pid))
