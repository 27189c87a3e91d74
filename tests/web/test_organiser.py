"""The organiser page: counts, tables, moves with promotion, revocation, CSV and invites."""

from __future__ import annotations

import re
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
from aiohttp import web

from tests.web.people import CSRF, Client, cookies, registered, staff
from venue.domain.people import Role
from venue.web.keys import IDENTITIES, MAILER, SETTINGS, STORE
from venue.web.registrations_csv import defuse


def form(**fields: Any) -> dict[str, Any]:
    return {"csrf": CSRF, **fields}


async def small_workshops(app: web.Application, capacity: int = 1) -> None:
    await app[STORE].registrations.sync_capacities({"workshop-1": capacity, "workshop-2": capacity})


async def test_the_page_shows_counts_tables_and_the_waiting_list_in_order(
    app: web.Application, client: Client, organiser: str
) -> None:
    await small_workshops(app)
    await registered(app, "Ada Seated", "ada@example.org", "workshop-1", "HSZG")
    await registered(app, "Ben Waiting", "ben@example.org", "workshop-1")
    await registered(app, "Cleo Waiting", "cleo@example.org", "workshop-1")
    response = await client.get("/organiser", headers=cookies(organiser))
    assert response.status == 200
    html = await response.text()
    section = html[html.index('id="workshop-workshop-1"') : html.index('id="workshop-workshop-2"')]
    assert "Plätze belegt: 1 / 1" in section and "Warteliste: 2" in section
    assert section.index("Ada Seated") < section.index("Ben Waiting") < section.index("Cleo")
    assert "Warteliste, Platz 1" in section and "Warteliste, Platz 2" in section
    assert "ada@example.org" in section and "HSZG" in section
    # registered at, in Europe/Berlin: a date and time as a German reads them
    assert re.search(r"<td>\d\d\.\d\d\.\d{4} \d\d:\d\d</td>", section)
    assert 'href="/static/css/organiser.css"' in html
    assert "/organiser/export.csv?workshop=workshop-1" in html


async def test_names_with_markup_are_escaped(
    app: web.Application, client: Client, organiser: str
) -> None:
    await registered(app, "<b>Eve</b>", "eve@example.org", "workshop-2")
    html = await (await client.get("/organiser", headers=cookies(organiser))).text()
    assert "<b>Eve</b>" not in html and "&lt;b&gt;Eve&lt;/b&gt;" in html


