"""Booth pages: reading, editing by the booth's own exhibitors only, uploads, guestbook, leads."""

from __future__ import annotations

import io
import re
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from PIL import Image

from tests.web.people import CSRF, Client, cookies, staff
from tests.web.test_booth_uploads import png_declaring, real_pdf
from venue.domain.people import Role
from venue.web.booth_files import safe_filename
from venue.web.keys import LIVE, STORE

HTML = {"Accept": "text/html"}


def form(**fields: Any) -> dict[str, Any]:
    return {"csrf": CSRF, **fields}


def upload(data: bytes, filename: str, content_type: str, csrf: str = CSRF) -> aiohttp.FormData:
    body = aiohttp.FormData()
    body.add_field("csrf", csrf)
    body.add_field("file", io.BytesIO(data), filename=filename, content_type=content_type)
    return body


def png(size: tuple[int, int] = (300, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "teal").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
async def people(app: web.Application) -> dict[str, str]:
    """Tokens: an exhibitor of `strategy`, one of `energy`, a visitor, a moderator."""
    booths = frozenset
    return {
        "own": (await staff(app, Role.EXHIBITOR, "Erika Aussteller", booths({"strategy"})))[1],
        "other": (await staff(app, Role.EXHIBITOR, "Otto Fremd", booths({"energy"})))[1],
        "visitor": (await staff(app, Role.PARTICIPANT, "Vera Besucherin"))[1],
        "moderator": (await staff(app, Role.MODERATOR, "Mona Moderatorin"))[1],
    }


async def test_the_list_and_a_booth_page_for_a_visitor(
    client: Client, people: dict[str, str]
) -> None:
    response = await client.get("/booths", headers=cookies(people["visitor"]))
    assert response.status == 200
    html = await response.text()
    assert "L&amp;T Strategieentwicklungsprojekt" in html and "Geschlossen" in html
    assert 'href="/booths/strategy"' in html
    page = await (await client.get("/booths/strategy", headers=cookies(people["visitor"]))).text()
    assert "Kollmorgen" in page and "Gästebuch" in page
    assert "Stand bearbeiten" not in page and "leads.csv" not in page
    assert (await client.get("/booths/nope", headers=cookies(people["visitor"]))).status == 404
    assert (await client.get("/booths")).status == 401


async def test_only_the_booths_own_exhibitors_edit_it(
    app: web.Application, client: Client, people: dict[str, str]
) -> None:
    fields = form(
        title="Neuer Titel",
        organisation="HSZG",
        description_de="**Hallo**",
        description_en="Hello",
        links="Web | https://example.org",
        contact="Erika",
    )
    for who in ("other", "visitor", "moderator"):
        response = await client.post("/booths/strategy", data=fields, headers=cookies(people[who]))
        assert response.status == 403, who
    no_csrf = {k: v for k, v in fields.items() if k != "csrf"}
    refused = await client.post("/booths/strategy", data=no_csrf, headers=cookies(people["own"]))
    assert refused.status == 403
    assert (await app[STORE].booths.get("strategy")).title != "Neuer Titel"  # type: ignore[union-attr]
    response = await client.post(
        "/booths/strategy", data=fields, headers=cookies(people["own"]), allow_redirects=False
    )
    assert response.status == 303 and response.headers["Location"].startswith("/booths/strategy")
    content = await app[STORE].booths.get("strategy")
    assert content is not None and content.title == "Neuer Titel"
    assert content.links[0].url == "https://example.org"
    page = await (await client.get("/booths/strategy", headers=cookies(people["own"]))).text()
    assert "<strong>Hallo</strong>" in page and "Stand bearbeiten" in page


async def test_booth_names_exist_in_english_and_exhibitors_edit_both(
    client: Client, people: dict[str, str]
) -> None:
    visitor = cookies(people["visitor"])
    english = await (await client.get("/booths?lang=en", headers=visitor)).text()
    assert "L&amp;T strategy development project" in english  # from the venue's `en` name
    data = await (await client.get("/booths.json?lang=en", headers=visitor)).json()
    titles = {b["id"]: b["title"] for b in data["booths"]}
    assert titles["strategy"] == "L&T strategy development project"
    fields = form(
        title="Strategie",
        title_en="Strategy",
        organisation="HSZG",
        description_de="Hallo",
        description_en="Hello",
        links="",
        contact="",
    )
    saved = await client.post(
        "/booths/strategy", data=fields, headers=cookies(people["own"]), allow_redirects=False
    )
    assert saved.status == 303
    page = await (await client.get("/booths/strategy?lang=en", headers=visitor)).text()
    assert "<h1>Strategy</h1>" in page
    page = await (await client.get("/booths/strategy?lang=de", headers=visitor)).text()
    assert "<h1>Strategie</h1>" in page


async def test_invalid_edits_are_shown_at_their_fields_and_nothing_is_stored(
    app: web.Application, client: Client, people: dict[str, str]
) -> None:
    fields = form(title="", links="click | javascript:alert(1)", description_de="x" * 6000)
    response = await client.post("/booths/strategy", data=fields, headers=cookies(people["own"]))
    assert response.status == 400
    html = await response.text()
    for field in ("title", "links", "description_de"):
        assert f'id="err-{field}"' in html
    content = await app[STORE].booths.get("strategy")
    assert content is not None and content.title == "L&T Strategieentwicklungsprojekt"


async def test_script_in_descriptions_is_rendered_inert(
    app: web.Application, client: Client, people: dict[str, str]
) -> None:
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3))'
    fields = form(title="<b>T</b>", description_de=hostile, links="", contact="<i>c</i>")
    await client.post("/booths/strategy", data=fields, headers=cookies(people["own"]))
    html = await (await client.get("/booths/strategy", headers=cookies(people["visitor"]))).text()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>T</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and 'href="javascript' not in html


