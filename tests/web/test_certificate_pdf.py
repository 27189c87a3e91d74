"""The certificate's PDF on its own: names beyond Latin-1 print, a long day keeps its QR code
and verification URL whole on a page, and the URL is what the QR code holds."""

from __future__ import annotations

import io
import json

import zxingcpp
from pypdf import PdfReader

from venue.settings import ROOT
from venue.web.certificate_pdf import certificate_pdf
from venue.web.certificates import TEXTS

URL = "https://venue.example.org/certificates/AbCdEfGhIjKlMnOpQrStUvWx"


def texts(lang: str) -> dict[str, str]:
    catalogue = json.loads((ROOT / "static" / "locales" / f"{lang}.json").read_text("utf-8"))
    return {key: catalogue[f"certificate.{key}"] for key in TEXTS}


def body(blocks: int, titles: int = 1) -> dict[str, object]:
    return {
        "name": "Jan Škoda-Łukaszewicz",
        "event": "3. Bündnistreffen Lausitz – Life & Technology",
        "date": "30.11.2021",
        "issued": "01.12.2021",
        "blocks": [
            {
                "label": f"{10 + i}:00–{10 + i}:45 Raum {i}",
                "titles": [f"Vortrag {i}.{j}: " + "ein langer Titel " * 6 for j in range(titles)],
                "minutes": 45 - i,
            }
            for i in range(blocks)
        ],
    }


def test_a_certificate_prints_sorbian_and_polish_names_and_its_url() -> None:
    reader = PdfReader(io.BytesIO(certificate_pdf(body(2), texts("de"), URL)))
    (page,) = reader.pages
    text = page.extract_text()
    assert "Jan Škoda-Łukaszewicz" in text and "Teilnahmebescheinigung" in text
    assert "10:00–10:45 Raum 0 45 Min." in text.splitlines()
    assert URL in text
    (code,) = page.images
    (read,) = zxingcpp.read_barcodes(code.image)  # what a phone's camera reads
    assert read.format == zxingcpp.BarcodeFormat.QRCode and read.text == URL
    assert reader.metadata is not None and reader.metadata.title == "Teilnahmebescheinigung"


def test_a_long_day_runs_over_pages_and_keeps_its_code_whole() -> None:
    reader = PdfReader(io.BytesIO(certificate_pdf(body(8, titles=3), texts("en"), URL)))
    assert len(reader.pages) >= 2
    lines = [line for page in reader.pages for line in page.extract_text().splitlines()]
    for i in range(8):  # each block with its minutes beside it, wherever the page breaks
        assert f"{10 + i}:00–{10 + i}:45 Raum {i} {45 - i} min" in lines
    last = reader.pages[-1]
    assert URL in last.extract_text() and len(last.images) == 1