async def test_moving_someone_promotes_the_waiting_list_and_emails_them(
    app: web.Application, client: Client, organiser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[tuple[str, str, str]] = []

    async def send(to: str, subject: str, text: str, attachments: Any = ()) -> bool:
        sent.append((to, subject, text))
        return True

    monkeypatch.setattr(app[MAILER], "send", send)
    await small_workshops(app)
    ada = await registered(app, "Ada", "ada@example.org", "workshop-1")
    ben = await registered(app, "Ben", "ben@example.org", "workshop-1")
    assert ben.registration == "waiting"

    response = await client.post(
        "/organiser/move",
        data=form(participant=ada.id, workshop="workshop-2"),
        headers=cookies(organiser),
        allow_redirects=False,
    )
    assert response.status == 303
    assert response.headers["Location"] == "/organiser?done=moved#workshop-workshop-2"
    store = app[STORE]
    moved, promoted = await store.participants.get(ada.id), await store.participants.get(ben.id)
    assert moved is not None and (moved.workshop, moved.registration) == (
        "workshop-2",
        "registered",
    )
    assert promoted is not None and promoted.registration == "registered"
    [(to, subject, text)] = sent
    assert to == "ben@example.org" and subject.startswith("Sie haben einen Platz")
    link = re.search(r"/t/(\S+)", text)
    assert link is not None
    assert (await app[IDENTITIES].resolve(link.group(1))) == promoted

    page = await client.get("/organiser?done=moved", headers=cookies(organiser))
    assert "in den anderen Workshop verschoben" in await page.text()


async def test_moving_into_a_full_workshop_puts_the_person_on_its_waiting_list(
    app: web.Application, client: Client, organiser: str
) -> None:
    await small_workshops(app)
    ada = await registered(app, "Ada", "ada@example.org", "workshop-1")
    await registered(app, "Ben", "ben@example.org", "workshop-2")
    response = await client.post(
        "/organiser/move",
        data=form(participant=ada.id, workshop="workshop-2"),
        headers=cookies(organiser),
    )
    assert response.status == 200
    assert "steht dort jetzt auf der Warteliste" in await response.text()
    moved = await app[STORE].participants.get(ada.id)
    assert moved is not None and moved.registration == "waiting"


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"participant": "nobody", "workshop": "workshop-2"}, "Diese Anmeldung gibt es nicht"),
        ({"participant": "ADA", "workshop": "workshop-1"}, "bereits in diesem Workshop"),
        ({"participant": "ADA", "workshop": "bar"}, "Diesen Workshop gibt es nicht"),
    ],
)
async def test_a_refused_move_is_a_flash_message_on_the_page(
    app: web.Application,
    client: Client,
    organiser: str,
    fields: dict[str, str],
    shown: str,
) -> None:
    ada = await registered(app, "Ada", "ada@example.org", "workshop-1")
    fields = {k: ada.id if v == "ADA" else v for k, v in fields.items()}
    response = await client.post("/organiser/move", data=form(**fields), headers=cookies(organiser))
    assert response.status == 200
    html = await response.text()
    assert shown in html and 'role="alert"' in html


async def test_posts_need_the_csrf_token_and_the_same_origin(
    app: web.Application, client: Client, organiser: str
) -> None:
    record, token = await staff(app, Role.MODERATOR, "Mo")
    fields = {"participant": record.id}
    forged = await client.post("/organiser/revoke", data=fields, headers=cookies(organiser))
    wrong = await client.post(
        "/organiser/revoke", data={**fields, "csrf": "other"}, headers=cookies(organiser)
    )
    foreign = await client.post(
        "/organiser/revoke",
        data=form(**fields),
        headers={**cookies(organiser), "Origin": "https://evil.example"},
    )
    assert [forged.status, wrong.status, foreign.status] == [403, 403, 403]
    assert (await forged.json())["error"]["code"] == "csrf.invalid"
    assert (await foreign.json())["error"]["code"] == "http.cross_origin"
    assert await app[IDENTITIES].resolve(token) is not None


async def test_revoking_signs_the_person_out(
    app: web.Application, client: Client, organiser: str
) -> None:
    record, token = await staff(app, Role.MODERATOR, "Mo")
    response = await client.post(
        "/organiser/revoke", data=form(participant=record.id), headers=cookies(organiser)
    )
    assert response.status == 200
    assert "Alle Links der Person sind gesperrt" in await response.text()
    assert await app[IDENTITIES].resolve(token) is None


async def test_the_csv_export_is_excel_friendly_and_defuses_formulas(
    app: web.Application, client: Client, organiser: str
) -> None:
    await small_workshops(app)
    await registered(app, "=HYPERLINK(1)", "a@example.org", "workshop-1", 'Uni "Zittau"; Görlitz')
    await registered(app, "Bea", "+b@example.org", "workshop-1", "@home")
    await registered(app, "Other", "o@example.org", "workshop-2")
    response = await client.get(
        "/organiser/export.csv?workshop=workshop-1", headers=cookies(organiser)
    )
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "workshop-1" in disposition
    body = await response.read()
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert lines[0] == "Name;E-Mail;Organisation;Angemeldet am;Status;Wartelistenplatz"
    assert len(lines) == 3 and "Other" not in text
    assert lines[1].startswith('\'=HYPERLINK(1);a@example.org;"Uni ""Zittau""; Görlitz";')
    assert lines[1].endswith(";angemeldet;")
    assert lines[2].startswith("Bea;'+b@example.org;'@home;")
    assert lines[2].endswith(";Warteliste;1")
    assert re.search(r";\d{2}\.\d{2}\.\d{4} \d{2}:\d{2};", lines[1])


