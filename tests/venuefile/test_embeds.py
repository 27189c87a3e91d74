"""Meeting embeds: only https pages of the hosts in [event] embed_hosts, and the CSP says so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient

from tests.venuefile.test_loader import errors, objects
from tests.venuefile.venue_builders import SEED_VENUE, MapEditor, replace_in
from venue.venuefile.loader import check_venue, load_venue
from venue.web.security import content_security_policy


def test_the_seed_venue_has_meetings_in_plenary_and_workshops() -> None:
    venue = load_venue(SEED_VENUE)
    assert venue.event is not None and venue.event.embed_hosts == ("meet.jit.si",)
    meetings = {s.id: s.meeting for s in venue.spaces.values() if s.meeting}
    assert set(meetings) == {"plenary", "workshop-1", "workshop-2"}
    assert all(url.startswith("https://meet.jit.si/") for url in meetings.values())


def allow(venue_dir: Path, hosts: str) -> None:
    replace_in(
        venue_dir / "venue.toml", 'lobby = "lobby"\n', f'lobby = "lobby"\nembed_hosts = {hosts}\n'
    )


def meet(venue_dir: Path, url: str) -> None:
    replace_in(venue_dir / "venue.toml", "capacity = 10\n", f'capacity = 10\nmeeting = "{url}"\n')


def test_a_meeting_on_an_allowed_host_is_accepted(venue_dir: Path) -> None:
    allow(venue_dir, '["meet.jit.si", "bbb.example.org:8443"]')
    meet(venue_dir, "https://bbb.example.org:8443/b/room")
    venue, problems = check_venue(venue_dir)
    assert errors(problems) == [] and venue is not None
    assert venue.spaces["hall"].meeting == "https://bbb.example.org:8443/b/room"


def test_a_meeting_outside_the_allow_list_is_refused(venue_dir: Path) -> None:
    allow(venue_dir, '["meet.jit.si"]')
    meet(venue_dir, "https://evil.example.com/room")
    venue, problems = check_venue(venue_dir)
    assert venue is None
    assert errors(problems) == [
        "venue.toml: spaces[2].meeting: host 'evil.example.com' is not in [event] embed_hosts"
    ]


def test_only_https_meetings(venue_dir: Path) -> None:
    allow(venue_dir, '["meet.jit.si"]')
    meet(venue_dir, "http://meet.jit.si/room")
    _, problems = check_venue(venue_dir)
    assert len(errors(problems)) == 1 and "spaces[2].meeting" in errors(problems)[0]


def test_an_area_meeting_is_checked_too(venue_dir: Path, edit_map: MapEditor) -> None:
    def add_meeting(data: dict[str, Any]) -> None:
        area = next(o for o in objects(data) if o["name"] == "booth-demo")
        area["properties"].append(
            {"name": "meetingUrl", "type": "string", "value": "javascript:alert(1)"}
        )

    allow(venue_dir, '["meet.jit.si"]')
    edit_map("hall.tmj", add_meeting)
    _, problems = check_venue(venue_dir)
    assert errors(problems) == [
        "hall.tmj: area 'booth-demo' meetingUrl: "
        "must be an https:// address, not 'javascript:alert(1)'"
    ]


def test_frame_src_lists_exactly_the_allowed_hosts() -> None:
    assert "frame-src" not in content_security_policy(())
    csp = content_security_policy(("meet.jit.si", "a.example:8443"))
    assert csp.endswith("; frame-src https://a.example:8443 https://meet.jit.si")


async def test_the_served_csp_frames_the_seed_venues_meeting_host(
    aiohttp_client: Any, settings: Any
) -> None:
    from venue.app import create_app

    client: TestClient[Any, Any] = await aiohttp_client(await create_app(settings))
    response = await client.get("/")
    assert "frame-src https://meet.jit.si" in response.headers["Content-Security-Policy"]
    venue = await (await client.get("/api/venue")).json()
    plenary = next(s for s in venue["spaces"] if s["id"] == "plenary")
    assert plenary["meeting"].startswith("https://meet.jit.si/")
