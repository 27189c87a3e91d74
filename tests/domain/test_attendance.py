"""The attendance ledger and the organiser's figures, without a server: time split at blocks
and quarter hours, what a person attended, groups too small to show withheld."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.clocks import on_event_day as at
from tests.conftest import SEED
from venue.domain.attendance import (
    NO_BLOCK,
    SMALLEST_GROUP,
    Ledger,
    Place,
    Row,
    Stint,
    attended,
    booth_minutes,
    bucket_of,
)
from venue.domain.attendance_figures import Count, figures
from venue.domain.programme import Delay, LiveProgramme, blocks_of
from venue.venuefile.loader import load_venue


@pytest.fixture(scope="module")
def day() -> LiveProgramme:
    return LiveProgramme(blocks_of(load_venue(SEED).programme))


def rows(ledger: Ledger) -> list[Row]:
    return [Row(stint, seconds) for stint, seconds in ledger.drain().items()]


def minutes(found: list[Row], **match: object) -> float:
    return (
        sum(r.seconds for r in found if all(getattr(r.stint, k) == v for k, v in match.items()))
        / 60
    )


def test_what_a_tick_saw_holds_until_the_next_split_at_blocks_and_quarter_hours(
    day: LiveProgramme,
) -> None:
    ledger = Ledger()
    ledger.observe(at("10:50"), {"ann": Place("lobby")}, day)
    ledger.observe(at("10:50"), {"ann": Place("plenary")}, day)  # moved: no time yet
    ledger.observe(at("11:20"), {"ann": Place("plenary")}, day)
    found = rows(ledger)
    # 10:50–11:00 before the first block, 11:00–11:20 in block 0, as two quarter hours
    assert minutes(found, block=NO_BLOCK, space="plenary") == 10
    assert minutes(found, block=0, space="plenary") == 20
    assert {r.stint.bucket for r in found} == {at("10:45"), at("11:00"), at("11:15")}
    assert minutes(found, space="lobby") == 0


def test_a_jump_across_a_block_change_splits_at_the_live_boundary(day: LiveProgramme) -> None:
    delayed = day.adjusted(Delay(1, 10), at("12:00"))  # the exhibition from 13:10
    ledger = Ledger()
    ledger.observe(at("12:50"), {"bob": Place("exhibition", "energy")}, delayed)
    ledger.observe(at("13:30"), {}, delayed)  # gone: the time up to now still counts
    ledger.observe(at("14:00"), {}, delayed)
    found = rows(ledger)
    assert minutes(found, block=0) == 20 and minutes(found, block=1) == 20
    assert minutes(found, booth="energy") == 40
    assert booth_minutes(found) == {"energy": 40}


def test_a_clock_set_back_counts_nothing_twice(day: LiveProgramme) -> None:
    ledger = Ledger()
    ledger.observe(at("11:10"), {"ann": Place("plenary")}, day)
    ledger.observe(at("11:00"), {"ann": Place("plenary")}, day)
    ledger.observe(at("11:20"), {"ann": Place("plenary")}, day)
    assert minutes(rows(ledger)) == 10


def test_a_failed_batch_goes_with_the_next_and_forgetting_drops_a_person(
    day: LiveProgramme,
) -> None:
    ledger = Ledger()
    ledger.observe(at("11:00"), {"ann": Place("plenary"), "bob": Place("plenary")}, day)
    ledger.observe(at("11:05"), {"ann": Place("plenary"), "bob": Place("plenary")}, day)
    batch = ledger.drain()
    ledger.observe(at("11:10"), {"ann": Place("plenary"), "bob": Place("plenary")}, day)
    ledger.restore(batch)
    ledger.forget("bob")
    ledger.observe(at("11:15"), {"ann": Place("plenary")}, day)
    found = rows(ledger)
    assert minutes(found, person="ann") == 15 and minutes(found, person="bob") == 0


def test_attended_names_the_blocks_and_the_space_of_a_parallel_block(day: LiveProgramme) -> None:
    def row(block: int, space: str, mins: float) -> Row:
        return Row(Stint("ann", block, bucket_of(at("11:00")), space, ""), mins * 60)

    found = attended(
        [
            row(0, "plenary", 100),
            row(0, "bar", 20),  # elsewhere during the plenary: not the plenary's minutes
            row(1, "exhibition", 0.5),  # passing through is not attending
            row(2, "workshop-1", 10),
            row(2, "workshop-2", 70),
        ],
        day.blocks,
    )
    assert [(a.block.index, a.space, a.minutes) for a in found] == [
        (0, "plenary", 100),
        (2, "workshop-2", 70),
    ]


def test_groups_under_the_threshold_are_withheld_and_nobody_is_shown(day: LiveProgramme) -> None:
    quarter = at("11:00")
    ledger_rows = [
        Row(Stint(f"p{i}", 0, quarter, "plenary", ""), 600) for i in range(SMALLEST_GROUP)
    ] + [Row(Stint(f"w{i}", 2, at("13:30"), "workshop-2", "energy"), 600) for i in range(2)]
    blocks = [(b, day.start_of(b), day.end_of(b)) for b in day.blocks]
    found = figures(ledger_rows, blocks, ["plenary", "workshop-2", "bar"], ["energy"])
    plenary = dict(found.blocks[0].spaces)["plenary"]
    assert plenary == Count(SMALLEST_GROUP, SMALLEST_GROUP * 10)
    workshops = dict(found.blocks[2].spaces)
    assert workshops["workshop-2"].withheld and workshops["workshop-2"].minutes is None
    assert workshops["workshop-1"] == Count(0, 0)
    spaces = {p.id: p for p in found.spaces}
    assert [p.at for p in spaces["plenary"].series][:2] == [quarter, at("11:15")]
    assert spaces["plenary"].series[0].count.people == SMALLEST_GROUP
    assert spaces["plenary"].series[1].count == Count(0, 0)  # gaps are nobody, shown
    assert spaces["bar"].total == Count(0, 0)
    (energy,) = found.booths
    assert energy.total.withheld
    assert all(p.count.withheld for p in energy.series if p.at == at("13:30"))


def test_quarter_hours_are_counted_from_the_full_hour() -> None:
    assert bucket_of(at("11:14")) == at("11:00")
    assert bucket_of(at("11:15")) == at("11:15")
    assert bucket_of(at("11:15") + dt.timedelta(seconds=899)) == at("11:15")
