"""A certificate of attendance as a one-page PDF (fpdf2), with a QR code (segno) of the URL
that verifies it. Runs in an offload worker: font subsetting is too slow for the event loop.

Names in the Lausitz are often Sorbian or Polish (č, ř, ł): the text is set in DejaVu Sans,
which covers them, where the system has it (Debian's fonts-dejavu-core); without it the PDF
falls back to Helvetica and replaces what Latin-1 lacks.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import segno
from fpdf import FPDF

FONTS = Path("/usr/share/fonts/truetype/dejavu")
MINUTES_MM = 22  # the right-hand column of minutes
QR_MM = 40  # printed size of the code: phones read it from paper and from a screen


def certificate_pdf(body: Mapping[str, Any], texts: Mapping[str, str], url: str) -> bytes:
    """The PDF of a certificate stating `body`, in the words of `texts`, verified at `url`."""
    pdf = FPDF(format="A4")
    pdf.set_title(texts["title"])
    pdf.set_author(str(body["event"]))
    pdf.set_creator("venue")
    pdf.add_page()
    family, clean = _font(pdf)
    pdf.set_margins(20, 20, 20)

    def line(text: str, size: float, style: str = "", height: float = 8, width: float = 0) -> None:
        pdf.set_font(family, style, size)
        pdf.multi_cell(width, height, clean(text), align="L", new_x="LMARGIN", new_y="NEXT")

    pdf.set_y(25)
    line(str(body["event"]), 12)
    line(texts["title"], 24, "B", 14)
    pdf.ln(6)
    line(texts["certifies"], 12)
    line(str(body["name"]), 18, "B", 11)
    line(texts["attended"].format(date=body["date"]), 12)
    pdf.ln(4)
    for block in body["blocks"]:
        # the label on the left (wrapping if it must), the minutes level with its first line
        if pdf.will_page_break(8):  # the minutes must stand on the label's page
            pdf.add_page()
        top, width = pdf.get_y(), pdf.epw - MINUTES_MM
        line(block["label"], 11, "B", width=width)
        bottom = pdf.get_y()
        pdf.set_xy(pdf.l_margin + width, top)
        pdf.cell(MINUTES_MM, 8, clean(texts["minutes"].format(minutes=block["minutes"])), align="R")
        pdf.set_xy(pdf.l_margin, bottom)
        for title in block["titles"]:
            line(f"   {title}", 10, height=6)
        pdf.ln(2)
    pdf.ln(6)
    top = max(pdf.get_y(), 180.0)  # the code low on the page, where a long list allows
    if top + QR_MM > pdf.h - pdf.b_margin:  # a long day: the code on a page of its own
        pdf.add_page()
        top = pdf.t_margin
    qr = io.BytesIO()
    segno.make(url, error="m").save(qr, kind="png", scale=8, border=2)
    pdf.image(qr, x=20, y=top, w=QR_MM, h=QR_MM)
    pdf.set_xy(20 + QR_MM + 6, top + 4)
    pdf.set_font(family, "", 10)
    pdf.multi_cell(0, 6, clean(texts["verify"]), align="L", new_x="LEFT", new_y="NEXT")
    pdf.set_font(family, "", 9)
    pdf.multi_cell(0, 5, clean(url), align="L", new_x="LEFT", new_y="NEXT")
    pdf.multi_cell(0, 5, clean(texts["issued"].format(date=body["issued"])), align="L")
    return bytes(pdf.output())


def _font(pdf: FPDF) -> tuple[str, Any]:
    """DejaVu Sans if installed, else Helvetica; and how text must be cleaned for it."""
    regular, bold = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        return "DejaVu", lambda text: text
    replacements = str.maketrans({"–": "-", "·": "-", "…": "..."})
    return (
        "Helvetica",
        lambda text: text.translate(replacements).encode("latin-1", "replace").decode("latin-1"),
    )
