"""Interests at registration and on /me: tags from the manifest's list, two lines, consent."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

import pytest
from aiohttp import ClientResponse

from tests.web.registering import HTML, Client, csrf_of, form
from venue.app import create_app
from venue.domain.interests import Profile
from venue.settings import Settings
from venue.web.keys import STORE

MakeClient = Callable[..., Awaitable[Client]]
Fields = list[tuple[str, str]]


@pytest.fixture
async def client(aiohttp_client: MakeClient, settings: Settings) -> Client:
    return await aiohttp_client(await create_app(settings))


async def register(
    client: Client, extra: Fields, email: str = "erika@example.org"
) -> ClientResponse:
    """The registration form with interest fields (a tag per ticked box, as browsers send)."""
    token = await csrf_of(client)
    fields = list(form(csrf=token, email=email).items()) + extra
    return await client.post("/register", data=fields, headers=HTML)


async def profile_of(client: Client, email: str = "erika@example.org") -> Profile:
    record = await client.app[STORE].participants.by_email(email)
    assert record is not None
    return await client.app[STORE].interests.get(record.id)


async def test_registration_keeps_the_chosen_interests_and_me_shows_them(client: Client) -> None:
    chosen = [("interest", "stem-education"), ("interest", "energy")]
    lines = [("offer", "Labore für Schulklassen"), ("seeking", "Partner in der Energiewirtschaft")]
    response = await register(client, [*chosen, *lines, ("show_interests", "yes")])
    assert response.status == 200
    assert await profile_of(client) == Profile(
        ("energy", "stem-education"),  # in the list's order
        "Labore für Schulklassen",
        "Partner in der Energiewirtschaft",
        visible=True,
    )
    me = await (await client.get("/me")).text()
    assert 'id="me-interest-energy" name="interest" type="checkbox" value="energy" checked' in me
    assert 'value="structural-change">' in me  # offered, not chosen
    assert 'value="Labore für Schulklassen"' in me
    assert 'id="me-show-interests" name="show_interests" type="checkbox" value="yes" checked' in me


async def test_interests_are_optional_and_hidden_unless_agreed(client: Client) -> None:
    page = await (await client.get("/register")).text()
    assert "Energiespeicher und Energiesysteme" in page and "Ich biete" in page
    assert (await register(client, [])).status == 200
    assert await profile_of(client) == Profile()


@pytest.mark.parametrize(
    ("extra", "field", "shown"),
    [
        ([("interest", "astrology")], "interest", "nur Interessen aus der Liste"),
        (
            [
                ("interest", i)
                for i in (
                    "energy",
                    "stem-education",
                    "structural-change",
                    "innovation-management",
                    "technology-transfer",
                    "participation",
                )
            ],
            "interest",
            "höchstens 5 Interessen",
        ),
        ([("offer", "x" * 141)], "offer", "Höchstens 140 Zeichen"),
        ([("seeking", "zwei\nZeilen\u202e")], "seeking", "Höchstens 140 Zeichen"),
    ],
)
async def test_bad_interests_are_refused_next_to_the_field(
    client: Client, extra: Fields, field: str, shown: str
) -> None:
    response = await register(client, extra)
    assert response.status == 400
    page = await response.text()
    assert f'id="err-{field}"' in page and shown in page
    assert await client.app[STORE].participants.by_email("erika@example.org") is None


async def test_me_changes_the_interests_and_the_download_holds_them(client: Client) -> None:
    await register(client, [("interest", "energy")])
    token = await csrf_of(client, "/me")
    fields = [("csrf", token), ("interest", "participation"), ("seeking", "Bürgerdialog")]
    response = await client.post("/me/interests", data=fields, headers=HTML)
    assert response.status == 200 and "Ihre Interessen sind gespeichert" in await response.text()
    assert await profile_of(client) == Profile(("participation",), "", "Bürgerdialog", False)
    bad = [("csrf", token), ("interest", "energy"), ("offer", "y" * 500)]
    refused = await client.post("/me/interests", data=bad, headers=HTML)
    assert refused.status == 400 and 'id="err-offer"' in await refused.text()
    assert (await profile_of(client)).tags == ("participation",)  # unchanged
    data = json.loads(await (await client.get("/me/data.json")).text())
    assert data["interests"][0]["tags"] == "participation"
    assert data["interests"][0]["seeking"] == "Bürgerdialog"


async def test_registering_a_known_address_again_leaves_its_interests(client: Client) -> None:
    await register(client, [("interest", "energy"), ("show_interests", "yes")])
    client.session.cookie_jar.clear()
    await register(client, [("interest", "participation")])  # anyone may type the address
    assert await profile_of(client) == Profile(("energy",), visible=True)


async def test_deleting_the_registration_deletes_the_interests(client: Client) -> None:
    await register(client, [("interest", "energy"), ("offer", "Labor")])
    record = await client.app[STORE].participants.by_email("erika@example.org")
    assert record is not None
    token = await csrf_of(client, "/me")
    data = {"csrf": token, "confirm": "yes"}
    assert (await client.post("/me/delete", data=data, headers=HTML)).status == 200
    assert await client.app[STORE].interests.get(record.id) == Profile()
