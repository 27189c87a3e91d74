"""A rehearsal clock (`--clock`) that counts from a given real moment (`--clock-since`):
processes rehearsing one venue together agree on the programme's time however long each took
to start (tests/cluster starts its processes so)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable

import pytest

from tests.conftest import Participant
from venue.clock import utcnow
from venue.settings import Settings

Join = Callable[[str], Awaitable[Participant]]
BREAK = dt.datetime(2021, 11, 30, 13, 20)  # the workshops begin at 13:30
# minutes since the clock showed 13:20 → where a newcomer lands
LANDS = {0: {"exhibition"}, 15: {"workshop-1", "workshop-2"}}


@pytest.fixture(params=sorted(LANDS))
def settings(settings: Settings, request: pytest.FixtureRequest) -> Settings:
    since = utcnow() - dt.timedelta(minutes=request.param)
    return settings.model_copy(update={"clock": BREAK, "clock_since": since})


async def test_the_clock_counts_from_the_moment_given(
    join: Join, request: pytest.FixtureRequest
) -> None:
    ann = await join("Ann")
    assert ann.welcome["snapshot"]["space"] in LANDS[request.node.callspec.params["settings"]]
