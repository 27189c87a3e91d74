"""When blocks end, what can be rated, and the results, without a server."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from venue.domain.errors import DomainError
from venue.domain.feedback import COMMENT_MAX, Endings, clean_comment, rateable, result
from venue.domain.programme import Delay, LiveProgramme, Programme, Slot, blocks_of

DAY = dt.datetime(2021, 11, 30, tzinfo=dt.UTC)


def at(hour: int, minute: int = 0) -> dt.datetime:
    return DAY.replace(hour=hour, minute=minute)


def programme() -> LiveProgramme:
    slots = (
        Slot("a", "Auftakt", at(11), at(12), "Plenar", "plenary"),
        Slot("b", "Pause", at(12), at(12, 30), "Halle", "exhibition"),
        Slot("c", "Bar", at(12, 30), at(13), "Bar", "bar"),
    )
    return LiveProgramme(blocks_of(Programme(slots)))


def test_each_end_is_announced_once_and_ends_before_a_restart_are_history() -> None:
    live = programme()
    endings = Endings()
    assert endings.due(live, at(11, 59)) == []
    assert [b.index for b in endings.due(live, at(12))] == [0]
    assert endings.due(live, at(12, 1)) == []
    assert [b.index for b in endings.due(live, at(13, 5))] == [1, 2]  # a clock that jumped
    restarted = Endings()
    restarted.resume(live, at(12, 10))
    assert [b.index for b in restarted.due(live, at(12, 30))] == [1]


def test_a_delay_moves_the_end_and_with_it_what_can_be_rated() -> None:
    live = programme()
    delayed = live.adjusted(Delay(1, 10), at(11, 30))  # the break begins ten minutes later
    assert rateable(live, 0, at(12)).index == 0
    with pytest.raises(DomainError) as running:
        rateable(delayed, 0, at(12, 5))
    assert running.value.code == "feedback.not_ended"
    assert Endings().due(delayed, at(12, 5)) == []
    with pytest.raises(DomainError) as unknown:
        rateable(live, 3, at(14))
    assert unknown.value.code == "slot.unknown"


def test_results_count_average_and_keep_comments_without_names() -> None:
    block = programme().blocks[0]
    outcome = result(block, [(5, "Super"), (4, ""), (2, "Zu lang")])
    assert (outcome.count, outcome.mean, outcome.stars) == (3, 3.67, (0, 1, 0, 1, 1))
    assert outcome.comments == ("Super", "Zu lang") and outcome.title == "Auftakt"
    assert result(block, []).mean is None


@given(st.text(max_size=400))
def test_a_comment_is_one_printable_line_or_refused(raw: str) -> None:
    try:
        line = clean_comment(raw)
    except DomainError as exc:
        assert exc.code == "feedback.text_invalid"
        return
    assert len(line) <= COMMENT_MAX and line.isprintable() and line == line.strip()
    assert "\n" not in line and "  " not in line