async def test_a_logo_is_re_encoded_and_served_inline(
    app: web.Application, client: Client, people: dict[str, str]
) -> None:
    response = await client.post(
        "/booths/strategy/logo",
        data=upload(png(), "logo.png", "image/png"),
        headers=cookies(people["own"]),
        allow_redirects=False,
    )
    assert response.status == 303
    content = await app[STORE].booths.get("strategy")
    assert content is not None and content.logo
    served = await client.get(
        f"/booths/strategy/files/{content.logo}", headers=cookies(people["visitor"])
    )
    assert served.status == 200 and served.content_type == "image/png"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["Content-Disposition"] == "inline"
    page = await (await client.get("/booths/strategy", headers=cookies(people["visitor"]))).text()
    assert f"/booths/strategy/files/{content.logo}" in page


@pytest.mark.parametrize(
    ("data", "content_type", "status", "code"),
    [
        (b"GIF89a" + b"\0" * 100, "image/png", 400, "upload.not_image"),
        (b"<svg onload=alert(1)>", "image/svg+xml", 400, "upload.not_image"),
        (png_declaring(100_000, 100_000), "image/png", 400, "upload.dimensions"),
        (b"\x89PNG" + b"\0" * (3 * 1024 * 1024), "image/png", 413, "upload.too_large"),
    ],
)
async def test_hostile_logos_are_refused_with_json(
    app: web.Application,
    client: Client,
    people: dict[str, str],
    data: bytes,
    content_type: str,
    status: int,
    code: str,
) -> None:
    response = await client.post(
        "/booths/strategy/logo",
        data=upload(data, "logo.png", content_type),
        headers=cookies(people["own"]),
    )
    assert response.status == status
    assert (await response.json())["error"]["code"] == code
    assert await app[STORE].booths.files("strategy", "logo") == []


async def test_a_refused_upload_from_the_form_is_shown_at_the_field(
    client: Client, people: dict[str, str]
) -> None:
    response = await client.post(
        "/booths/strategy/logo",
        data=upload(b"not an image", "x.png", "image/png"),
        headers=cookies(people["own"]) | HTML,
    )
    assert response.status == 400
    html = await response.text()
    assert 'id="err-logo"' in html and "PNG-, JPEG- oder WebP" in html


async def test_uploads_need_the_booth_and_the_csrf_token(
    app: web.Application, client: Client, people: dict[str, str]
) -> None:
    other = await client.post(
        "/booths/strategy/logo",
        data=upload(png(), "logo.png", "image/png"),
        headers=cookies(people["other"]),
    )
    assert other.status == 403
    forged = await client.post(
        "/booths/strategy/logo",
        data=upload(png(), "logo.png", "image/png", csrf="wrong"),
        headers=cookies(people["own"]),
    )
    assert forged.status == 403
    not_form = await client.post(
        "/booths/strategy/materials", data=real_pdf(), headers=cookies(people["own"])
    )
    assert not_form.status == 400
    assert await app[STORE].booths.files("strategy", "logo") == []


