"""Booth logos and PDF materials: uploads read from the stream part by part with their own
byte caps (the app's small `client_max_size` keeps guarding every other form), and serving them.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from aiohttp import BodyPartReader, web

from venue.domain.errors import Code, DomainError
from venue.domain.permissions import Permission
from venue.web import uploads
from venue.web.auth import require_person
from venue.web.booth_view import (
    back_to,
    booth_id,
    read_form,
    render_booth,
    viewer_of,
)
from venue.web.csrf import CSRF_FIELD, check_csrf
from venue.web.keys import OFFLOAD, STORE
from venue.web.refusals import json_exception, require_same_origin

routes = web.RouteTableDef()


MATERIALS_MAX = 10


UPLOAD_SLACK = 16 * 1024  # multipart headers and the CSRF field around the file


UPLOAD_CHUNK = 64 * 1024


FILENAME_MAX = 100


_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@routes.post("/booths/{booth}/logo")
async def upload_logo(request: web.Request) -> web.StreamResponse:
    booth = booth_id(request)
    await require_person(request, Permission.STAFF_BOOTH, booth)
    data, _name = await _upload(request, uploads.LOGO_MAX_BYTES)
    try:
        png = await request.app[OFFLOAD].run(uploads.logo, data)
    except DomainError as exc:
        return await _upload_error(request, "logo", exc)
    await request.app[STORE].booths.add_file(booth, "logo", "logo.png", "image/png", png)
    raise back_to(booth, {"done": "logo"}, "booth-logo-form")


@routes.post("/booths/{booth}/materials")
async def upload_material(request: web.Request) -> web.StreamResponse:
    booth = booth_id(request)
    await require_person(request, Permission.STAFF_BOOTH, booth)
    store = request.app[STORE].booths
    if len(await store.files(booth, "material")) >= MATERIALS_MAX:
        exc = DomainError(Code.UPLOAD_TOO_MANY, f"At most {MATERIALS_MAX} files per booth.")
        return await _upload_error(request, "material", exc)
    data, name = await _upload(request, uploads.PDF_MAX_BYTES)
    try:
        checked = await request.app[OFFLOAD].run(uploads.pdf, data)
    except DomainError as exc:
        return await _upload_error(request, "material", exc)
    await store.add_file(booth, "material", safe_filename(name), "application/pdf", checked)
    raise back_to(booth, {"done": "material"}, "booth-materials")


@routes.post("/booths/{booth}/materials/{file}/delete")
async def delete_material(request: web.Request) -> web.StreamResponse:
    booth = booth_id(request)
    await require_person(request, Permission.STAFF_BOOTH, booth)
    await read_form(request)
    await request.app[STORE].booths.delete_file(booth, request.match_info["file"])
    raise back_to(booth, {"done": "material_deleted"}, "booth-materials")


@routes.get("/booths/{booth}/files/{file}")
async def booth_file(request: web.Request) -> web.StreamResponse:
    """A logo (inline) or a material (always a download, under a name safe to show)."""
    await viewer_of(request)  # hidden booths stay hidden, files included
    found = await request.app[STORE].booths.file(booth_id(request), request.match_info["file"])
    if found is None:
        raise web.HTTPNotFound(reason="file.unknown")
    stored, data = found
    if stored.kind == "logo":
        disposition = "inline"
        content_type = "image/png"
    else:
        name = safe_filename(stored.name)
        disposition = f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}"
        content_type = "application/pdf"
    return web.Response(
        body=data,
        content_type=content_type,
        headers={
            "Content-Disposition": disposition,
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, max-age=300",
        },
    )


def safe_filename(name: str) -> str:
    """A download name without paths, quotes or control characters, ending in .pdf."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = base[:-4] if base.lower().endswith(".pdf") else base
    stem = _UNSAFE_NAME.sub("_", stem).strip("._-")[: FILENAME_MAX - 4]
    return (stem or "material") + ".pdf"


async def _upload(request: web.Request, cap: int) -> tuple[bytes, str]:
    """The one file of a multipart form, read with a byte cap, after the CSRF field.

    The form puts the CSRF field first; a file before it, a second file or an oversized
    part ends the request before more than `cap` bytes are held in memory.
    """
    require_same_origin(request)
    if not request.content_type.startswith("multipart/form-data"):
        raise json_exception(web.HTTPBadRequest, "upload.form", "Send the file as a form.")
    if request.content_length is not None and request.content_length > cap + UPLOAD_SLACK:
        raise _too_large(cap)
    reader = await request.multipart()
    csrf: str | None = None
    for _ in range(4):
        part = await reader.next()
        if part is None:
            break
        if not isinstance(part, BodyPartReader):
            raise json_exception(web.HTTPBadRequest, "upload.form", "Send the file as a form.")
        if part.name == CSRF_FIELD:
            csrf = (await _read(part, 256, cap)).decode("utf-8", "replace")
        elif part.name == "file":
            check_csrf(request, csrf)
            data = await _read(part, cap, cap)
            if not data:
                raise json_exception(web.HTTPBadRequest, "upload.empty", "Choose a file first.")
            return data, part.filename or ""
        else:
            await _read(part, 1024, cap)
    check_csrf(request, csrf)
    raise json_exception(web.HTTPBadRequest, "upload.empty", "Choose a file first.")


async def _read(part: BodyPartReader, limit: int, cap: int) -> bytes:
    data = bytearray()
    while chunk := await part.read_chunk(UPLOAD_CHUNK):
        data += chunk
        if len(data) > limit:
            raise _too_large(cap)
    return bytes(data)


def _too_large(cap: int) -> web.HTTPException:
    return json_exception(
        web.HTTPRequestEntityTooLarge,
        "upload.too_large",
        f"The file is larger than {cap // (1024 * 1024)} MB.",
        max_size=cap,
        actual_size=cap + 1,
    )


async def _upload_error(request: web.Request, form: str, exc: DomainError) -> web.Response:
    """A refused upload: the page with the error at the form, or JSON for scripts."""
    status = {"upload.too_large": 413, "work.busy": 503}.get(exc.code, 400)
    if "text/html" not in request.headers.get("Accept", ""):
        raise _json(status, exc)
    viewer, content = await viewer_of(request)
    return await render_booth(
        request, viewer, content, upload_errors={form: exc.code}, status=status
    )


def _json(status: int, exc: DomainError) -> web.HTTPException:
    if status == 503:
        return json_exception(web.HTTPServiceUnavailable, exc.code, exc.message)
    if status == 413:
        kind = web.HTTPRequestEntityTooLarge
        return json_exception(kind, exc.code, exc.message, max_size=0, actual_size=0)
    return json_exception(web.HTTPBadRequest, exc.code, exc.message)
