"""Hostile files made on the spot (nothing copied from elsewhere): PDFs that are cheap to send
and expensive to read."""

from __future__ import annotations

import io


def many_page_pdf(pages: int, declared: int | None = None) -> bytes:
    """A valid PDF of `pages` empty pages in one flat page tree (~100 bytes a page);
    `declared` puts another number in the tree's /Count, as a liar would."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets: list[int] = [0]

    def obj(body: bytes) -> None:
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (len(offsets) - 1, body))

    count = pages if declared is None else declared
    obj(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = b" ".join(b"%d 0 R" % (n + 3) for n in range(pages))
    obj(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count))
    for _ in range(pages):
        obj(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % len(offsets))
    for offset in offsets[1:]:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets), xref)
    )
    return out.getvalue()