async def test_materials_are_pdfs_downloaded_under_a_safe_name(
    app: web.Application, client: Client, people: dict[str, str]
) -> None:
    name = '../../"evil";\tX-Header: 1.pdf'
    response = await client.post(
        "/booths/strategy/materials",
        data=upload(real_pdf(), name, "application/pdf"),
        headers=cookies(people["own"]),
        allow_redirects=False,
    )
    assert response.status == 303
    (stored,) = await app[STORE].booths.files("strategy", "material")
    served = await client.get(
        f"/booths/strategy/files/{stored.id}", headers=cookies(people["visitor"])
    )
    assert served.status == 200 and served.content_type == "application/pdf"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    disposition = served.headers["Content-Disposition"]
    # aiohttp's client percent-encodes the name it sends; what comes back is plain either way
    assert re.fullmatch(r'attachment; filename="[A-Za-z0-9._-]+\.pdf"; filename\*=.*', disposition)
    assert "evil" in disposition and "/" not in disposition and "\\" not in disposition
    fake = await client.post(
        "/booths/strategy/materials",
        data=upload(b"%PDF-1.7 not really", "x.pdf", "application/pdf"),
        headers=cookies(people["own"]),
    )
    assert fake.status == 400 and (await fake.json())["error"]["code"] == "upload.not_pdf"
    other_booth = await client.get(
        f"/booths/energy/files/{stored.id}", headers=cookies(people["visitor"])
    )
    assert other_booth.status == 404


def test_safe_filenames() -> None:
    assert safe_filename("Präsentation 2021.PDF") == "Pr_sentation_2021.pdf"
    assert safe_filename("..\\..\\win.ini") == "win.ini.pdf"
    assert safe_filename("") == "material.pdf"


async def test_the_guestbook_notes_answers_and_moderation(
    app: web.Application, client: Client, people: dict[str, str]
) -> None:
    note = form(text="<b>Gibt es Folien?</b>")
    response = await client.post(
        "/booths/strategy/guestbook",
        data=note,
        headers=cookies(people["visitor"]),
        allow_redirects=False,
    )
    assert response.status == 303
    (entry,) = await app[STORE].booths.guestbook("strategy")
    too_long = await client.post(
        "/booths/strategy/guestbook",
        data=form(text="x" * 501),
        headers=cookies(people["visitor"]),
    )
    assert too_long.status == 400 and 'id="err-text"' in await too_long.text()
    refused = await client.post(
        f"/booths/strategy/guestbook/{entry.id}/answer",
        data=form(answer="Ja"),
        headers=cookies(people["other"]),
    )
    assert refused.status == 403
    answered = await client.post(
        f"/booths/strategy/guestbook/{entry.id}/answer",
        data=form(answer="Ja, im PDF."),
        headers=cookies(people["own"]),
        allow_redirects=False,
    )
    assert answered.status == 303
    html = await (await client.get("/booths/strategy", headers=cookies(people["visitor"]))).text()
    assert "&lt;b&gt;Gibt es Folien?&lt;/b&gt;" in html and "Ja, im PDF." in html
    for who in ("visitor", "own"):
        url = f"/booths/strategy/guestbook/{entry.id}/delete"
        response = await client.post(url, data=form(), headers=cookies(people[who]))
        assert response.status == 403
    deleted = await client.post(
        f"/booths/strategy/guestbook/{entry.id}/delete",
        data=form(),
        headers=cookies(people["moderator"]),
        allow_redirects=False,
    )
    assert deleted.status == 303 and await app[STORE].booths.guestbook("strategy") == []


async def test_guestbook_floods_are_limited(
    app: web.Application, client: Client, people: dict[str, str]
) -> None:
    statuses = []
    for i in range(5):
        response = await client.post(
            "/booths/strategy/guestbook",
            data=form(text=f"Notiz {i}"),
            headers=cookies(people["visitor"]),
            allow_redirects=False,
        )
        statuses.append(response.status)
    assert statuses == [303, 303, 303, 429, 429]
    assert len(await app[STORE].booths.guestbook("strategy")) == 3


