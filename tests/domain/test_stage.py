"""The stage's rules: what a poll may be, which ballot counts, the order of questions and hands,
and the slot a poll is kept under."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from venue.domain.errors import Code, DomainError
from venue.domain.programme import Block, Slot
from venue.domain.stage import (
    OPTIONS_MAX,
    PollSpec,
    ballot,
    hand_order,
    poll_spec,
    question_order,
    slot_of,
    tally,
)

SINGLE = PollSpec("Wer?", ("A", "B", "C"), multiple=False)
MULTIPLE = PollSpec("Wer?", ("A", "B", "C"), multiple=True)


def test_a_poll_is_trimmed_and_keeps_its_answers_in_order() -> None:
    spec = poll_spec("  Wohin?\u0020", [" Cottbus", "Görlitz "], multiple=True)
    assert spec == PollSpec("Wohin?", ("Cottbus", "Görlitz"), multiple=True)


@pytest.mark.parametrize(
    ("question", "options"),
    [
        ("", ["A", "B"]),
        ("Wer?", ["A"]),
        ("Wer?", ["A", "a"]),  # the same answer twice, whatever the case
        ("Wer?", ["A", " "]),
        ("Wer?", [str(i) for i in range(OPTIONS_MAX + 1)]),
        ("Wer\u202e?", ["A", "B"]),  # a bidi override would turn the text around
        ("x" * 201, ["A", "B"]),
        ("Wer?", ["A", "b" * 101]),
    ],
)
def test_bad_polls_are_refused(question: str, options: list[str]) -> None:
    with pytest.raises(DomainError) as refused:
        poll_spec(question, options, multiple=False)
    assert refused.value.code is Code.POLL_INVALID


def test_a_ballot_is_one_answer_or_several_distinct_ones() -> None:
    assert ballot(SINGLE, [2]) == (2,)
    assert ballot(MULTIPLE, [2, 0]) == (0, 2)
    for spec, picked in ((SINGLE, [0, 1]), (SINGLE, []), (MULTIPLE, [1, 1]), (MULTIPLE, [3])):
        with pytest.raises(DomainError) as refused:
            ballot(spec, picked)
        assert refused.value.code is Code.POLL_CHOICE_INVALID, (spec, picked)


@given(st.lists(st.lists(st.integers(0, 2), min_size=1, max_size=3, unique=True), max_size=30))
def test_a_tally_counts_each_voter_once_and_each_ticked_answer(ballots: list[list[int]]) -> None:
    votes, voters = tally(3, [(b, 1) for b in ballots])
    assert voters == len(ballots)
    assert sum(votes) == sum(len(b) for b in ballots)
    assert all(0 <= v <= voters for v in votes)


def test_a_tally_of_counted_ballots_weighs_each_by_its_count() -> None:
    assert tally(3, [((0, 2), 4), ((1,), 2)]) == ([4, 2, 4], 6)


def test_questions_most_upvoted_first_then_the_earlier_asked() -> None:
    assert question_order({5: 2, 7: 2, 9: 3}, [5, 6, 7, 9]) == [9, 5, 7, 6]


def test_hands_in_the_order_they_went_up_unseen_ones_last() -> None:
    assert hand_order({"bob": 1, "ann": 2}, ["ann", "cy", "bob"]) == ["bob", "ann", "cy"]


BERLIN = dt.timezone(dt.timedelta(hours=1))


def at(hhmm: str) -> dt.datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return dt.datetime(2021, 11, 30, hours, minutes, tzinfo=BERLIN)


def slot(guid: str, space: str, start: str, end: str) -> Slot:
    return Slot(guid, guid, at(start), at(end), space, space)


def test_a_poll_belongs_to_the_slot_running_in_its_space_delays_included() -> None:
    talks = (slot("a", "plenary", "11:00", "11:15"), slot("b", "plenary", "11:15", "11:45"))
    block = Block(0, at("11:00"), at("11:45"), talks)
    assert slot_of(block, at("11:00"), "plenary", at("11:10")) == "a"
    assert slot_of(block, at("11:00"), "plenary", at("11:20")) == "b"
    # the block started ten minutes late: at 11:20 the first talk still runs
    assert slot_of(block, at("11:10"), "plenary", at("11:20")) == "a"
    assert slot_of(block, at("11:00"), "workshop-1", at("11:20")) is None
    assert slot_of(None, None, "plenary", at("11:20")) is None
