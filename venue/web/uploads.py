"""Checking uploaded files before anything is stored: logos are re-encoded, PDFs parsed.

Both are CPU-heavy on crafted files: the web layer runs them in `offload.Offload`'s workers.
"""

from __future__ import annotations

import io
import logging
import warnings

from PIL import Image, UnidentifiedImageError

from venue.domain.errors import Code, DomainError

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_SIDE = 4096  # declared dimensions above this are refused before decoding
LOGO_SIDE = 512  # stored logos fit in this square
PDF_MAX_BYTES = 10 * 1024 * 1024
PDF_MAX_PAGES = 2000  # booth materials are flyers and slides, not archives
IMAGE_FORMATS = frozenset({"PNG", "JPEG", "WEBP"})

# Pillow refuses images above this many pixels itself (decompression bombs), as a second line
Image.MAX_IMAGE_PIXELS = LOGO_MAX_SIDE * LOGO_MAX_SIDE


def logo(data: bytes) -> bytes:
    """The logo as a PNG of at most 512 px, from a PNG, JPEG or WebP upload."""
    if len(data) > LOGO_MAX_BYTES:
        raise DomainError(Code.UPLOAD_TOO_LARGE, "A logo has at most 2 MB.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in IMAGE_FORMATS:
                    raise DomainError(Code.UPLOAD_NOT_IMAGE, "Logos are PNG, JPEG or WebP images.")
                width, height = image.size
                if width > LOGO_MAX_SIDE or height > LOGO_MAX_SIDE:
                    raise DomainError(
                        Code.UPLOAD_DIMENSIONS, f"A logo has at most {LOGO_MAX_SIDE} px a side."
                    )
                image.load()
                image.thumbnail((LOGO_SIDE, LOGO_SIDE))
                mode = "RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB"
                out = io.BytesIO()
                image.convert(mode).save(out, "PNG", optimize=True)
    except DomainError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise DomainError(Code.UPLOAD_DIMENSIONS, "That image is far too large.") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise DomainError(Code.UPLOAD_NOT_IMAGE, "Logos are PNG, JPEG or WebP images.") from None
    return out.getvalue()


_TOO_MANY_PAGES = f"Materials have at most {PDF_MAX_PAGES} pages."


def pdf(data: bytes) -> bytes:
    """The file, if it is a PDF of at most 10 MB that a PDF reader can open."""
    if len(data) > PDF_MAX_BYTES:
        raise DomainError(Code.UPLOAD_TOO_LARGE, "Materials have at most 10 MB.")
    if not data.startswith(b"%PDF-"):
        raise DomainError(Code.UPLOAD_NOT_PDF, "Materials are PDF files.")
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.CRITICAL)  # a broken upload is our error message, not a log
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            # the page tree's own count first: counting real pages walks the whole tree
            tree = reader.root_object["/Pages"].get_object()
            declared = tree.get("/Count", 0) if isinstance(tree, DictionaryObject) else 0
            if not isinstance(declared, int) or declared > PDF_MAX_PAGES:
                raise DomainError(Code.UPLOAD_TOO_COMPLEX, _TOO_MANY_PAGES)
            pages = len(reader.pages)
    except DomainError:
        raise
    except Exception:  # pypdf raises many kinds for a broken file
        raise DomainError(Code.UPLOAD_NOT_PDF, "That PDF cannot be read.") from None
    finally:
        pypdf_log.setLevel(level)
    if pages > PDF_MAX_PAGES:
        raise DomainError(Code.UPLOAD_TOO_COMPLEX, _TOO_MANY_PAGES)
    if pages < 1:
        raise DomainError(Code.UPLOAD_NOT_PDF, "That PDF has no pages.")
    return data