async def test_leads_csv_for_the_booths_exhibitors_only(
    app: web.Application, client: Client, people: dict[str, str]
) -> None:
    activity = app[STORE].booth_activity
    vera = (await staff(app, Role.PARTICIPANT, "=Vera"))[0]
    ben = (await staff(app, Role.PARTICIPANT, "Ben"))[0]
    await activity.add_request("r1", "strategy", vera.id, "=Vera", "vera@example.org")
    await activity.add_request("r2", "strategy", ben.id, "Ben", None)
    await activity.answer_request("r2", "Erika")
    assert (
        await client.get("/booths/strategy/leads.csv", headers=cookies(people["other"]))
    ).status == 403
    response = await client.get("/booths/strategy/leads.csv", headers=cookies(people["own"]))
    assert response.status == 200 and response.content_type == "text/csv"
    text = (await response.read()).decode("utf-8-sig")
    lines = text.strip().split("\r\n")
    assert lines[0] == "Zeit;Besucher*in;E-Mail (falls geteilt);Status;Beantwortet von"
    assert ";'=Vera;vera@example.org;offen;" in lines[1]
    assert lines[2].endswith(";Ben;;beantwortet;Erika")


async def test_the_rota_sets_the_next_opening(
    app: web.Application, client: Client, people: dict[str, str]
) -> None:
    response = await client.post(
        "/booths/strategy/rota",
        data=form(block=["0", "2"]),
        headers=cookies(people["own"]),
        allow_redirects=False,
    )
    assert response.status == 303
    rota = await app[STORE].booths.rota("strategy")
    assert list(rota.values()) == [{0, 2}]
    assert app[LIVE].booths.rota["strategy"] == {0, 2}
    bad = await client.post(
        "/booths/strategy/rota",
        data=form(block=["9999"]),
        headers=cookies(people["own"]),
        allow_redirects=False,
    )
    assert "booth.rota_invalid" in bad.headers["Location"]


async def test_a_moderator_hides_a_booth(
    app: web.Application, client: Client, people: dict[str, str]
) -> None:
    refused = await client.post(
        "/booths/strategy/hide", data=form(hidden="1"), headers=cookies(people["own"])
    )
    assert refused.status == 403
    hidden = await client.post(
        "/booths/strategy/hide",
        data=form(hidden="1"),
        headers=cookies(people["moderator"]),
        allow_redirects=False,
    )
    assert hidden.status == 303
    assert "strategy" in app[LIVE].booths.booths.hidden
    assert (await client.get("/booths/strategy", headers=cookies(people["visitor"]))).status == 404
    listing = await (await client.get("/booths", headers=cookies(people["visitor"]))).text()
    assert 'href="/booths/strategy"' not in listing
    own = await client.get("/booths/strategy", headers=cookies(people["own"]))
    assert own.status == 200 and "Ausgeblendet" in await own.text()
    await client.post(
        "/booths/strategy/hide", data=form(hidden="0"), headers=cookies(people["moderator"])
    )
    assert (await client.get("/booths/strategy", headers=cookies(people["visitor"]))).status == 200


async def test_booth_data_for_the_venue_page(
    app: web.Application, client: Client, people: dict[str, str]
) -> None:
    fields = form(title="Strategie", description_de="**Fett** und [Link](https://e.org) <b>x</b>")
    await client.post("/booths/strategy", data=fields, headers=cookies(people["own"]))
    await app[LIVE].booths.set_hidden("energy", True)
    data = await (await client.get("/booths.json", headers=cookies(people["visitor"]))).json()
    ids = [b["id"] for b in data["booths"]]
    assert "energy" not in ids and "strategy" in ids and data["mine"] == []
    strategy = next(b for b in data["booths"] if b["id"] == "strategy")
    assert strategy["space"] == "exhibition" and strategy["url"] == "/booths/strategy"
    assert strategy["summary"]["de"] == "Fett und Link <b>x</b>"  # shown as text by the client
    own = await (await client.get("/booths.json", headers=cookies(people["own"]))).json()
    assert own["mine"] == ["strategy"]
    assert (await client.get("/booths.json")).status == 401
