"""The day as blocks: grouping the seed programme, delays, extensions, early starts, routing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from venue.domain.errors import DomainError
from venue.domain.programme import Delay, LiveProgramme, StartNow, blocks_of, target_for
from venue.venuefile.loader import load_venue

SEED = Path(__file__).resolve().parents[2] / "maps" / "lausitz-2021"
BERLIN = ZoneInfo("Europe/Berlin")


def at(hhmm: str) -> dt.datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return dt.datetime(2021, 11, 30, hours, minutes, tzinfo=BERLIN)


@pytest.fixture(scope="module")
def day() -> LiveProgramme:
    return LiveProgramme(blocks_of(load_venue(SEED).programme))


def test_the_seed_day_has_four_blocks(day: LiveProgramme) -> None:
    assert [b.spaces for b in day.blocks] == [
        ("plenary",),
        ("exhibition",),
        ("workshop-1", "workshop-2"),
        ("bar",),
    ]
    assert [s.astimezone(BERLIN).strftime("%H:%M") for s in day.starts()] == [
        "11:00",
        "13:00",
        "13:30",
        "15:30",
    ]
    assert day.ends()[-1] == at("16:00")
    assert day.blocks[2].parallel and not day.blocks[0].parallel


def test_current_upcoming_and_started(day: LiveProgramme) -> None:
    assert day.current(at("10:59")) is None
    assert day.upcoming(at("10:59")) is day.blocks[0]
    assert day.current(at("12:59")) is day.blocks[0]
    assert day.current(at("13:30")) is day.blocks[2]
    assert day.started(at("17:00")) is day.blocks[3] and day.current(at("17:00")) is None


def test_a_cascading_delay_shifts_every_later_transition(day: LiveProgramme) -> None:
    late = day.adjusted(Delay(block=1, minutes=10), now=at("12:40"))
    assert late.starts()[1:] == [at("13:10"), at("13:40"), at("15:40")]
    assert late.end_of(late.blocks[0]) == at("13:10")  # the plenary runs on
    assert late.current(at("13:05")) is late.blocks[0]


def test_extending_eats_into_the_next_block_only(day: LiveProgramme) -> None:
    longer = day.adjusted(Delay(block=1, minutes=10, cascade=False), now=at("12:40"))
    assert longer.starts()[1:] == [at("13:10"), at("13:30"), at("15:30")]


def test_start_now_begins_the_next_block_early(day: LiveProgramme) -> None:
    early = day.adjusted(StartNow(block=2, at=at("13:20")), now=at("13:20"))
    assert early.starts()[2] == at("13:20")
    assert early.end_of(early.blocks[1]) == at("13:20")
    assert early.starts()[3] == at("15:30")


@pytest.mark.parametrize(
    ("adjustment", "now", "code"),
    [
        (Delay(block=0, minutes=5), "11:30", "slot.past"),
        (Delay(block=1, minutes=0), "11:30", "delay.invalid"),
        (Delay(block=1, minutes=-5), "11:30", "delay.invalid"),
        (Delay(block=1, minutes=500), "11:30", "delay.invalid"),
        (Delay(block=9, minutes=5), "11:30", "slot.unknown"),
        (StartNow(block=2, at=at("13:00")), "13:05", "slot.past"),
    ],
)
def test_invalid_adjustments_are_refused(
    day: LiveProgramme, adjustment: Delay | StartNow, now: str, code: str
) -> None:
    with pytest.raises(DomainError) as info:
        day.adjusted(adjustment, now=at(now))
    assert info.value.code == code


def test_routing(day: LiveProgramme) -> None:
    plenary, _, workshops, _ = day.blocks
    room = {"workshop-1": 3, "workshop-2": 10}
    assert target_for(None, "lobby", None, room, True) == "lobby"
    assert target_for(plenary, "lobby", "workshop-2", room, True) == "plenary"
    assert target_for(workshops, "lobby", "workshop-1", room, True) == "workshop-1"
    assert target_for(workshops, "lobby", None, room, True) == "workshop-2"  # most room left
    assert target_for(workshops, "lobby", None, room, False) is None  # asked to choose


def test_nobody_is_routed_once_the_day_is_over(day: LiveProgramme) -> None:
    assert day.running(at("15:59")) is day.blocks[3]
    assert day.running(at("16:00")) is None
    assert day.running(at("10:00")) is None
