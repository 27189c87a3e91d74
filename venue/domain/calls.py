"""Calls: who connects audio and video to whom, decided from what the venue already knows.

A nearby group or a table's group is a call among its members; an accepted booth
conversation is a call between the visitor and the staff member. Nobody in a silent area
and nobody `busy` is pulled into a group's call (a booth conversation was accepted on
purpose, so it connects whatever the status). Every person holds at most `max_peers` links:

**The cap rule.** Candidate links are taken booth conversations first, then by distance
(nearest first, ties by the two ids); a link is kept only while *both* ends still have
room. The rule is symmetric, so both ends always agree on whether they are linked, and in
a crowd everyone talks to their nearest neighbours.

Signals between browsers (offers, answers, ICE candidates) are checked here too: the
server relays one only along a link it made, and only if it looks like what a browser sends.
"""

from __future__ import annotations

import base64
import hmac
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from hashlib import sha1
from itertools import combinations

from venue.domain.errors import Code, DomainError

DEFAULT_MAX_PEERS = 6
SDP_MAX = 12_000  # characters; Chromium's offer with audio, video and screen is ~9,000
CANDIDATE_MAX = 1_000

BOOTH_CALL = "booth:"


class SignalKind(StrEnum):
    OFFER = "offer"
    ANSWER = "answer"
    CANDIDATE = "candidate"


@dataclass(frozen=True, slots=True)
class Gathering:
    """People who may share a call: a group's members, or the two of a booth conversation."""

    call: str
    members: frozenset[str]
    booth: bool = False


# person -> {peer: call}
Plan = dict[str, dict[str, str]]


def plan(
    gatherings: Iterable[Gathering],
    positions: Mapping[str, tuple[int, int]],
    busy: Collection[str] = (),
    silent: Collection[str] = (),
    max_peers: int = DEFAULT_MAX_PEERS,
) -> Plan:
    """Each person's peers and the call each link belongs to (see the module's cap rule)."""
    candidates: list[tuple[int, int, str, str, str]] = []
    for gathering in gatherings:
        members = sorted(
            pid
            for pid in gathering.members
            if pid not in silent and (gathering.booth or pid not in busy)
        )
        for a, b in combinations(members, 2):
            far = 0 if gathering.booth else _distance2(positions, a, b)
            candidates.append((0 if gathering.booth else 1, far, a, b, gathering.call))
    candidates.sort()
    peers: Plan = {}
    for _rank, _far, a, b, call in candidates:
        mine, theirs = peers.setdefault(a, {}), peers.setdefault(b, {})
        if b in mine or len(mine) >= max_peers or len(theirs) >= max_peers:
            continue
        mine[b] = call
        theirs[a] = call
    return {pid: links for pid, links in peers.items() if links}


def _distance2(positions: Mapping[str, tuple[int, int]], a: str, b: str) -> int:
    (ax, ay), (bx, by) = positions.get(a, (0, 0)), positions.get(b, (0, 0))
    return (ax - bx) ** 2 + (ay - by) ** 2


def check_signal(
    peers: Mapping[str, str], target: str, call: str, kind: SignalKind, body: str
) -> None:
    """Refuse a signal the server did not make a link for, or that no browser would send."""
    linked = peers.get(target)
    if call not in peers.values():
        raise DomainError(Code.CALL_UNKNOWN, "You are in no such call (any more).")
    if linked != call:
        raise DomainError(Code.CALL_NOT_PEER, "That person is not in this call with you.")
    if kind is SignalKind.CANDIDATE:
        if len(body) > CANDIDATE_MAX or (body and not _CANDIDATE.fullmatch(body)):
            raise DomainError(Code.CALL_SIGNAL_INVALID, "That is no ICE candidate.")
    elif len(body) > SDP_MAX or not _SDP.fullmatch(body):
        raise DomainError(Code.CALL_SIGNAL_INVALID, "That is no session description.")


# An SDP is lines of printable ASCII, "v=0" first, each line "<letter>=..." (RFC 8866)
_SDP = re.compile(r"v=0\r?\n(?:[a-z]=[\x20-\x7e]*\r?\n)+")
# "candidate:<foundation> <component> <transport> ..." (RFC 8839), printable ASCII
_CANDIDATE = re.compile(r"candidate:[\x21-\x7e]+(?: [\x21-\x7e]+){5,40}")


def turn_credentials(secret: str, person_id: str, expires: int) -> tuple[str, str]:
    """TURN REST credentials (coturn's `use-auth-secret`): `expires:person` and its HMAC."""
    username = f"{expires}:{person_id}"
    digest = hmac.new(secret.encode(), username.encode(), sha1).digest()
    return username, base64.b64encode(digest).decode()
