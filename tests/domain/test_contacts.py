"""The rules of the double opt-in, without a server."""

from __future__ import annotations

import datetime as dt

import pytest

from venue.domain.contacts import MAX_UNANSWERED, Link, LinkState, Outcome, on_answer, on_request
from venue.domain.errors import DomainError

NOW = dt.datetime(2021, 11, 30, 12, 0, tzinfo=dt.UTC)


def link(asker: str, asked: str, state: LinkState) -> Link:
    return Link(asker, asked, True, False, state, NOW)


def refusal(*args: object) -> str:
    with pytest.raises(DomainError) as refused:
        on_request(*args)  # type: ignore[arg-type]
    return refused.value.code


def test_a_first_request_asks_and_a_request_back_exchanges() -> None:
    assert on_request("ann", "bob", None, None, 0) is Outcome.ASKED
    pending = link("bob", "ann", LinkState.PENDING)
    assert on_request("ann", "bob", None, pending, 0) is Outcome.EXCHANGED
    # Ann once declined Bob's request; asking him now is agreeing after all
    declined = link("bob", "ann", LinkState.DECLINED)
    assert on_request("ann", "bob", None, declined, MAX_UNANSWERED) is Outcome.EXCHANGED


def test_refusals() -> None:
    assert refusal("ann", "ann", None, None, 0) == "contact.self"
    assert refusal("ann", "bob", link("ann", "bob", LinkState.PENDING), None, 0) == (
        "contact.pending"
    )
    # declined looks pending to the one who asked: nothing tells her
    assert refusal("ann", "bob", link("ann", "bob", LinkState.DECLINED), None, 0) == (
        "contact.pending"
    )
    assert refusal("ann", "bob", None, link("bob", "ann", LinkState.EXCHANGED), 0) == (
        "contact.exists"
    )
    assert refusal("ann", "bob", None, None, MAX_UNANSWERED) == "contact.flood"


def test_only_a_pending_request_to_oneself_can_be_answered() -> None:
    pending = link("bob", "ann", LinkState.PENDING)
    assert on_answer("ann", pending) is pending
    for theirs in (
        None,
        link("bob", "ann", LinkState.DECLINED),
        link("ann", "bob", LinkState.PENDING),
    ):
        with pytest.raises(DomainError) as refused:
            on_answer("ann", theirs)
        assert refused.value.code == "contact.request_unknown"


def test_each_side_shares_its_own_email() -> None:
    exchanged = Link("ann", "bob", True, False, LinkState.EXCHANGED, NOW, NOW)
    assert exchanged.shares_email("ann") and not exchanged.shares_email("bob")
    assert exchanged.other("ann") == "bob" and exchanged.other("bob") == "ann"
