"""Who calls whom: groups, tables and booth conversations become links, capped symmetrically."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest
from hypothesis import given
from hypothesis import strategies as st

from venue.domain.calls import Gathering, SignalKind, check_signal, plan, turn_credentials
from venue.domain.errors import Code, DomainError

OFFER = "v=0\r\no=- 46 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
CANDIDATE = "candidate:842163049 1 udp 1677729535 192.0.2.7 50000 typ srflx raddr 0.0.0.0 rport 0"


def group(call: str, *members: str) -> Gathering:
    return Gathering(call, frozenset(members))


def test_everyone_in_a_group_is_linked_to_everyone_else_in_it() -> None:
    peers = plan([group("group:g1", "a", "b", "c")], {})
    assert peers == {
        "a": {"b": "group:g1", "c": "group:g1"},
        "b": {"a": "group:g1", "c": "group:g1"},
        "c": {"a": "group:g1", "b": "group:g1"},
    }


def test_busy_and_silent_people_are_not_pulled_in() -> None:
    peers = plan([group("group:g1", "a", "b", "c", "d")], {}, busy={"c"}, silent={"d"})
    assert peers == {"a": {"b": "group:g1"}, "b": {"a": "group:g1"}}


def test_a_lone_available_person_has_no_call() -> None:
    assert plan([group("group:g1", "a", "b")], {}, busy={"b"}) == {}


def test_a_booth_conversation_connects_even_when_busy_and_comes_first() -> None:
    conv = Gathering("booth:c1", frozenset({"visitor", "staff"}), booth=True)
    crowd = group("group:g1", "visitor", "x", "y")
    positions = {"x": (0, 0), "y": (1, 0), "visitor": (2, 0)}
    peers = plan([crowd, conv], positions, busy={"staff"}, max_peers=1)
    assert peers["visitor"] == {"staff": "booth:c1"} and peers["staff"] == {"visitor": "booth:c1"}
    assert peers["x"] == {"y": "group:g1"}


def test_ten_people_in_one_spot_hold_at_most_the_cap() -> None:
    people = [f"p{i}" for i in range(10)]
    peers = plan([group("group:g1", *people)], dict.fromkeys(people, (5, 5)), max_peers=6)
    # at one spot every distance ties: links go by id, so seven talk together and three
    assert {pid: len(links) for pid, links in peers.items()} == {
        **{f"p{i}": 6 for i in range(7)},
        **{f"p{i}": 2 for i in range(7, 10)},
    }
    assert set(peers["p9"]) == {"p7", "p8"}


def test_in_a_row_the_nearest_links_come_first() -> None:
    people = [f"p{i}" for i in range(10)]
    positions = {pid: (i * 10, 0) for i, pid in enumerate(people)}
    peers = plan([group("group:g1", *people)], positions, max_peers=6)
    assert all(5 <= len(links) <= 6 for links in peers.values())
    assert all(f"p{i + 1}" in peers[f"p{i}"] for i in range(9))  # neighbours always hear


@given(
    st.dictionaries(
        st.sampled_from([f"p{i}" for i in range(14)]),
        st.tuples(st.integers(0, 200), st.integers(0, 200)),
        min_size=2,
    ),
    st.integers(1, 8),
    st.sets(st.sampled_from([f"p{i}" for i in range(14)])),
)
def test_links_are_symmetric_and_capped(
    positions: dict[str, tuple[int, int]], cap: int, busy: set[str]
) -> None:
    people = sorted(positions)
    half = len(people) // 2
    gatherings = [group("group:a", *people[: half + 1]), group("group:b", *people[half:])]
    peers = plan(gatherings, positions, busy=busy, max_peers=cap)
    for pid, links in peers.items():
        assert 1 <= len(links) <= cap and pid not in busy
        for other, call in links.items():
            assert peers[other][pid] == call


def test_a_signal_goes_only_along_a_link_the_server_made() -> None:
    mine = {"b": "group:g1", "c": "booth:c1"}
    check_signal(mine, "b", "group:g1", SignalKind.OFFER, OFFER)
    check_signal(mine, "c", "booth:c1", SignalKind.CANDIDATE, CANDIDATE)
    check_signal(mine, "c", "booth:c1", SignalKind.CANDIDATE, "")  # end of candidates
    cases = [
        ("b", "group:g9", SignalKind.OFFER, OFFER, Code.CALL_UNKNOWN),
        ("x", "group:g1", SignalKind.OFFER, OFFER, Code.CALL_NOT_PEER),
        ("c", "group:g1", SignalKind.OFFER, OFFER, Code.CALL_NOT_PEER),
        ("b", "group:g1", SignalKind.ANSWER, "hello", Code.CALL_SIGNAL_INVALID),
        ("b", "group:g1", SignalKind.OFFER, OFFER + "a=x\x00\r\n", Code.CALL_SIGNAL_INVALID),
        ("b", "group:g1", SignalKind.OFFER, OFFER + "a=x\r\n" * 3000, Code.CALL_SIGNAL_INVALID),
        ("b", "group:g1", SignalKind.CANDIDATE, "candidate:1 1", Code.CALL_SIGNAL_INVALID),
    ]
    for target, call, kind, body, code in cases:
        with pytest.raises(DomainError) as refused:
            check_signal(mine, target, call, kind, body)
        assert refused.value.code is code, (target, call, kind)
    with pytest.raises(DomainError) as gone:
        check_signal({}, "b", "group:g1", SignalKind.OFFER, OFFER)
    assert gone.value.code is Code.CALL_UNKNOWN


def test_turn_credentials_follow_the_turn_rest_scheme() -> None:
    user, password = turn_credentials("s3cret", "person-1", 1_700_000_000)
    assert user == "1700000000:person-1"
    expected = hmac.new(b"s3cret", user.encode(), hashlib.sha1).digest()
    assert base64.b64decode(password) == expected


@given(
    st.sampled_from(list(SignalKind)),
    st.text(max_size=300) | st.just(OFFER) | st.just(CANDIDATE),
    st.sampled_from(["b", "x", ""]),
    st.sampled_from(["group:g1", "booth:c1", "", "group:g1\x00"]),
)
def test_any_signal_is_relayed_or_refused_with_a_code(
    kind: SignalKind, body: str, target: str, call: str
) -> None:
    try:
        check_signal({"b": "group:g1"}, target, call, kind, body)
    except DomainError as refused:
        assert refused.code in (Code.CALL_UNKNOWN, Code.CALL_NOT_PEER, Code.CALL_SIGNAL_INVALID)
    else:
        assert target == "b" and call == "group:g1"
        assert body.startswith("v=0") or body.startswith("candidate:") or body == ""
