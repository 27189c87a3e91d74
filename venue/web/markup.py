"""A strict Markdown subset for booth descriptions, written here rather than imported.

Paragraphs, **bold**, *emphasis*, [links](https://…) and lists; everything else is shown as
typed. The text is HTML-escaped first and only then given the few tags of this subset, so
no markup a user writes can reach the page (a Markdown library plus a sanitiser would be
two moving parts for four constructs).
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_LINK = re.compile(r"\[([^\[\]\n]{1,200})\]\((https?://[^\s()<>\"']{1,500})\)")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"\*(?=\S)(.+?)(?<=\S)\*")
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")


def render(text: str) -> Markup:
    """Safe HTML for `text` in the subset; links open with rel=noopener."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    html = [_block(block.split("\n")) for block in blocks if block.strip()]
    return Markup("\n".join(html))


def _block(lines: list[str]) -> str:
    for pattern, tag in ((_BULLET, "ul"), (_NUMBER, "ol")):
        items = [pattern.match(line) for line in lines]
        if all(items):
            inner = "".join(f"<li>{_inline(m.group(1))}</li>" for m in items if m)
            return f"<{tag}>{inner}</{tag}>"
    return "<p>" + "<br>".join(_inline(line.strip()) for line in lines) + "</p>"


def _inline(text: str) -> str:
    # escape first: from here on the only tags are the ones added below
    out = str(escape(text))
    parts, end = [], 0
    for link in _LINK.finditer(out):  # emphasis inside a URL would end up in the href
        parts.append(_emphasis(out[end : link.start()]))
        parts.append(
            f'<a href="{link.group(2)}" rel="noopener noreferrer nofollow" '
            f'target="_blank">{_emphasis(link.group(1))}</a>'
        )
        end = link.end()
    parts.append(_emphasis(out[end:]))
    return "".join(parts)


def _emphasis(text: str) -> str:
    return _EM.sub(r"<em>\1</em>", _BOLD.sub(r"<strong>\1</strong>", text))
