"""Staffing and contact-request rules of the exhibition, without a server."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tests.conftest import SEED
from venue.domain.booths import (
    BoothChanged,
    Booths,
    Here,
    Interval,
    Left,
    OpenChanged,
    Rang,
    RequestLimits,
    RequestState,
    Said,
    Taken,
    Visited,
    booth_at,
    booth_stats,
    clean_message,
    next_opening,
)
from venue.domain.errors import DomainError
from venue.venuefile.loader import load_venue

T0 = dt.datetime(2021, 11, 30, 12, 0, tzinfo=dt.UTC)
ENERGY = frozenset({"energy"})


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def fair() -> Booths:
    counter = itertools.count(1)
    return Booths(["energy", "strategy"], new_id=lambda: f"id{next(counter)}")


def opened(ex: Booths, *staff: str) -> Booths:
    for person in staff:
        ex.place(person, person.title(), "energy", ENERGY, T0)
    return ex


def test_an_exhibitor_in_their_booth_opens_it_and_leaving_closes_it() -> None:
    ex = fair()
    events = ex.place("eva", "Eva", "energy", ENERGY, T0)
    assert BoothChanged("energy") in events
    assert OpenChanged("energy", True, T0) in events
    assert ex.is_open("energy") and ex.staff("energy") == ["eva"]
    assert ex.place("eva", "Eva", "energy", ENERGY, at(1)) == []  # moving inside: nothing
    events = ex.place("eva", "Eva", None, ENERGY, at(60))
    assert OpenChanged("energy", False, at(60)) in events
    assert not ex.is_open("energy")


def test_an_exhibitor_in_another_booth_is_a_visitor_there() -> None:
    ex = fair()
    events = ex.place("eva", "Eva", "strategy", ENERGY, T0)
    assert not ex.is_open("strategy")
    assert Visited("strategy", "eva", True, T0) in events
    assert Here("eva", "strategy") in events


def test_two_staff_keep_a_booth_open_until_the_last_one_goes() -> None:
    ex = opened(fair(), "eva", "finn")
    events = ex.place("eva", "Eva", None, ENERGY, at(5))
    assert events[0] == BoothChanged("energy")
    assert not any(isinstance(e, OpenChanged) for e in events)
    assert ex.staff("energy") == ["finn"]


def test_checking_in_from_list_mode_staffs_only_ones_own_booth() -> None:
    ex = fair()
    ex.checkin("eva", "Eva", "energy", True, ENERGY, T0)
    assert ex.is_open("energy")
    with pytest.raises(DomainError) as err:
        ex.checkin("eva", "Eva", "strategy", True, ENERGY, T0)
    assert err.value.code == "auth.forbidden"
    with pytest.raises(DomainError) as err:
        ex.checkin("eva", "Eva", "nowhere", True, ENERGY, T0)
    assert err.value.code == "booth.unknown"
    ex.checkin("eva", "Eva", "energy", False, ENERGY, at(1))
    assert not ex.is_open("energy")


def test_a_hidden_booth_is_closed_and_takes_no_requests() -> None:
    ex = opened(fair(), "eva")
    events = ex.set_hidden("energy", True, at(1))
    assert OpenChanged("energy", False, at(1)) in events
    with pytest.raises(DomainError) as err:
        ex.request("vic", "Vic", "energy", False, at(2))
    assert err.value.code == "booth.unknown"
    assert Here("vic", None) in ex.place("vic", "Vic", "energy", frozenset(), at(3))


def test_a_request_rings_every_staff_member_present() -> None:
    ex = opened(fair(), "eva", "finn")
    request, events = ex.request("vic", "Vic", "energy", True, at(1))
    assert events == [Rang(request, ("eva", "finn"))]
    assert request.share_email and request.state is RequestState.PENDING


@pytest.mark.parametrize(
    ("visitor", "booth", "code"),
    [
        ("vic", "strategy", "booth.closed"),
        ("eva", "energy", "booth.own"),
        ("v", "x", "booth.unknown"),
    ],
)
def test_requests_that_are_refused(visitor: str, booth: str, code: str) -> None:
    ex = opened(fair(), "eva")
    with pytest.raises(DomainError) as err:
        ex.request(visitor, "V", booth, False, T0)
    assert err.value.code == code


def test_one_pending_request_per_booth_and_floods_are_limited() -> None:
    ex = Booths(["a", "b", "c", "d"], RequestLimits(per_window=3, window=60))
    for booth in "abcd":
        ex.place(f"staff-{booth}", "S", booth, {booth}, T0)
    ex.request("vic", "Vic", "a", False, T0)
    with pytest.raises(DomainError) as err:
        ex.request("vic", "Vic", "a", False, at(1))
    assert err.value.code == "booth.pending"
    ex.request("vic", "Vic", "b", False, at(2))
    ex.request("vic", "Vic", "c", False, at(3))
    with pytest.raises(DomainError) as err:
        ex.request("vic", "Vic", "d", False, at(4))
    assert err.value.code == "booth.flood"
    ex.request("vic", "Vic", "d", False, at(61))  # the window has passed


def test_the_first_accept_wins_and_the_others_hear_it_was_taken() -> None:
    ex = opened(fair(), "eva", "finn")
    request, _ = ex.request("vic", "Vic", "energy", False, at(1))
    [taken] = ex.accept("finn", request.id, ENERGY)
    assert isinstance(taken, Taken)
    assert taken.others == ("eva",)
    assert taken.conversation.visitor_id == "vic" and taken.conversation.staff_id == "finn"
    with pytest.raises(DomainError) as err:
        ex.accept("eva", request.id, ENERGY)
    assert err.value.code == "booth.taken"
    assert list(ex.conversations) == [taken.conversation.id]


def test_only_staff_of_the_booth_may_accept() -> None:
    ex = opened(fair(), "eva")
    request, _ = ex.request("vic", "Vic", "energy", False, at(1))
    with pytest.raises(DomainError) as err:
        ex.accept("sam", request.id, frozenset({"strategy"}))
    assert err.value.code == "auth.forbidden"
    with pytest.raises(DomainError) as err:
        ex.accept("eva", "nope", ENERGY)
    assert err.value.code == "booth.request_unknown"


def test_a_visitor_leaving_before_an_answer_withdraws_the_request() -> None:
    ex = opened(fair(), "eva")
    request, _ = ex.request("vic", "Vic", "energy", False, at(1))
    events = ex.leave("vic", at(2))
    assert [type(e).__name__ for e in events] == ["Withdrawn"]
    with pytest.raises(DomainError) as err:
        ex.accept("eva", request.id, ENERGY)
    assert err.value.code == "booth.withdrawn"


def test_only_the_two_people_talk_in_a_conversation_and_it_ends_when_one_leaves() -> None:
    ex = opened(fair(), "eva")
    request, _ = ex.request("vic", "Vic", "energy", False, at(1))
    [taken] = ex.accept("eva", request.id, ENERGY)
    assert isinstance(taken, Taken)
    conv = taken.conversation
    [said] = ex.say("vic", conv.id, "  Hallo!  ", at(2))
    assert said == Said(conv, "vic", "Hallo!", at(2))
    with pytest.raises(DomainError) as err:
        ex.say("mallory", conv.id, "hi", at(3))
    assert err.value.code == "conversation.unknown"
    events = ex.leave("eva", at(4))
    assert Left(conv, "eva") in events
    assert OpenChanged("energy", False, at(4)) in events


@pytest.mark.parametrize("text", ["", "   ", "\x00\x07", "x" * 1001])
def test_bad_messages_are_refused(text: str) -> None:
    with pytest.raises(DomainError) as err:
        clean_message(text)
    assert err.value.code == "booth.text_invalid"


def test_next_opening_is_the_first_staffed_block_not_over() -> None:
    starts = [at(0), at(3600), at(7200)]
    ends = [at(1800), at(5400), at(9000)]
    assert next_opening({0, 2}, starts, ends, at(2000)) == at(7200)
    assert next_opening({1, 2}, starts, ends, at(4000)) == at(3600)  # running now
    assert next_opening({0}, starts, ends, at(2000)) is None
    assert next_opening(set(), starts, ends, T0) is None
    assert next_opening({7}, starts, ends, T0) is None  # a block the programme lost


def test_booth_stats_count_unique_visitors_time_requests_and_open_hours() -> None:
    visits = [
        ("vic", Interval(at(0), at(60))),
        ("vic", Interval(at(100), at(130))),
        ("ann", Interval(at(200), None)),
    ]
    stats = booth_stats("energy", visits, [True, False, True], [Interval(at(0), at(3600))], at(260))
    assert (stats.visitors, stats.seconds_visited) == (2, 150)
    assert (stats.answered, stats.missed, stats.seconds_open) == (2, 1, 3600)


def test_booth_at_finds_the_seed_booths_by_their_areas() -> None:
    venue = load_venue(SEED)
    for booth in venue.booths.values():
        area = venue.spaces[booth.space].map.area(booth.area)
        assert area is not None
        x, y = area.rect.center
        assert booth_at(venue, booth.space, x, y) == booth.id
    assert booth_at(venue, "lobby", 10, 10) is None
