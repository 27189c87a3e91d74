"""Rendering pages: language, message catalogue and CSRF token for every template."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web

from venue.web.csrf import csrf_token, set_csrf_cookie
from venue.web.keys import SETTINGS, VENUE

LANGUAGES = ("de", "en")
LANG_COOKIE = "venue_lang"


def language(request: web.Request) -> str:
    """German unless the visitor chose English (?lang=en, remembered in a cookie)."""
    chosen = request.query.get("lang") or request.cookies.get(LANG_COOKIE)
    return chosen if chosen in LANGUAGES else "de"


@cache
def catalogue(static_dir: Path, lang: str) -> dict[str, str]:
    data: dict[str, str] = json.loads((static_dir / "locales" / f"{lang}.json").read_text("utf-8"))
    return data


def page(
    request: web.Request, template: str, context: dict[str, Any], status: int = 200
) -> web.Response:
    """Render a page with what every template may use: lang, t, title, event, csrf."""
    lang = language(request)
    venue = request.app[VENUE]
    base = {
        "lang": lang,
        "t": catalogue(request.app[SETTINGS].static_dir, lang),
        "title": venue.title.get(lang),
        "subtitle": venue.event.subtitle.get(lang) if venue.event and venue.event.subtitle else "",
        "event": venue.event,
        "venue_id": venue.id,
        "csrf": csrf_token(request),
        "boot": {},
    }
    response = aiohttp_jinja2.render_template(template, request, base | context, status=status)
    set_csrf_cookie(request, response)
    if request.query.get("lang") in LANGUAGES:
        set_language_cookie(response, lang)
    return response


def set_language_cookie(response: web.StreamResponse, lang: str | None) -> None:
    """The browser speaks `lang` from now on (a switch, or opening one's personal link)."""
    if lang in LANGUAGES:
        response.set_cookie(LANG_COOKIE, lang, max_age=60 * 60 * 24 * 365, samesite="Lax")
