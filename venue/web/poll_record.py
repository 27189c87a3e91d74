"""The programme's record of the stage: each closed poll and its result, by programme slot."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from venue.store.db import Store


@dataclass(frozen=True)
class Answer:
    text: str
    votes: int
    percent: int  # of the people who voted (a multiple-choice poll adds up to more than 100)


@dataclass(frozen=True)
class PollRecord:
    """A closed poll as the printed programme shows it."""

    question: str
    multiple: bool
    voters: int
    answers: list[Answer]


@dataclass(frozen=True)
class PollRecords:
    by_slot: dict[str, list[PollRecord]]
    unplanned: list[PollRecord]  # asked while no slot ran in that space


async def poll_records(store: Store) -> PollRecords:
    polls = await store.stage.closed_polls()
    counts = await store.stage.counted(polls)
    by_slot: dict[str, list[PollRecord]] = defaultdict(list)
    unplanned: list[PollRecord] = []
    for poll, (votes, voters) in zip(polls, counts, strict=True):
        answers = [
            Answer(text, n, round(100 * n / voters) if voters else 0)
            for text, n in zip(poll.options, votes, strict=True)
        ]
        record = PollRecord(poll.question, poll.multiple, voters, answers)
        (by_slot[poll.slot] if poll.slot else unplanned).append(record)
    return PollRecords(dict(by_slot), unplanned)
