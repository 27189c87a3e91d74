"""The personal page's contacts: listed, exported as vCard and CSV and read back, in the data
download, and gone from the other side's list when a person deletes their data."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Awaitable, Callable

import aiohttp
import vobject
from aiohttp.test_utils import TestServer

from tests.conftest import Participant
from tests.web.people import CSRF, cookies

Connect = Callable[..., Awaitable[Participant]]


async def get(server: TestServer, path: str, token: str) -> tuple[str, str, bytes]:
    async with (
        aiohttp.ClientSession(headers=cookies(token)) as http,
        http.get(server.make_url(path)) as response,
    ):
        assert response.status == 200, await response.text()
        disposition = response.headers.get("Content-Disposition", "")
        return response.content_type, disposition, await response.read()


async def exchange(a: Participant, b: Participant, a_email: bool, b_email: bool) -> None:
    ask = await a.call("contact.request", {"person": b.id, "share": {"email": a_email}})
    assert ask["ok"], ask
    agreed = await b.call(
        "contact.answer", {"person": a.id, "accept": True, "share": {"email": b_email}}
    )
    assert agreed["ok"], agreed


async def test_contacts_are_listed_and_exported_as_vcard_and_csv(
    server: TestServer, registered_person: Connect
) -> None:
    ann = await registered_person("Ann", "Speicherwerk")
    token = ann.token
    # a name and an organisation that need escaping, folding and CSV defusing
    organisation = "=Lausitz, Labs; Ölwerk " * 4
    bob = await registered_person("Bob; Brown, Jr.", organisation, email="bob@example.org")
    cy = await registered_person("Cy")
    dora = await registered_person("Dora", "Nur angefragt")
    await exchange(ann, bob, a_email=False, b_email=True)
    await exchange(cy, ann, a_email=False, b_email=True)  # Cy asked, Ann agreed
    assert (await dora.call("contact.request", {"person": ann.id, "share": {"email": True}}))["ok"]

    _type, _disposition, page = await get(server, "/me", token)
    section = page.decode().split('id="me-contacts"')[1].split("</section>")[0]
    assert section.count('class="contact-card"') == 2
    assert "bob@example.org" in section and "cy@example.org" not in section
    assert "Dora" not in section and "dora@example.org" not in section

    content_type, disposition, body = await get(server, "/me/contacts.vcf", token)
    assert content_type == "text/vcard" and "contacts.vcf" in disposition
    text = body.decode()
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    cards = {c.fn.value: c for c in vobject.readComponents(text)}
    assert set(cards) == {"Bob; Brown, Jr.", "Cy"}
    bob_card = cards["Bob; Brown, Jr."]
    assert bob_card.email.value == "bob@example.org"
    assert bob_card.org.value == ["=Lausitz, Labs; Ölwerk " * 4]
    assert bob_card.uid.value == f"urn:uuid:{bob.id[:8]}-{bob.id[8:12]}-{bob.id[12:16]}-" + (
        f"{bob.id[16:20]}-{bob.id[20:]}"
    )
    assert not hasattr(cards["Cy"], "email") and not hasattr(cards["Cy"], "org")

    async with aiohttp.ClientSession() as http:  # nobody signed in: nothing to download
        for path in ("/me/contacts.vcf", "/me/contacts.csv"):
            async with http.get(server.make_url(path)) as response:
                assert response.status == 401

    content_type, disposition, body = await get(server, "/me/contacts.csv?lang=en", token)
    assert content_type == "text/csv" and "contacts.csv" in disposition
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Name", "Organisation", "E-mail address", "Exchanged at"]
    assert [r[:3] for r in rows[1:]] == [
        ["Bob; Brown, Jr.", "'" + "=Lausitz, Labs; Ölwerk " * 4, "bob@example.org"],
        ["Cy", "", ""],
    ]


async def test_the_data_download_holds_requests_and_deletion_takes_the_card_away(
    server: TestServer, registered_person: Connect
) -> None:
    ann = await registered_person("Ann", "Speicherwerk")
    bob = await registered_person("Bob", "Lausitz Labs")
    cy = await registered_person("Cy")
    ann_token, bob_token = ann.token, bob.token
    await exchange(ann, bob, a_email=True, b_email=True)
    assert (await ann.call("contact.request", {"person": cy.id}))["ok"]
    assert (await cy.call("contact.answer", {"person": ann.id, "accept": False}))["ok"]

    _type, _disposition, body = await get(server, "/me/data.json", ann_token)
    requests = json.loads(body)["contact_requests"]
    assert [(r["direction"], r["with"], r["state"], r["my_email_shared"]) for r in requests] == [
        ("sent", "Bob", "exchanged", True),
        ("sent", "Cy", "pending", False),  # declined, which Ann is never told
    ]
    _type, _disposition, body = await get(server, "/me/data.json", bob_token)
    assert [(r["direction"], r["with"]) for r in json.loads(body)["contact_requests"]] == [
        ("received", "Ann")
    ]

    await ann.sio.disconnect()
    async with (
        aiohttp.ClientSession(headers=cookies(ann_token)) as http,
        http.post(server.make_url("/me/delete"), data={"csrf": CSRF, "confirm": "yes"}) as response,
    ):
        assert response.status == 200
    assert (await bob.call("contact.list", {}))["data"]["contacts"] == []
    _type, _disposition, body = await get(server, "/me/contacts.vcf", bob_token)
    assert body == b""
    _type, _disposition, body = await get(server, "/me/data.json", bob_token)
    assert json.loads(body)["contact_requests"] == []