def test_defuse_prefixes_every_formula_start() -> None:
    for cell in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert defuse(cell) == "'" + cell
    assert defuse("Ada") == "Ada" and defuse("") == ""


async def test_exporting_an_unknown_workshop_is_404(client: Client, organiser: str) -> None:
    response = await client.get("/organiser/export.csv?workshop=bar", headers=cookies(organiser))
    assert response.status == 404


async def test_an_invite_shows_the_link_once_and_the_link_signs_in(
    app: web.Application, client: Client, organiser: str
) -> None:
    response = await client.post(
        "/organiser/invite",
        data=[
            ("csrf", CSRF),
            ("role", "exhibitor"),
            ("name", "Exa Hibitor"),
            ("email", "exa@example.org"),
            ("booth", "strategy"),
            ("booth", "energy"),
        ],
        headers=cookies(organiser),
    )
    assert response.status == 200
    assert response.headers["Cache-Control"] == "no-store"
    html = await response.text()
    base = re.escape(app[SETTINGS].public_url)
    found = re.search(base + r'/t/([^"]+)"', html)
    assert found is not None
    person = await app[IDENTITIES].resolve(found.group(1))
    assert person is not None and person.role is Role.EXHIBITOR
    assert person.booths == {"strategy", "energy"} and person.email == "exa@example.org"
    again = await (await client.get("/organiser", headers=cookies(organiser))).text()
    assert found.group(1) not in again and "Exa Hibitor" in again


@pytest.mark.parametrize(
    ("fields", "field", "shown"),
    [
        ([("role", "exhibitor"), ("name", "Exa")], "booth", "mindestens einen Stand"),
        ([("role", "moderator"), ("name", "Mo"), ("booth", "energy")], "booth", "keinen"),
        ([("role", "exhibitor"), ("name", "Exa"), ("booth", "nope")], "booth", "Stand"),
        ([("role", "participant"), ("name", "Pat")], "role", "Bitte wählen Sie eine Rolle"),
        ([("role", "moderator"), ("name", "")], "name", ""),
        ([("role", "moderator"), ("name", "Mo"), ("email", "not-mail")], "email", "keine E-Mail"),
    ],
)
async def test_a_bad_invite_keeps_the_form_and_names_the_field(
    app: web.Application,
    client: Client,
    organiser: str,
    fields: list[tuple[str, str]],
    field: str,
    shown: str,
) -> None:
    before = len(await app[STORE].participants.staff())
    response = await client.post(
        "/organiser/invite", data=[("csrf", CSRF), *fields], headers=cookies(organiser)
    )
    assert response.status == 400
    html = await response.text()
    assert f'id="invite-{field}-error"' in html and shown in html
    name = dict(fields)["name"]
    assert f'id="invite-name" name="name" type="text" maxlength="80" required value="{name}"' in (
        html
    )
    assert len(await app[STORE].participants.staff()) == before


async def test_an_invite_is_e_mailed_when_smtp_is_configured(
    app: web.Application, client: Client, organiser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[Message] = []

    async def send(message: Any, **_kwargs: Any) -> None:
        messages.append(message_from_bytes(bytes(message)))

    monkeypatch.setattr(app[SETTINGS], "smtp_host", "smtp.example.org")
    monkeypatch.setattr("venue.mail.mailer.aiosmtplib.send", send)
    response = await client.post(
        "/organiser/invite",
        data=form(role="moderator", name="Mo", email="mo@example.org"),
        headers=cookies(organiser),
    )
    assert "Der Link wurde an mo@example.org geschickt" in await response.text()
    [message] = messages
    assert message["To"] == "mo@example.org" and message["Subject"].startswith("Einladung")
