"""Booth logos and materials with real files and hostile ones; descriptions rendered inert."""

from __future__ import annotations

import io
import struct
import zlib
from html.parser import HTMLParser

import pytest
from PIL import Image

from venue.domain.errors import DomainError
from venue.web import markup, uploads


def image(fmt: str, size: tuple[int, int] = (800, 400), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "teal").save(out, fmt)
    return out.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims huge dimensions (an image bomb's first bytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0"))


@pytest.mark.parametrize(("fmt", "mode"), [("PNG", "RGBA"), ("JPEG", "RGB"), ("WEBP", "RGB")])
def test_logos_are_re_encoded_as_png_of_at_most_512_px(fmt: str, mode: str) -> None:
    stored = uploads.logo(image(fmt, mode=mode))
    with Image.open(io.BytesIO(stored)) as logo:
        assert logo.format == "PNG" and logo.size == (512, 256)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"GIF89a" + b"\0" * 100, "upload.not_image"),
        (b"<svg onload=alert(1)>", "upload.not_image"),
        (image("GIF"), "upload.not_image"),
        (png_declaring(100_000, 100_000), "upload.dimensions"),
        (png_declaring(5000, 10), "upload.dimensions"),
        (b"\x89PNG" + b"\0" * (2 * 1024 * 1024), "upload.too_large"),
    ],
)
def test_hostile_logos_are_refused(data: bytes, code: str) -> None:
    with pytest.raises(DomainError) as err:
        uploads.logo(data)
    assert err.value.code == code


def real_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_real_pdf_is_kept_as_it_is() -> None:
    data = real_pdf()
    assert uploads.pdf(data) == data


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"<html><script>alert(1)</script></html>", "upload.not_pdf"),
        (b"%PDF-1.7\nthis is no pdf at all", "upload.not_pdf"),
        (image("PNG"), "upload.not_pdf"),
        (b"%PDF-" + b"\0" * (10 * 1024 * 1024), "upload.too_large"),
    ],
)
def test_files_that_are_not_pdfs_are_refused(data: bytes, code: str) -> None:
    with pytest.raises(DomainError) as err:
        uploads.pdf(data)
    assert err.value.code == code


def test_the_markdown_subset() -> None:
    html = markup.render(
        "Wir sind **stark** und *klug*.\nZweite Zeile\n\n"
        "- eins\n- [Web](https://example.org/a?b=1&c=2)\n\n1. erstens"
    )
    assert html == (
        "<p>Wir sind <strong>stark</strong> und <em>klug</em>.<br>Zweite Zeile</p>\n"
        '<ul><li>eins</li><li><a href="https://example.org/a?b=1&amp;c=2" '
        'rel="noopener noreferrer nofollow" target="_blank">Web</a></li></ul>\n'
        "<ol><li>erstens</li></ol>"
    )


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '[x](https://e.org/" onmouseover="alert(1))',
        "[**x**](data:text/html,<script>alert(1)</script>)",
        "<a href='https://e.org'>x</a>",
    ],
)
def test_markup_and_script_stay_text(text: str) -> None:
    tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            tags.append((tag, attrs))

    Tags().feed(str(markup.render(text)))
    for tag, attrs in tags:
        assert tag in {"p", "br", "strong", "em", "ul", "ol", "li", "a"}, tag
        for name, value in attrs:
            assert name in {"href", "rel", "target"}, name
            if name == "href":
                assert value is not None and value.startswith(("https://", "http://"))
